/**
 * The code generator behind `emitCodec`: one specialised decoder and encoder function per
 * reachable type, following serde_json's call sequence for the Rust types wit-bindgen
 * generates (runtime.ts implements each step on the reader and writer side). For the engines that
 * interpret JavaScript, each type also gets the two walks of the whole-document fast paths:
 * `accept<Type>` over JSON.parse's value (FastDoc) and `plain<Type>` building what JSON.stringify
 * writes as the Writer would (FastOut); types those paths cannot carry (tagged forms other than
 * serde's external one, witified maps, non-string map keys, deep nesting) get neither.
 *
 * Functions are named after their type (`readGetResponse`, `writeListString`), never after a
 * type id, so a WIT edit elsewhere renames nothing. They are built from a work list, not by
 * recursion: a chain of thousands of named types gives thousands of small functions that call
 * each other, and types are written by name (`typeRef`), never spelled out in full.
 */
import { dealias, type Resolve, type Type, type TypeId } from '../wit/model.ts';
import {
  jsName,
  rustName,
  serdeCaseName,
  serdeFieldName,
  tsPropertyKey,
  tsStringLiteral,
  typeShapeName,
  upperCamelCase,
} from '../naming/index.ts';
import {
  objectType,
  optionUsesNull,
  resolvePrimitive,
  tsType,
  typeDef,
  TYPED_ARRAYS,
  type TypeNamer,
} from '../typemap/index.ts';
import { LINE_WIDTH, type GeneratedFile } from '../gen/generated-file.ts';
import type { AdHocRecord } from './emit.ts';
import type { ResolvedCodecOptions } from './options.ts';
import type { RuntimeSymbol } from './runtime.ts';

const INT_READERS: Record<string, string> = {
  u8: 'u8',
  u16: 'u16',
  u32: 'u32',
  s8: 's8',
  s16: 's16',
  s32: 's32',
  u64: 'u64',
  s64: 's64',
};

interface FieldSpec {
  wit: string;
  type: Type;
  /** JSON key (serde name). */
  json: string;
  /** JS property key (jco camelCase). */
  js: string;
}

/** Where the generated code goes and how it names what it did not generate. */
export interface GeneratorTarget {
  file: GeneratedFile;
  /** The module specifier of the codec runtime. */
  runtimeImport: string;
  /** The declared name of each named type (`typeDeclarationNames`): the base of its functions' names. */
  typeNames: Map<TypeId, string>;
  /** How the module writes a named type: an imported or locally declared name. */
  typeRef: TypeNamer;
}

type FunctionKind = 'read' | 'write' | 'writeFields' | 'accept' | 'plain';

/** The word a literal constant's name starts with, by the literal's prefix. */
const LITERAL_WORDS = { '{': 'open', ',': 'next', '': 'quoted' } as const;

/** Accumulates the specialised functions and constants of one module. */
export class Generator {
  readonly functions: string[] = [];
  readonly constants: string[] = [];
  /** Function names by kind and type shape (anonymous types of one shape share a function). */
  private readonly functionNames = new Map<string, string>();
  /** Functions named but not yet written: the work list. */
  private readonly pending: { kind: FunctionKind; id: TypeId; name: string }[] = [];
  private written = 0;
  private readonly literals = new Map<string, string>();
  private readonly flagSpecs = new Map<TypeId, string>();
  /** `fastDepth` by definition. */
  private readonly depths = new Map<TypeId, number | null>();
  /** `holdsByteArray` by definition. */
  private readonly byteArrays = new Map<TypeId, boolean>();
  private readonly file: GeneratedFile;

  constructor(
    private readonly resolve: Resolve,
    private readonly opts: ResolvedCodecOptions,
    private readonly target: GeneratorTarget,
  ) {
    this.file = target.file;
  }

  /** The local name of a runtime export, imported on first use. */
  private rt(name: RuntimeSymbol): string {
    return this.file.import({ name, from: this.target.runtimeImport });
  }

  /** The name of the `kind` function of definition `id`, queued for writing on first use. */
  private fn(kind: FunctionKind, id: TypeId): string {
    const key = `${kind} ${this.shapeKey(id)}`;
    let name = this.functionNames.get(key);
    if (name === undefined) {
      const base = typeShapeName(this.resolve, id, (t) => this.target.typeNames.get(t));
      name = this.file.declare(kind === 'writeFields' ? `write${base}Fields` : `${kind}${base}`);
      this.functionNames.set(key, name);
      this.pending.push({ kind, id, name });
    }
    return name;
  }

  /**
   * Identifies a definition for sharing functions: a named type by its id, an anonymous one by
   * its structure (anonymous types nest at most 100 deep in WIT, so this recursion is bounded).
   */
  private shapeKey(id: TypeId): string {
    const def = this.resolve.types[id]!;
    if (def.name !== null) return `#${id}`;
    const part = (t: Type | null): string => {
      if (t === null) return '_';
      const d = dealias(this.resolve, t);
      return typeof d === 'number' ? this.shapeKey(d) : d;
    };
    const k = def.kind;
    switch (k.kind) {
      case 'list':
      case 'option':
        return `${k.kind}<${part(k.type)}>`;
      case 'fixed-length-list':
        return `list<${part(k.type)}, ${k.length}>`;
      case 'result':
        return `result<${part(k.ok)}, ${part(k.err)}>`;
      case 'tuple':
        return `tuple<${k.types.map(part).join(', ')}>`;
      case 'map':
        return `map<${part(k.key)}, ${part(k.value)}>`;
      default:
        return `#${id}`;
    }
  }

  /** Writes every queued function; each may queue more. */
  flush(): void {
    while (this.written < this.pending.length) {
      const { kind, id, name } = this.pending[this.written++]!;
      const lines =
        kind === 'read'
          ? this.decoderFunction(id, name)
          : kind === 'write'
            ? this.encoderFunction(id, name)
            : kind === 'accept'
              ? this.acceptFunction(id, name)
              : kind === 'plain'
                ? this.plainFunction(id, name)
                : this.fieldWriterFunction(id, name);
      this.functions.push(...lines, '');
    }
  }

  /** A module-level constant holding the bytes of `prefix"name"suffix`. */
  private lit(prefix: keyof typeof LITERAL_WORDS, name: string, suffix: string): string {
    const key = JSON.stringify(['lit', prefix, name, suffix]);
    let id = this.literals.get(key);
    if (id === undefined) {
      id = this.file.declare(`${LITERAL_WORDS[prefix]}${constantWord(name)}`);
      this.literals.set(key, id);
      this.constants.push(
        `const ${id} = ${this.rt('literal')}(${tsStringLiteral(prefix)}, ${tsStringLiteral(name)}, ${tsStringLiteral(suffix)});`,
      );
    }
    return id;
  }

  /** A constant with the escaped body bytes of a key, for `Reader.keyIs`. */
  private keyLit(name: string): string {
    const key = JSON.stringify(['key', name]);
    let id = this.literals.get(key);
    if (id === undefined) {
      id = this.file.declare(`key${constantWord(name)}`);
      this.literals.set(key, id);
      this.constants.push(`const ${id} = ${this.rt('jsonStringBytes')}(${tsStringLiteral(name)});`);
    }
    return id;
  }

  /**
   * A constant describing a flags type for the runtime: Rust and jco names, and the bits of
   * wit-bindgen's repr (u8 up to 8 flags, u16, u32, then u64 and u128 for 2 and 4 words).
   */
  private flagsSpec(id: TypeId, flags: { name: string }[]): string {
    let name = this.flagSpecs.get(id);
    if (name === undefined) {
      name = this.file.declare(`flags${typeShapeName(this.resolve, id, (t) => this.target.typeNames.get(t))}`);
      this.flagSpecs.set(id, name);
      const n = flags.length;
      const width = n <= 8 ? 8 : n <= 16 ? 16 : n <= 32 ? 32 : n <= 64 ? 64 : 128;
      const names = flags.map((f) => tsStringLiteral(rustName(f.name, 'flag')));
      const props = flags.map((f) => tsStringLiteral(jsName(f.name, 'flag')));
      this.constants.push(
        `const ${name} = { names: [${names.join(', ')}], props: [${props.join(', ')}], width: ${width} };`,
      );
    }
    return name;
  }

  /** The TypeScript type of `t`, named types by name. */
  ts(t: Type): string {
    return tsType(this.resolve, t, this.target.typeRef);
  }

  /** The serde `expecting` text of a type, used in invalid-type and length errors. */
  private expecting(t: Type): string {
    let def = typeDef(this.resolve, t);
    // serde's Option expects what its content expects; options may nest thousands deep.
    while (def !== null && def.kind.kind === 'option') {
      const inner = def.kind.type;
      def = typeDef(this.resolve, inner);
      if (def === null) t = inner;
    }
    if (def === null) {
      const p = typeof t === 'number' ? 'string' : t;
      return PRIMITIVE_EXPECTING[p] ?? p;
    }
    const k = def.kind;
    const rust = rustName(def.name ?? '', 'type');
    switch (k.kind) {
      case 'record':
        return `struct ${rust}`;
      case 'variant':
      case 'enum':
        return `enum ${rust}`;
      case 'result':
        return 'enum Result';
      case 'list':
        return 'a sequence';
      case 'tuple':
        return `a tuple of size ${k.types.length}`;
      case 'fixed-length-list':
        return k.length === 0 ? 'an empty array' : `an array of length ${k.length}`;
      case 'map':
        return 'a map';
      case 'flags':
        return 'a string value of `|` separated flags';
      default:
        return 'a value';
    }
  }

  private fieldSpecs(fields: { name: string; type: Type }[]): FieldSpec[] {
    return fields.map((f) => ({
      wit: f.name,
      type: f.type,
      json: serdeFieldName(f.name, this.opts.fieldRename),
      js: jsName(f.name, 'field'),
    }));
  }

  // ---- decoding --------------------------------------------------------------------------

  /** An expression decoding a value of type `t` from reader `r`. */
  dec(t: Type): string {
    const d = dealias(this.resolve, t);
    if (typeof d !== 'number') return decPrimitive(d);
    const def = this.resolve.types[d]!;
    const k = def.kind;
    // An anonymous option is inlined; a named one gets a function (options may nest thousands deep).
    if (k.kind === 'option' && def.name === null) return this.decOption(k.type);
    if (k.kind === 'list' && resolvePrimitive(this.resolve, k.type) === 'u8') {
      return this.opts.bytes === 'base64' ? 'r.base64()' : 'r.bytesList()';
    }
    return `${this.fn('read', d)}(r)`;
  }

  private decOption(inner: Type): string {
    return optionUsesNull(this.resolve, inner)
      ? `r.none() ? undefined : ${this.dec(inner)}`
      : `r.none() ? { tag: 'none' as const } : { tag: 'some' as const, val: ${this.dec(inner)} }`;
  }

  private decoderFunction(id: TypeId, name: string): string[] {
    const def = this.resolve.types[id]!;
    const k = def.kind;
    const ts = this.ts(id);
    const head = `function ${name}(r: ${this.rt('Reader')}): ${ts} {`;
    switch (k.kind) {
      case 'option':
        return [head, `  return ${this.decOption(k.type)};`, '}'];
      case 'record':
        return this.recordDecoder(head, this.fieldSpecs(k.fields), `struct ${rustName(def.name ?? '', 'type')}`);
      case 'tuple':
        return this.fixedSeqDecoder(head, k.types, `a tuple of size ${k.types.length}`, (i) => `.${i}`, ts);
      case 'fixed-length-list':
        return this.fixedSeqDecoder(
          head,
          Array.from({ length: k.length }, () => k.type),
          this.expecting(id),
          (i) => `[${i}]`,
          ts,
        );
      case 'list':
        return this.listDecoder(head, k.type);
      case 'map':
        return this.mapDecoder(head, k.key, k.value);
      case 'flags':
        return [head, `  return r.flags(${this.flagsSpec(id, k.flags)}) as ${ts};`, '}'];
      case 'variant':
        return this.enumDecoder(
          head,
          ts,
          def.name ?? '',
          k.cases.map((c) => ({ json: serdeCaseName(c.name, this.opts.caseRename), tag: c.name, type: c.type })),
          false,
        );
      case 'enum':
        return this.enumDecoder(
          head,
          ts,
          def.name ?? '',
          k.cases.map((c) => ({ json: serdeCaseName(c.name, this.opts.caseRename), tag: c.name, type: null })),
          true,
        );
      case 'result':
        return this.externalDecoder(
          head,
          ts,
          [
            { json: 'Ok', tag: 'ok', type: k.ok, newtype: true },
            { json: 'Err', tag: 'err', type: k.err, newtype: true },
          ],
          false,
        );
      default:
        throw new Error(`no decoder for ${k.kind}`);
    }
  }

  private recordDecoder(head: string, fields: FieldSpec[], expected: string): string[] {
    const n = fields.length;
    const lines = [head, `  const form = r.structBegin(${tsStringLiteral(expected)});`];
    fields.forEach((f, i) => lines.push(`  let v${i}: ${this.ts(f.type)} | undefined;`, `  let h${i} = false;`));
    lines.push('  let seg: string | null = null;', '  try {', '    if (form === 1) {', '      let first = true;');
    lines.push('      while (r.mapNext(first)) {', '        first = false;');
    if (n === 0) {
      lines.push('        r.key();', '        r.colon();', '        r.skip();', '      }');
    } else {
      // Keys are matched on their bytes first; an escaped spelling falls back to the string.
      const fast = fields.map((f, i) => `r.keyIs(${this.keyLit(f.json)}) ? ${i} :`);
      const slow = fields.map((f, i) => `k === ${tsStringLiteral(f.json)} ? ${i} :`);
      lines.push(
        ...choice('        ', 'let f =', fast, '-2'),
        '        if (f === -2) {',
        '          const k = r.key();',
        ...choice('          ', 'f =', slow, '-1'),
        '        }',
      );
      lines.push('        switch (f) {');
      fields.forEach((f, i) => {
        lines.push(
          `          case ${i}:`,
          `            if (h${i}) throw r.duplicateField(${tsStringLiteral(f.json)});`,
          `            seg = ${tsStringLiteral(`.${f.json}`)};`,
          '            r.colon();',
          `            v${i} = ${this.dec(f.type)};`,
          `            h${i} = true;`,
          '            seg = null;',
          '            break;',
        );
      });
      lines.push('          default:', '            r.colon();', '            r.skip();', '        }', '      }');
    }
    fields.forEach((f, i) => {
      const missing = this.missingValue(f.type);
      lines.push(
        missing === null
          ? `      if (!h${i}) throw r.missingField(${tsStringLiteral(f.json)});`
          : `      if (!h${i}) v${i} = ${missing};`,
      );
    });
    lines.push('    } else {');
    const exp = `${expected} with ${n} element${n === 1 ? '' : 's'}`;
    fields.forEach((f, i) => {
      lines.push(
        `      if (!r.seqNext(${i === 0})) throw r.invalidLength(${i}, ${tsStringLiteral(exp)});`,
        `      seg = ${tsStringLiteral(`.${f.json}`)};`,
        `      v${i} = ${this.dec(f.type)};`,
        '      seg = null;',
      );
    });
    lines.push('    }', '  } catch (e) {', '    throw r.structFail(e, form, seg);', '  }');
    lines.push('  if (form === 1) r.mapEnd();', '  else r.seqEnd();');
    const props = fields.map((f, i) => `${tsPropertyKey(f.js)}: v${i}${this.isOptional(f.type) ? '' : '!'}`);
    lines.push(`  return { ${props.join(', ')} };`, '}');
    return lines;
  }

  /** serde's missing-field value: none for options (`missing_field` → visit_none), else null. */
  private missingValue(t: Type): string | null {
    const def = typeDef(this.resolve, t);
    if (def === null || def.kind.kind !== 'option') return null;
    return optionUsesNull(this.resolve, def.kind.type) ? 'undefined' : "{ tag: 'none' as const }";
  }

  private isOptional(t: Type): boolean {
    const def = typeDef(this.resolve, t);
    return def !== null && def.kind.kind === 'option' && optionUsesNull(this.resolve, def.kind.type);
  }

  private fixedSeqDecoder(
    head: string,
    types: Type[],
    expected: string,
    seg: (i: number) => string,
    ts: string,
  ): string[] {
    const lines = [head, `  r.seqBegin(${tsStringLiteral(expected)});`, '  let seg: string | null = null;'];
    types.forEach((t, i) => lines.push(`  let v${i}: ${this.ts(t)};`));
    lines.push('  try {');
    types.forEach((t, i) => {
      lines.push(
        `    if (!r.seqNext(${i === 0})) throw r.invalidLength(${i}, ${tsStringLiteral(expected)});`,
        `    seg = ${tsStringLiteral(seg(i))};`,
        `    v${i} = ${this.dec(t)};`,
        '    seg = null;',
      );
    });
    lines.push('  } catch (e) {', '    throw r.seqFail(e, seg);', '  }', '  r.seqEnd();');
    lines.push(`  return [${types.map((_, i) => `v${i}`).join(', ')}] as ${ts};`, '}');
    return lines;
  }

  private listDecoder(head: string, elem: Type): string[] {
    if (this.opts.witifiedMaps && this.isStringPair(elem)) return this.witifiedDecoder(head, elem);
    const prim = resolvePrimitive(this.resolve, elem);
    const typed = prim === null ? undefined : TYPED_ARRAYS[prim];
    const elemTs = this.ts(elem);
    const lines = [
      head,
      "  r.seqBegin('a sequence');",
      `  const out: ${elemTs}[] = [];`,
      '  try {',
      `    while (r.seqNext(out.length === 0)) out.push(${this.dec(elem)});`,
      '  } catch (e) {',
      '    throw r.seqFail(e, `[${out.length}]`);',
      '  }',
      '  r.seqEnd();',
    ];
    lines.push(typed !== undefined ? `  return ${typed}.from(out);` : '  return out;', '}');
    return lines;
  }

  /** `list<tuple<string, V>>` under witifiedMaps. */
  private isStringPair(elem: Type): boolean {
    const def = typeDef(this.resolve, elem);
    if (def === null || def.kind.kind !== 'tuple' || def.kind.types.length !== 2) return false;
    const first = def.kind.types[0]!;
    return typeDef(this.resolve, first) === null && resolvePrimitive(this.resolve, first) === 'string';
  }

  private pairValue(elem: Type): Type {
    const def = typeDef(this.resolve, elem)!;
    return (def.kind as { types: Type[] }).types[1]!;
  }

  private witifiedDecoder(head: string, elem: Type): string[] {
    const value = this.pairValue(elem);
    const vts = this.ts(value);
    return [
      head,
      "  r.mapBegin('a map');",
      `  const out: [string, ${vts}][] = [];`,
      '  const index = new Map<string, number>();',
      '  let seg: string | null = null;',
      '  let first = true;',
      '  try {',
      '    while (r.mapNext(first)) {',
      '      first = false;',
      '      const k = r.key();',
      "      seg = '.' + k;",
      '      r.colon();',
      `      const v = ${this.dec(value)};`,
      '      const at = index.get(k);',
      '      if (at === undefined) {',
      '        index.set(k, out.length);',
      '        out.push([k, v]);',
      '      } else out[at] = [k, v];',
      '      seg = null;',
      '    }',
      '  } catch (e) {',
      '    throw r.mapFail(e, seg);',
      '  }',
      '  r.mapEnd();',
      '  return out;',
      '}',
    ];
  }

  private mapDecoder(head: string, key: Type, value: Type): string[] {
    const p = resolvePrimitive(this.resolve, key);
    let keyExpr: string;
    if (p === 'string') keyExpr = 'r.key()';
    else if (p === 'char') keyExpr = 'r.keyChar()';
    else if (p === 'bool') keyExpr = 'r.keyBool()';
    else keyExpr = `(r.keyNumber(), r.${INT_READERS[p ?? '']}())`;
    const numeric = keyExpr.startsWith('(r.keyNumber');
    return [
      head,
      "  r.mapBegin('a map');",
      `  const out = new Map<${this.ts(key)}, ${this.ts(value)}>();`,
      '  let seg: string | null = null;',
      '  let first = true;',
      '  try {',
      '    while (r.mapNext(first)) {',
      '      first = false;',
      `      const k = ${keyExpr};`,
      ...(numeric ? ['      r.keyNumberEnd();'] : []),
      "      seg = '.' + String(k);",
      '      r.colon();',
      `      out.set(k, ${this.dec(value)});`,
      '      seg = null;',
      '    }',
      '  } catch (e) {',
      '    throw r.mapFail(e, seg);',
      '  }',
      '  r.mapEnd();',
      '  return out;',
      '}',
    ];
  }

  private enumDecoder(head: string, ts: string, witName: string, cases: CaseSpec[], isEnum: boolean): string[] {
    const repr = this.opts.enumRepr;
    const specs = cases.map((c) => ({ ...c, newtype: c.type !== null }));
    if (repr.kind === 'external') return this.externalDecoder(head, ts, specs, isEnum);
    const value = (c: CaseSpec, expr: string | null): string =>
      isEnum
        ? tsStringLiteral(c.tag)
        : expr === null
          ? `{ tag: ${tsStringLiteral(c.tag)} as const }`
          : `{ tag: ${tsStringLiteral(c.tag)} as const, val: ${expr} }`;
    const names = `[${cases.map((c) => tsStringLiteral(c.json)).join(', ')}]`;
    const rust = rustName(witName, 'type');
    if (repr.kind === 'untagged') {
      // serde buffers the value first (so syntax errors keep their position), then tries each
      // case in order; the final error carries no position.
      const lines = [
        head,
        '  r.ws();',
        '  const start = r.i;',
        '  r.any();',
        '  const end = r.i;',
        '  const depth = r.depth;',
      ];
      for (const c of cases) {
        lines.push(
          '  r.i = start;',
          '  try {',
          c.type === null ? '    r.unit();' : `    const v = ${this.dec(c.type)};`,
          `    return ${value(c, c.type === null ? null : 'v')};`,
          '  } catch {',
          '    r.depth = depth;',
          '  }',
        );
      }
      const message = tsStringLiteral(`data did not match any variant of untagged enum ${rust}`);
      lines.push('  r.i = end;', `  throw new ${this.rt('CodecError')}(${message});`, '}');
      return lines;
    }
    const content = repr.kind === 'adjacent' ? tsStringLiteral(repr.content) : 'null';
    const expected = `${repr.kind === 'internal' ? 'internally' : 'adjacently'} tagged enum ${rust}`;
    const lines = [
      head,
      '  r.ws();',
      `  const found = r.scanTag(${tsStringLiteral(repr.tag)}, ${content}, ${tsStringLiteral(expected)}, ${names});`,
    ];
    // scanTag accepted only known names, so the last case needs no test.
    cases.forEach((c, i) => {
      const test = i === cases.length - 1 ? '' : `if (found.tag === ${tsStringLiteral(c.json)}) `;
      lines.push(`  ${i === 0 ? '' : 'else '}${test}{`);
      if (c.type === null) {
        lines.push('    r.i = found.end;', `    return ${value(c, null)};`, '  }');
        return;
      }
      if (repr.kind === 'adjacent') {
        lines.push(`    if (found.content < 0) throw r.fix(r.missingField(${tsStringLiteral(repr.content)}));`);
      }
      lines.push(
        `    let v: ${this.ts(c.type)};`,
        '    r.i = found.content;',
        '    try {',
        `      v = ${this.dec(c.type)};`,
        '    } catch (e) {',
        '      throw r.contentFail(e, found);',
        '    }',
        '    r.i = found.end;',
        `    return ${value(c, 'v')};`,
        '  }',
      );
    });
    lines.push('}');
    return lines;
  }

  /** serde's externally tagged enum: `"Case"` or `{"Case": content}`. */
  private externalDecoder(
    head: string,
    ts: string,
    cases: (CaseSpec & { newtype: boolean })[],
    isEnum: boolean,
  ): string[] {
    const names = `[${cases.map((c) => tsStringLiteral(c.json)).join(', ')}]`;
    const value = (c: CaseSpec, expr: string | null): string =>
      isEnum
        ? tsStringLiteral(c.tag)
        : expr === null
          ? `{ tag: ${tsStringLiteral(c.tag)} as const }`
          : `{ tag: ${tsStringLiteral(c.tag)} as const, val: ${expr} }`;
    const lines = [
      head,
      '  const form = r.enumBegin();',
      '  if (form === 0) {',
      '    const name = r.variant();',
      '    switch (name) {',
    ];
    for (const c of cases) {
      lines.push(
        `      case ${tsStringLiteral(c.json)}:`,
        c.newtype ? '        throw r.unitVariantForNewtype();' : `        return ${value(c, null)};`,
      );
    }
    lines.push('      default:', `        throw r.unknownVariant(name, ${names});`, '    }', '  }');
    lines.push('  let seg: string | null = null;', `  let out!: ${ts};`, '  try {', '    const name = r.variantKey();');
    // serde reads the variant name (and rejects unknown ones) before the colon.
    lines.push(
      ...choice(
        '    ',
        'const c =',
        cases.map((c, i) => `name === ${tsStringLiteral(c.json)} ? ${i} :`),
        '-1',
      ),
    );
    lines.push(`    if (c < 0) throw r.unknownVariant(name, ${names});`, '    r.colon();', '    switch (c) {');
    cases.forEach((c, i) => {
      lines.push(`      case ${i}:`);
      if (!c.newtype) {
        lines.push('        r.unit();', `        out = ${value(c, null)};`);
      } else if (c.type === null) {
        lines.push('        r.unit();', `        out = ${value(c, 'undefined')};`);
      } else {
        lines.push(`        seg = ${tsStringLiteral(`.${c.json}`)};`, `        out = ${value(c, this.dec(c.type))};`);
      }
      lines.push('        break;');
    });
    lines.push('    }', '  } catch (e) {', '    throw r.enumFail(e, seg);', '  }');
    lines.push('  r.enumEnd();', '  return out;', '}');
    return lines;
  }

  // ---- whole-document fast path ---------------------------------------------------------

  /**
   * How deep a document of type `t` nests arrays and objects at most, or null when the fast path
   * does not read `t`: tagged forms other than serde's external one, witified maps, map keys that
   * are not strings, or a document serde's depth limit (128) could stop. `calls` bounds the
   * recursion: chains of named types may be thousands long.
   */
  fastDepth(t: Type, calls = 0): number | null {
    const d = dealias(this.resolve, t);
    if (typeof d !== 'number') return d === 'error-context' ? null : 0;
    const known = this.depths.get(d);
    if (known !== undefined) return known;
    if (calls > MAX_FAST_DEPTH) return null;
    const deepest = (types: (Type | null)[], own: number): number | null => {
      let most = 0;
      for (const x of types) {
        if (x === null) continue;
        const depth = this.fastDepth(x, calls + 1);
        if (depth === null) return null;
        most = Math.max(most, depth);
      }
      return most + own > MAX_FAST_DEPTH ? null : most + own;
    };
    const k = this.resolve.types[d]!.kind;
    const external = this.opts.enumRepr.kind === 'external';
    let depth: number | null;
    switch (k.kind) {
      case 'record':
        depth = deepest(
          k.fields.map((f) => f.type),
          1,
        );
        break;
      case 'tuple':
        depth = deepest(k.types, 1);
        break;
      case 'list':
        if (this.opts.witifiedMaps && this.isStringPair(k.type)) depth = null;
        else if (resolvePrimitive(this.resolve, k.type) === 'u8') depth = this.opts.bytes === 'base64' ? 0 : 1;
        else depth = deepest([k.type], 1);
        break;
      case 'fixed-length-list':
        depth = deepest([k.type], 1);
        break;
      case 'option':
        depth = deepest([k.type], 0);
        break;
      case 'map': {
        const p = resolvePrimitive(this.resolve, k.key);
        depth =
          (p === 'string' || p === 'char') && typeDef(this.resolve, k.key) === null ? deepest([k.value], 1) : null;
        break;
      }
      case 'flags':
        depth = 0;
        break;
      case 'variant':
        depth = external
          ? deepest(
              k.cases.map((c) => c.type),
              1,
            )
          : null;
        break;
      case 'enum':
        depth = external ? 1 : null;
        break;
      case 'result':
        depth = deepest([k.ok, k.err], 1);
        break;
      default:
        depth = null;
    }
    this.depths.set(d, depth);
    return depth;
  }

  /** Whether a value of `t` may hold a byte list written as an array (see FAST_BYTES_MAX); `t` passed `fastDepth`. */
  holdsByteArray(t: Type): boolean {
    const d = dealias(this.resolve, t);
    if (typeof d !== 'number') return false;
    const known = this.byteArrays.get(d);
    if (known !== undefined) return known;
    const k = this.resolve.types[d]!.kind;
    let children: (Type | null)[];
    switch (k.kind) {
      case 'record':
        children = k.fields.map((f) => f.type);
        break;
      case 'tuple':
        children = k.types;
        break;
      case 'list':
        if (resolvePrimitive(this.resolve, k.type) === 'u8') {
          this.byteArrays.set(d, this.opts.bytes === 'array');
          return this.opts.bytes === 'array';
        }
        children = [k.type];
        break;
      case 'fixed-length-list':
      case 'option':
        children = [k.type];
        break;
      case 'map':
        children = [k.value];
        break;
      case 'variant':
        children = k.cases.map((c) => c.type);
        break;
      case 'result':
        children = [k.ok, k.err];
        break;
      default:
        children = [];
    }
    const holds = children.some((c) => c !== null && this.holdsByteArray(c));
    this.byteArrays.set(d, holds);
    return holds;
  }

  /**
   * An expression accepting the parsed value at `c[k]` (a container and a key, both plain names)
   * as type `t`, with FastDoc `d`.
   */
  acc(t: Type, c: string, k: string): string {
    const d = dealias(this.resolve, t);
    if (typeof d !== 'number') return fastPrimitive('d', d, `${c}, ${k}`);
    const def = this.resolve.types[d]!;
    const kind = def.kind;
    if (kind.kind === 'option' && def.name === null) return this.accOption(kind.type, c, k);
    if (kind.kind === 'list' && resolvePrimitive(this.resolve, kind.type) === 'u8') {
      return this.opts.bytes === 'base64' ? `d.base64(${c}, ${k})` : `d.bytes(${c}, ${k})`;
    }
    return `${this.fn('accept', d)}(d, ${c}, ${k})`;
  }

  private accOption(inner: Type, c: string, k: string): string {
    return optionUsesNull(this.resolve, inner)
      ? `(${c}[${k}] == null ? undefined : ${this.acc(inner, c, k)})`
      : `(${c}[${k}] == null ? { tag: 'none' as const } : { tag: 'some' as const, val: ${this.acc(inner, c, k)} })`;
  }

  /** The function accepting a root: an accept function, or an arrow around the expression. */
  rootAccept(t: Type): string {
    const expr = this.acc(t, 'c', 'k');
    const call = /^(\w+)\(d, c, k\)$/.exec(expr);
    return call !== null
      ? call[1]!
      : `(d: ${this.rt('FastDoc')}, c: ${this.rt('FastDoc')}['root'], k: string) => ${expr}`;
  }

  private acceptFunction(id: TypeId, name: string): string[] {
    const def = this.resolve.types[id]!;
    const kind = def.kind;
    const ts = this.ts(id);
    const doc = this.rt('FastDoc');
    const head = `function ${name}(d: ${doc}, c: ${doc}['root'], k: string | number): ${ts} {`;
    switch (kind.kind) {
      case 'option':
        return [head, `  return ${this.accOption(kind.type, 'c', 'k')};`, '}'];
      case 'record':
        return this.recordAcceptor(head, this.fieldSpecs(kind.fields));
      case 'tuple':
      case 'fixed-length-list': {
        const types = kind.kind === 'tuple' ? kind.types : Array.from({ length: kind.length }, () => kind.type);
        const lines = [
          head,
          `  const a = c[k] as ${this.rt('FastDoc')}['root'] & { length: number };`,
          `  if (!Array.isArray(a) || a.length !== ${types.length}) d.miss();`,
        ];
        const values = types.map((t, i) => {
          const check = inlineCheck(this.resolve, t, `x${i}`);
          if (check === null) return this.acc(t, 'a', String(i));
          lines.push(`  const x${i} = a[${i}];`, `  if (${check.bad}) d.miss();`);
          return `x${i}${check.cast}`;
        });
        return [...lines, `  return [${values.join(', ')}] as ${ts};`, '}'];
      }
      case 'list': {
        const prim = resolvePrimitive(this.resolve, kind.type);
        const typed = prim === null ? undefined : TYPED_ARRAYS[prim];
        const check = inlineCheck(this.resolve, kind.type, 'x');
        if (check !== null) {
          // JSON.parse's array is the value itself once every element has the right type.
          return [
            head,
            `  const a = c[k] as ${this.rt('FastDoc')}['root'] & { length: number };`,
            '  if (!Array.isArray(a)) d.miss();',
            '  for (let i = 0; i < a.length; i++) {',
            '    const x = a[i];',
            `    if (${check.bad}) d.miss();`,
            '  }',
            typed !== undefined
              ? `  return ${typed}.from(a as unknown as number[]);`
              : `  return a as unknown as ${ts};`,
            '}',
          ];
        }
        return [
          head,
          `  const a = c[k] as ${this.rt('FastDoc')}['root'] & { length: number };`,
          '  if (!Array.isArray(a)) d.miss();',
          `  const out: ${this.ts(kind.type)}[] = [];`,
          `  for (let i = 0; i < a.length; i++) out.push(${this.acc(kind.type, 'a', 'i')});`,
          typed !== undefined ? `  return ${typed}.from(out);` : '  return out;',
          '}',
        ];
      }
      case 'map': {
        const char = resolvePrimitive(this.resolve, kind.key) === 'char';
        return [
          head,
          '  const o = d.object(c, k);',
          `  const out = new Map<${this.ts(kind.key)}, ${this.ts(kind.value)}>();`,
          `  for (const key in o) out.set(${char ? 'd.charKey(key)' : 'key'}, ${this.acc(kind.value, 'o', 'key')});`,
          '  return out;',
          '}',
        ];
      }
      case 'flags':
        return [head, `  return d.flags(c, k, ${this.flagsSpec(id, kind.flags)}) as ${ts};`, '}'];
      case 'variant':
        return this.externalAcceptor(
          head,
          ts,
          kind.cases.map((c) => ({
            json: serdeCaseName(c.name, this.opts.caseRename),
            tag: c.name,
            type: c.type,
            newtype: c.type !== null,
          })),
          false,
        );
      case 'enum':
        return this.externalAcceptor(
          head,
          ts,
          kind.cases.map((c) => ({
            json: serdeCaseName(c.name, this.opts.caseRename),
            tag: c.name,
            type: null,
            newtype: false,
          })),
          true,
        );
      case 'result':
        return this.externalAcceptor(
          head,
          ts,
          [
            { json: 'Ok', tag: 'ok', type: kind.ok, newtype: true },
            { json: 'Err', tag: 'err', type: kind.err, newtype: true },
          ],
          false,
        );
      default:
        throw new Error(`no acceptor for ${kind.kind}`);
    }
  }

  /**
   * A record from a JSON object, read by name (serde ignores other keys; a missing field reads as
   * undefined, which only an option accepts, and inherited properties are functions, which nothing
   * accepts). Strings, booleans and small integers are checked inline: interpreters pay for calls.
   */
  private recordAcceptor(head: string, fields: FieldSpec[]): string[] {
    const lines = [
      head,
      `  const o = c[k] as ${this.rt('FastDoc')}['root'];`,
      "  if (typeof o !== 'object' || o === null || Array.isArray(o)) d.miss();",
    ];
    const values = fields.map((f, i) => {
      const key = tsStringLiteral(f.json);
      const check = inlineCheck(this.resolve, f.type, `x${i}`);
      if (check === null) return this.acc(f.type, 'o', key);
      lines.push(`  const x${i} = o[${key}];`, `  if (${check.bad}) d.miss();`);
      return `x${i}${check.cast}`;
    });
    const props = fields.map((f, i) => `${tsPropertyKey(f.js)}: ${values[i]}`);
    lines.push(`  return { ${props.join(', ')} };`, '}');
    return lines;
  }

  /** serde's externally tagged enum from `"Case"` or a one-key object `{"Case": content}`. */
  private externalAcceptor(
    head: string,
    ts: string,
    cases: (CaseSpec & { newtype: boolean })[],
    isEnum: boolean,
  ): string[] {
    const value = (c: CaseSpec, expr: string | null): string =>
      isEnum
        ? tsStringLiteral(c.tag)
        : expr === null
          ? `{ tag: ${tsStringLiteral(c.tag)} as const }`
          : `{ tag: ${tsStringLiteral(c.tag)} as const, val: ${expr} }`;
    const lines = [head];
    const units = cases.filter((c) => !c.newtype);
    if (units.length > 0) {
      lines.push('  const name = c[k];', "  if (typeof name === 'string') {", '    switch (name) {');
      for (const c of units) lines.push(`      case ${tsStringLiteral(c.json)}:`, `        return ${value(c, null)};`);
      lines.push('    }', '    d.miss();', '  }');
    }
    lines.push('  const o = d.object(c, k);', `  let out: ${ts} | undefined;`, '  for (const key in o) {');
    lines.push('    if (out !== undefined) d.miss();', '    switch (key) {');
    for (const c of cases) {
      lines.push(`      case ${tsStringLiteral(c.json)}:`);
      if (!c.newtype) lines.push('        d.unit(o, key);', `        out = ${value(c, null)};`);
      else if (c.type === null) lines.push('        d.unit(o, key);', `        out = ${value(c, 'undefined')};`);
      else lines.push(`        out = ${value(c, this.acc(c.type, 'o', 'key'))};`);
      lines.push('        break;');
    }
    lines.push(
      '      default:',
      '        d.miss();',
      '    }',
      '  }',
      '  return out === undefined ? d.miss() : out;',
      '}',
    );
    return lines;
  }

  /** An expression rewriting the jco value `x` (a plain name or property read) of type `t` for JSON.stringify, with FastOut `e`. */
  plain(t: Type, x: string): string {
    const d = dealias(this.resolve, t);
    if (typeof d !== 'number') return fastPrimitive('e', d, x);
    const def = this.resolve.types[d]!;
    const kind = def.kind;
    if (kind.kind === 'option' && def.name === null) return this.plainOption(kind.type, x);
    if (kind.kind === 'list' && resolvePrimitive(this.resolve, kind.type) === 'u8') {
      return this.opts.bytes === 'base64' ? `e.base64(${x})` : `e.bytes(${x})`;
    }
    return `${this.fn('plain', d)}(e, ${x})`;
  }

  private plainOption(inner: Type, x: string): string {
    if (optionUsesNull(this.resolve, inner)) return `(${x} == null ? null : ${this.plain(inner, x)})`;
    // The Writer's checks: an object whose tag is `none` or `some`.
    const some = `(${x} as { val: ${this.ts(inner)} }).val`;
    return `(e.object(${x}), ${x}.tag === 'none' ? null : ${x}.tag === 'some' ? ${this.plain(inner, some)} : e.miss())`;
  }

  /** The function rewriting a root: a plain function, or an arrow around the expression. */
  rootPlain(t: Type): string {
    const expr = this.plain(t, 'v');
    const call = /^(\w+)\(e, v\)$/.exec(expr);
    return call !== null ? call[1]! : `(e: ${this.rt('FastOut')}, v: ${this.ts(t)}) => ${expr}`;
  }

  private plainFunction(id: TypeId, name: string): string[] {
    const def = this.resolve.types[id]!;
    const kind = def.kind;
    const head = `function ${name}(e: ${this.rt('FastOut')}, v: ${this.ts(id)}): unknown {`;
    switch (kind.kind) {
      case 'option':
        return [head, `  return ${this.plainOption(kind.type, 'v')};`, '}'];
      case 'record':
        return this.plainRecord(head, this.fieldSpecs(kind.fields));
      case 'tuple': {
        const lines = [head, `  e.tuple(v, ${kind.types.length});`];
        const values = kind.types.map((t, i) => {
          const check = inlineCheck(this.resolve, t, `x${i}`);
          if (check === null) return this.plain(t, `v[${i}]`);
          lines.push(`  const x${i} = v[${i}];`, `  if (${check.bad}) e.miss();`);
          return `x${i}`;
        });
        return [...lines, `  return [${values.join(', ')}];`, '}'];
      }
      case 'fixed-length-list':
      case 'list': {
        const elem = kind.type;
        const prim = typeDef(this.resolve, elem) === null ? resolvePrimitive(this.resolve, elem) : null;
        if (kind.kind === 'list' && (prim === 'string' || prim === 'bool')) {
          return [head, `  return e.same(v, ${tsStringLiteral(prim === 'bool' ? 'boolean' : 'string')});`, '}'];
        }
        const length = kind.kind === 'list' ? '' : `, ${kind.length}`;
        return [
          head,
          `  const a = e.list(v${length}) as ArrayLike<${this.ts(elem)}>;`,
          '  const out: unknown[] = [];',
          `  for (let i = 0; i < a.length; i++) out.push(${this.plain(elem, 'a[i]!')});`,
          '  return out;',
          '}',
        ];
      }
      case 'map': {
        const char = resolvePrimitive(this.resolve, kind.key) === 'char';
        return [
          head,
          `  const entries = e.entries(v, ${char});`,
          '  const out: Record<string, unknown> = {};',
          '  for (let i = 0; i < entries.length; i++) {',
          '    const x = entries[i]![1] as ' + this.ts(kind.value) + ';',
          `    out[entries[i]![0]] = ${this.plain(kind.value, 'x')};`,
          '  }',
          '  return out;',
          '}',
        ];
      }
      case 'flags':
        return [head, `  return e.flags(v, ${this.flagsSpec(id, kind.flags)});`, '}'];
      case 'variant':
        return this.plainExternal(
          head,
          kind.cases.map((c) => ({
            json: serdeCaseName(c.name, this.opts.caseRename),
            tag: c.name,
            type: c.type,
            newtype: c.type !== null,
          })),
          false,
        );
      case 'enum':
        return this.plainExternal(
          head,
          kind.cases.map((c) => ({
            json: serdeCaseName(c.name, this.opts.caseRename),
            tag: c.name,
            type: null,
            newtype: false,
          })),
          true,
        );
      case 'result':
        return this.plainExternal(
          head,
          [
            { json: 'Ok', tag: 'ok', type: kind.ok, newtype: true },
            { json: 'Err', tag: 'err', type: kind.err, newtype: true },
          ],
          false,
        );
      default:
        throw new Error(`no plain writer for ${kind.kind}`);
    }
  }

  private plainRecord(head: string, fields: FieldSpec[]): string[] {
    const lines = [head, "  if (typeof v !== 'object' || v === null) e.miss();"];
    const values = fields.map((f, i) => {
      const check = inlineCheck(this.resolve, f.type, `x${i}`);
      if (check === null) return this.plain(f.type, `v.${f.js}`);
      lines.push(`  const x${i} = v.${f.js};`, `  if (${check.bad}) e.miss();`);
      return `x${i}`;
    });
    const props = fields.map((f, i) => `${tsPropertyKey(f.json)}: ${values[i]}`);
    lines.push(`  return { ${props.join(', ')} };`, '}');
    return lines;
  }

  /** serde's external tagging: `"Case"`, or `{"Case": payload}` (`null` for a result arm without one). */
  private plainExternal(head: string, cases: (CaseSpec & { newtype: boolean })[], isEnum: boolean): string[] {
    const lines = [head];
    if (!isEnum) lines.push('  e.object(v);');
    lines.push(isEnum ? '  switch (v) {' : '  switch (v.tag) {');
    for (const c of cases) {
      lines.push(`    case ${tsStringLiteral(c.tag)}:`);
      if (!c.newtype) lines.push(`      return ${tsStringLiteral(c.json)};`);
      else
        lines.push(
          `      return { ${tsPropertyKey(c.json)}: ${c.type === null ? 'null' : this.plain(c.type, 'v.val')} };`,
        );
    }
    lines.push('  }', '  return e.miss();', '}');
    return lines;
  }

  /** The plain writer of an ad-hoc record, whose TS type is `ts`, named `plain<name>`. */
  adHocPlain(root: AdHocRecord, name: string, ts: string): string {
    const fn = this.file.declare(`plain${name}`);
    const head = `function ${fn}(e: ${this.rt('FastOut')}, v: ${ts}): unknown {`;
    this.functions.push(...this.plainRecord(head, this.fieldSpecs(root.fields)), '');
    return fn;
  }

  /** `fastDepth` of an ad-hoc record. */
  adHocFastDepth(root: AdHocRecord): number | null {
    let most = 0;
    for (const f of root.fields) {
      const depth = this.fastDepth(f.type);
      if (depth === null) return null;
      most = Math.max(most, depth);
    }
    return most + 1 > MAX_FAST_DEPTH ? null : most + 1;
  }

  /** The acceptor of an ad-hoc record, whose TS type is `ts`, named `accept<name>`. */
  adHocAcceptor(root: AdHocRecord, name: string, ts: string): string {
    const fn = this.file.declare(`accept${name}`);
    const doc = this.rt('FastDoc');
    const head = `function ${fn}(d: ${doc}, c: ${doc}['root'], k: string | number): ${ts} {`;
    this.functions.push(...this.recordAcceptor(head, this.fieldSpecs(root.fields)), '');
    return fn;
  }

  // ---- encoding --------------------------------------------------------------------------

  /** Statements writing `v` (an expression of type `t`) to writer `w`. */
  enc(t: Type, v: string): string {
    const d = dealias(this.resolve, t);
    if (typeof d !== 'number') return encPrimitive(d, v);
    const k = this.resolve.types[d]!.kind;
    if (k.kind === 'list' && resolvePrimitive(this.resolve, k.type) === 'u8') {
      return this.opts.bytes === 'base64' ? `w.str(${this.rt('base64Encode')}(${v}));` : `w.byteList(${v});`;
    }
    return `${this.fn('write', d)}(w, ${v});`;
  }

  /** `throw encodeError(`...${describe(subject)}`)` for a value of an unexpected shape. */
  private unexpected(text: string, subject: string): string {
    return `throw ${this.rt('encodeError')}(\`${text} \${${this.rt('describe')}(${subject})}\`);`;
  }

  private encoderFunction(id: TypeId, name: string): string[] {
    const def = this.resolve.types[id]!;
    const k = def.kind;
    const head = `function ${name}(w: ${this.rt('Writer')}, v: ${this.ts(id)}): void {`;
    const objectValue = (what: string) => `  ${this.rt('objectValue')}(v, ${tsStringLiteral(what)});`;
    switch (k.kind) {
      case 'record':
        return [
          head,
          objectValue(`record ${def.name ?? ''}`),
          ...this.fieldWrites(this.fieldSpecs(k.fields), '{'),
          '  w.byte(125);',
          '}',
        ];
      case 'option':
        if (optionUsesNull(this.resolve, k.type)) {
          return [head, '  if (v == null) w.null();', `  else ${this.enc(k.type, 'v')}`, '}'];
        }
        return [
          head,
          objectValue('option'),
          "  if (v.tag === 'none') w.null();",
          `  else if (v.tag === 'some') ${this.enc(k.type, 'v.val')}`,
          `  else ${this.unexpected('unknown option tag', '(v as { tag: unknown }).tag')}`,
          '}',
        ];
      case 'tuple':
        return [
          head,
          `  if (!Array.isArray(v) || v.length !== ${k.types.length}) {`,
          `    ${this.unexpected(`expected a tuple of ${k.types.length}, got`, 'v')}`,
          '  }',
          "  let seg = '.0';",
          '  try {',
          '    w.byte(91);',
          ...k.types.flatMap((t, i) => [
            ...(i > 0 ? [`    seg = '.${i}';`, '    w.byte(44);'] : []),
            `    ${this.enc(t, `v[${i}]`)}`,
          ]),
          '  } catch (e) {',
          `    throw ${this.rt('encodeFail')}(e, seg);`,
          '  }',
          '  w.byte(93);',
          '}',
        ];
      case 'list':
        if (this.opts.witifiedMaps && this.isStringPair(k.type)) {
          const value = this.pairValue(k.type);
          return [
            head,
            `  ${this.rt('arrayLike')}(v, 'list');`,
            '  w.byte(123);',
            '  for (let i = 0; i < v.length; i++) {',
            '    const e = v[i]!;',
            '    if (i > 0) w.byte(44);',
            '    w.string(e[0]);',
            '    w.byte(58);',
            '    try {',
            `      ${this.enc(value, 'e[1]')}`,
            '    } catch (x) {',
            `      throw ${this.rt('encodeFail')}(x, '.' + e[0]);`,
            '    }',
            '  }',
            '  w.byte(125);',
            '}',
          ];
        }
        return this.seqEncoder(head, k.type, null);
      case 'fixed-length-list':
        return this.seqEncoder(head, k.type, k.length);
      case 'map':
        return this.mapEncoder(head, k.key, k.value);
      case 'flags':
        return [head, `  w.flags(v, ${this.flagsSpec(id, k.flags)});`, '}'];
      case 'variant':
        return this.enumEncoder(
          head,
          k.cases.map((c) => ({ json: serdeCaseName(c.name, this.opts.caseRename), tag: c.name, type: c.type })),
          false,
        );
      case 'enum':
        return this.enumEncoder(
          head,
          k.cases.map((c) => ({ json: serdeCaseName(c.name, this.opts.caseRename), tag: c.name, type: null })),
          true,
        );
      case 'result': {
        const arm = (tag: string, json: string, t: Type | null): string[] => [
          `  ${tag === 'ok' ? '' : '} else '}if (v.tag === '${tag}') {`,
          `    w.raw(${this.lit('{', json, ':')});`,
          ...(t === null
            ? ['    w.null();']
            : [
                '    try {',
                `      ${this.enc(t, 'v.val')}`,
                '    } catch (e) {',
                `      throw ${this.rt('encodeFail')}(e, '.${json}');`,
                '    }',
              ]),
          '    w.byte(125);',
        ];
        return [
          head,
          objectValue('result'),
          ...arm('ok', 'Ok', k.ok),
          ...arm('err', 'Err', k.err),
          `  } else ${this.unexpected('unknown result tag', '(v as { tag: unknown }).tag')}`,
          '}',
        ];
      }
      default:
        throw new Error(`no encoder for ${k.kind}`);
    }
  }

  /** Writes record fields; `open` is the text before the first field (`{` or the tag pair). */
  private fieldWrites(fields: FieldSpec[], open: string): string[] {
    if (fields.length === 0) return [`  w.ascii(${tsStringLiteral(open)});`];
    const lines = [`  let seg = ${tsStringLiteral(`.${fields[0]!.json}`)};`, '  try {'];
    fields.forEach((f, i) => {
      if (i > 0) lines.push(`    seg = ${tsStringLiteral(`.${f.json}`)};`);
      lines.push(`    w.raw(${this.lit(i === 0 ? '{' : ',', f.json, ':')});`, `    ${this.enc(f.type, `v.${f.js}`)}`);
    });
    lines.push('  } catch (e) {', `    throw ${this.rt('encodeFail')}(e, seg);`, '  }');
    return lines;
  }

  private seqEncoder(head: string, elem: Type, length: number | null): string[] {
    const arrayLike = this.rt('arrayLike');
    const check =
      length === null
        ? [`  ${arrayLike}(v, 'list');`]
        : [
            `  if (${arrayLike}(v, 'list').length !== ${length}) {`,
            `    throw ${this.rt('encodeError')}(\`expected a list of ${length}, got \${v.length}\`);`,
            '  }',
          ];
    return [
      head,
      ...check,
      '  w.byte(91);',
      '  let i = 0;',
      '  try {',
      '    for (; i < v.length; i++) {',
      '      if (i > 0) w.byte(44);',
      `      ${this.enc(elem, 'v[i]!')}`,
      '    }',
      '  } catch (e) {',
      `    throw ${this.rt('encodeFail')}(e, \`[\${i}]\`);`,
      '  }',
      '  w.byte(93);',
      '}',
    ];
  }

  private mapEncoder(head: string, key: Type, value: Type): string[] {
    const p = resolvePrimitive(this.resolve, key);
    let compare: string;
    let writeKey: string[];
    if (p === 'string' || p === 'char') {
      compare = `${this.rt('compareCodePoints')}(a[0], b[0])`;
      writeKey = [p === 'string' ? 'w.string(e[0]);' : 'w.char(e[0]);'];
    } else {
      compare =
        p === 'bool'
          ? 'Number(a[0]) - Number(b[0])'
          : p === 'u64' || p === 's64'
            ? 'a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0'
            : 'a[0] - b[0]';
      writeKey = ['w.byte(34);', p === 'bool' ? 'w.boolean(e[0]);' : `w.${p}(e[0]);`, 'w.byte(34);'];
    }
    // The Component Model's JS mapping lowers a `Map`, or any object through Object.entries.
    const entries =
      p === 'string' || p === 'char'
        ? [
            '  const entries = (',
            '    v instanceof Map',
            '      ? [...v.entries()]',
            `      : (Object.entries(${this.rt('objectValue')}(v, 'map')) as [${this.ts(key)}, ${this.ts(value)}][])`,
            `  ).sort((a, b) => ${compare});`,
          ]
        : [
            `  if (!(v instanceof Map)) ${this.unexpected('expected a Map, got', 'v')}`,
            `  const entries = [...v.entries()].sort((a, b) => ${compare});`,
          ];
    return [
      head,
      ...entries,
      '  w.byte(123);',
      '  for (let i = 0; i < entries.length; i++) {',
      '    const e = entries[i]!;',
      '    if (i > 0) w.byte(44);',
      ...writeKey.map((l) => `    ${l}`),
      '    w.byte(58);',
      '    try {',
      `      ${this.enc(value, 'e[1]')}`,
      '    } catch (x) {',
      `      throw ${this.rt('encodeFail')}(x, '.' + String(e[0]));`,
      '    }',
      '  }',
      '  w.byte(125);',
      '}',
    ];
  }

  private enumEncoder(head: string, cases: CaseSpec[], isEnum: boolean): string[] {
    const repr = this.opts.enumRepr;
    const lines = [head];
    if (!isEnum) lines.push(`  ${this.rt('objectValue')}(v, 'variant');`);
    lines.push(isEnum ? '  switch (v) {' : '  switch (v.tag) {');
    for (const c of cases) {
      lines.push(`    case ${tsStringLiteral(c.tag)}:`);
      const payload = c.type === null ? null : this.enc(c.type, 'v.val');
      const guarded = (stmt: string): string[] => [
        '      try {',
        `        ${stmt}`,
        '      } catch (e) {',
        `        throw ${this.rt('encodeFail')}(e, ${tsStringLiteral(`.${c.json}`)});`,
        '      }',
      ];
      switch (repr.kind) {
        case 'external':
          if (payload === null) lines.push(`      w.raw(${this.lit('', c.json, '')});`);
          else lines.push(`      w.raw(${this.lit('{', c.json, ':')});`, ...guarded(payload), '      w.byte(125);');
          break;
        case 'untagged':
          lines.push(...(payload === null ? ['      w.null();'] : guarded(payload)));
          break;
        case 'adjacent': {
          const open = this.lit('{', repr.tag, ':');
          lines.push(`      w.raw(${open});`, `      w.str(${tsStringLiteral(c.json)});`);
          if (payload !== null) lines.push(`      w.raw(${this.lit(',', repr.content, ':')});`, ...guarded(payload));
          lines.push('      w.byte(125);');
          break;
        }
        case 'internal': {
          lines.push(`      w.raw(${this.lit('{', repr.tag, ':')});`, `      w.str(${tsStringLiteral(c.json)});`);
          if (c.type !== null) lines.push(...guarded(`${this.fieldWriter(c.type)}(w, v.val);`));
          lines.push('      w.byte(125);');
          break;
        }
      }
      lines.push('      return;');
    }
    lines.push(
      '    default:',
      `      ${this.unexpected('unknown case', isEnum ? 'v as unknown' : '(v as { tag: unknown }).tag')}`,
      '  }',
      '}',
    );
    return lines;
  }

  /** For internally tagged records: the function writing `,"field":value` for every field. */
  private fieldWriter(t: Type): string {
    return this.fn('writeFields', dealias(this.resolve, t) as TypeId);
  }

  private fieldWriterFunction(id: TypeId, name: string): string[] {
    const k = this.resolve.types[id]!.kind;
    if (k.kind !== 'record') throw new Error(`no field writer for ${k.kind}`);
    const lines = [`function ${name}(w: ${this.rt('Writer')}, v: ${this.ts(id)}): void {`];
    for (const f of this.fieldSpecs(k.fields)) {
      lines.push(`  w.raw(${this.lit(',', f.json, ':')});`, `  ${this.enc(f.type, `v.${f.js}`)}`);
    }
    lines.push('}');
    return lines;
  }

  // ---- ad-hoc records (bundled parameters) ----------------------------------------------

  adHocTs(root: AdHocRecord): string {
    return objectType(root.fields.map((f) => `${tsPropertyKey(jsName(f.name, 'field'))}: ${this.ts(f.type)}`));
  }

  /** The decoder of an ad-hoc record, whose TS type is `ts`, named `read<name>`. */
  adHocDecoder(root: AdHocRecord, name: string, ts: string): string {
    const fn = this.file.declare(`read${name}`);
    const head = `function ${fn}(r: ${this.rt('Reader')}): ${ts} {`;
    this.functions.push(...this.recordDecoder(head, this.fieldSpecs(root.fields), `struct ${name}`), '');
    return fn;
  }

  /** The encoder of an ad-hoc record, whose TS type is `ts`, named `write<name>`. */
  adHocEncoder(root: AdHocRecord, name: string, ts: string): string {
    const fn = this.file.declare(`write${name}`);
    this.functions.push(
      `function ${fn}(w: ${this.rt('Writer')}, v: ${ts}): void {`,
      `  ${this.rt('objectValue')}(v, ${tsStringLiteral(root.name)});`,
      ...this.fieldWrites(this.fieldSpecs(root.fields), '{'),
      '  w.byte(125);',
      '}',
      '',
    );
    return fn;
  }
}

/**
 * The deepest document the fast path reads: below serde's recursion limit (128 nested arrays and
 * objects), so that the walk never accepts what the limit refuses.
 */
const MAX_FAST_DEPTH = 120;

/**
 * The call accepting (`d`, a FastDoc; `args` is `container, key`) or rewriting (`e`, a FastOut;
 * `args` is the value) a primitive: both walks name their methods alike.
 */
function fastPrimitive(walker: 'd' | 'e', t: Exclude<Type, number>, args: string): string {
  switch (t) {
    case 'bool':
    case 'char':
    case 'f32':
    case 'f64':
      return `${walker}.${t}(${args})`;
    case 'string':
      return `${walker}.str(${args})`;
    case 'u64':
      return `${walker}.wide(${args}, false)`;
    case 's64':
      return `${walker}.wide(${args}, true)`;
    case 'error-context':
      throw new Error(`error-context cannot be ${walker === 'd' ? 'decoded' : 'encoded'}`);
    default: {
      const [min, max] = INT_RANGES[t]!;
      return `${walker}.int(${args}, ${min}, ${max})`;
    }
  }
}

/**
 * For strings, booleans and integers up to 32 bits, the test (on a plain name `x`) that a parsed
 * or jco value is not one, and the cast that types it once it passed; null for other types.
 */
function inlineCheck(resolve: Resolve, t: Type, x: string): { bad: string; cast: string } | null {
  const p = typeDef(resolve, t) === null ? resolvePrimitive(resolve, t) : null;
  const n = `(${x} as number)`;
  switch (p) {
    case 'string':
    case 'bool':
      return { bad: `typeof ${x} !== ${tsStringLiteral(p === 'bool' ? 'boolean' : 'string')}`, cast: '' };
    case 'u32':
      return { bad: `${n} >>> 0 !== ${x}`, cast: ' as number' };
    case 's32':
      return { bad: `(${n} | 0) !== ${x}`, cast: ' as number' };
    case 'u8':
    case 'u16':
    case 's8':
    case 's16': {
      const [min, max] = INT_RANGES[p]!;
      return { bad: `(${n} | 0) !== ${x} || ${n} < ${min} || ${n} > ${max}`, cast: ' as number' };
    }
    default:
      return null;
  }
}

const INT_RANGES: Record<string, [number, number]> = {
  u8: [0, 255],
  u16: [0, 65535],
  u32: [0, 4294967295],
  s8: [-128, 127],
  s16: [-32768, 32767],
  s32: [-2147483648, 2147483647],
};

interface CaseSpec {
  json: string;
  tag: string;
  type: Type | null;
}

const PRIMITIVE_EXPECTING: Partial<Record<string, string>> = {
  bool: 'a boolean',
  char: 'a character',
  string: 'a string',
  s8: 'i8',
  s16: 'i16',
  s32: 'i32',
  s64: 'i64',
};

function decPrimitive(t: Exclude<Type, number>): string {
  switch (t) {
    case 'bool':
      return 'r.bool()';
    case 'char':
      return 'r.char()';
    case 'string':
      return 'r.string()';
    case 'f32':
      return 'r.f32()';
    case 'f64':
      return 'r.f64()';
    case 'error-context':
      throw new Error('error-context cannot be decoded');
    default:
      return `r.${INT_READERS[t]}()`;
  }
}

function encPrimitive(t: Exclude<Type, number>, v: string): string {
  switch (t) {
    case 'bool':
      return `w.boolean(${v});`;
    case 'char':
      return `w.char(${v});`;
    case 'string':
      return `w.string(${v});`;
    case 'f32':
      return `w.float32(${v});`;
    case 'f64':
      return `w.float64(${v});`;
    case 'error-context':
      throw new Error('error-context cannot be encoded');
    default:
      return `w.${t}(${v});`;
  }
}

/**
 * `lead a ? 0 : b ? 1 : last;` on one line when it fits, else one clause a line below `lead`:
 * records and enums may have hundreds of fields and cases.
 */
function choice(indent: string, lead: string, clauses: string[], last: string): string[] {
  const flat = `${indent}${lead} ${[...clauses, last].join(' ')};`;
  if (flat.length <= LINE_WIDTH) return [flat];
  return [`${indent}${lead}`, ...clauses.map((c) => `${indent}  ${c}`), `${indent}  ${last};`];
}

/** An UpperCamelCase identifier part for a constant's name from arbitrary text. */
function constantWord(text: string): string {
  return upperCamelCase(text) || 'Empty';
}
