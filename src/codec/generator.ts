/**
 * The code generator behind `emitCodec`: one specialised decoder and encoder function per
 * reachable type, following serde_json's call sequence for the Rust types wit-bindgen
 * generates (runtime.ts implements each step on the reader and writer side).
 */
import type { Resolve, Type, TypeDefKind } from '../wit/model.ts';
import { jsName, rustName, serdeCaseName, serdeFieldName, tsPropertyKey, tsStringLiteral } from '../naming/index.ts';
import { optionUsesNull, resolvePrimitive, tsType, typeDef, TYPED_ARRAYS } from '../typemap/index.ts';
import type { AdHocRecord } from './emit.ts';
import type { ResolvedCodecOptions } from './options.ts';

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

/** Accumulates the specialised functions and constants of one module. */
export class Generator {
  readonly functions: string[] = [];
  readonly constants: string[] = [];
  private readonly decoders = new Map<number, string>();
  private readonly encoders = new Map<number, string>();
  private readonly fieldWriters = new Map<number, string>();
  private readonly literals = new Map<string, string>();
  private readonly flagSpecs = new Set<number>();

  constructor(
    private readonly resolve: Resolve,
    private readonly opts: ResolvedCodecOptions,
  ) {}

  /** A module-level constant holding the bytes of `prefix"name"suffix`. */
  private lit(prefix: string, name: string, suffix: string): string {
    const key = JSON.stringify([prefix, name, suffix]);
    let id = this.literals.get(key);
    if (id === undefined) {
      id = `lit${this.literals.size}`;
      this.literals.set(key, id);
      this.constants.push(
        `const ${id} = literal(${tsStringLiteral(prefix)}, ${tsStringLiteral(name)}, ${tsStringLiteral(suffix)});`,
      );
    }
    return id;
  }

  /** A constant with the escaped body bytes of a key, for `Reader.keyIs`. */
  private keyLit(name: string): string {
    const key = JSON.stringify(['key', name]);
    let id = this.literals.get(key);
    if (id === undefined) {
      id = `key${this.literals.size}`;
      this.literals.set(key, id);
      this.constants.push(`const ${id} = jsonStringBytes(${tsStringLiteral(name)});`);
    }
    return id;
  }

  /**
   * A constant describing a flags type for the runtime: Rust and jco names, and the bits of
   * wit-bindgen's repr (u8 up to 8 flags, u16, u32, then u64 and u128 for 2 and 4 words).
   */
  private flagsSpec(id: number, flags: { name: string }[]): string {
    const name = `flags${id}`;
    if (!this.flagSpecs.has(id)) {
      this.flagSpecs.add(id);
      const n = flags.length;
      const width = n <= 8 ? 8 : n <= 16 ? 16 : n <= 32 ? 32 : n <= 64 ? 64 : 128;
      const names = flags.map((f) => tsStringLiteral(rustName(f.name, 'flag')));
      const props = flags.map((f) => tsStringLiteral(jsName(f.name, 'flag')));
      this.constants.push(`const ${name} = { names: [${names.join(', ')}], props: [${props.join(', ')}], width: ${width} };`);
    }
    return name;
  }

  private ts(t: Type): string {
    return tsType(this.resolve, t);
  }

  /** The serde `expecting` text of a type, used in invalid-type and length errors. */
  private expecting(t: Type): string {
    const def = typeDef(this.resolve, t);
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
      case 'option':
        return this.expecting(k.type);
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
    if (typeof t !== 'number') return decPrimitive(t);
    const k = this.resolve.types[t]!.kind;
    if (k.kind === 'type') return this.dec(k.type);
    if (k.kind === 'option') {
      const inner = this.dec(k.type);
      return optionUsesNull(this.resolve, k.type)
        ? `(r.none() ? undefined : ${inner})`
        : `(r.none() ? { tag: 'none' as const } : { tag: 'some' as const, val: ${inner} })`;
    }
    if (k.kind === 'list' && resolvePrimitive(this.resolve, k.type) === 'u8') {
      if (this.opts.bytes === 'base64') return 'r.base64()';
      return 'r.bytesList()';
    }
    let name = this.decoders.get(t);
    if (name === undefined) {
      name = `d${t}`;
      this.decoders.set(t, name);
      this.functions.push(...this.decoderFunction(t, name), '');
    }
    return `${name}(r)`;
  }

  private decoderFunction(id: number, name: string): string[] {
    const def = this.resolve.types[id]!;
    const k = def.kind;
    const ts = this.ts(id);
    const head = `function ${name}(r: Reader): ${ts} {`;
    switch (k.kind) {
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
      const fast = fields.map((f, i) => `r.keyIs(${this.keyLit(f.json)}) ? ${i} : `).join('');
      const slow = fields.map((f, i) => `k === ${tsStringLiteral(f.json)} ? ${i} : `).join('');
      lines.push(`        let f = ${fast}-2;`, '        if (f === -2) {', '          const k = r.key();', `          f = ${slow}-1;`, '        }');
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

  private fixedSeqDecoder(head: string, types: Type[], expected: string, seg: (i: number) => string, ts: string): string[] {
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
      isEnum ? tsStringLiteral(c.tag) : expr === null ? `{ tag: ${tsStringLiteral(c.tag)} as const }` : `{ tag: ${tsStringLiteral(c.tag)} as const, val: ${expr} }`;
    const names = `[${cases.map((c) => tsStringLiteral(c.json)).join(', ')}]`;
    const rust = rustName(witName, 'type');
    if (repr.kind === 'untagged') {
      // serde buffers the value first (so syntax errors keep their position), then tries each
      // case in order; the final error carries no position.
      const lines = [head, '  r.ws();', '  const start = r.i;', '  r.any();', '  const end = r.i;', '  const depth = r.depth;'];
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
      lines.push('  r.i = end;', `  throw new CodecError(${tsStringLiteral(`data did not match any variant of untagged enum ${rust}`)});`, '}');
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
  private externalDecoder(head: string, ts: string, cases: (CaseSpec & { newtype: boolean })[], isEnum: boolean): string[] {
    const names = `[${cases.map((c) => tsStringLiteral(c.json)).join(', ')}]`;
    const value = (c: CaseSpec, expr: string | null): string =>
      isEnum ? tsStringLiteral(c.tag) : expr === null ? `{ tag: ${tsStringLiteral(c.tag)} as const }` : `{ tag: ${tsStringLiteral(c.tag)} as const, val: ${expr} }`;
    const lines = [head, '  const form = r.enumBegin();', '  if (form === 0) {', '    const name = r.variant();', '    switch (name) {'];
    for (const c of cases) {
      lines.push(
        `      case ${tsStringLiteral(c.json)}:`,
        c.newtype ? '        throw r.unitVariantForNewtype();' : `        return ${value(c, null)};`,
      );
    }
    lines.push('      default:', `        throw r.unknownVariant(name, ${names});`, '    }', '  }');
    lines.push('  let seg: string | null = null;', `  let out!: ${ts};`, '  try {', '    const name = r.variantKey();');
    // serde reads the variant name (and rejects unknown ones) before the colon.
    lines.push(`    const c = ${cases.map((c, i) => `name === ${tsStringLiteral(c.json)} ? ${i} : `).join('')}-1;`);
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

  // ---- encoding --------------------------------------------------------------------------

  /** Statements writing `v` (an expression of type `t`) to writer `w`. */
  enc(t: Type, v: string): string {
    if (typeof t !== 'number') return encPrimitive(t, v);
    const k = this.resolve.types[t]!.kind;
    if (k.kind === 'type') return this.enc(k.type, v);
    if (k.kind === 'list' && resolvePrimitive(this.resolve, k.type) === 'u8') {
      if (this.opts.bytes === 'base64') {
        return `w.str(base64Encode(${v}));`;
      }
      return `w.byteList(${v});`;
    }
    let name = this.encoders.get(t);
    if (name === undefined) {
      name = `e${t}`;
      this.encoders.set(t, name);
      this.functions.push(...this.encoderFunction(t, name), '');
    }
    return `${name}(w, ${v});`;
  }

  private encoderFunction(id: number, name: string): string[] {
    const def = this.resolve.types[id]!;
    const k = def.kind;
    const head = `function ${name}(w: Writer, v: ${this.ts(id)}): void {`;
    switch (k.kind) {
      case 'record':
        return [
          head,
          `  objectValue(v, ${tsStringLiteral(`record ${def.name ?? ''}`)});`,
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
          "  objectValue(v, 'option');",
          "  if (v.tag === 'none') w.null();",
          `  else if (v.tag === 'some') ${this.enc(k.type, 'v.val')}`,
          "  else throw encodeError(`unknown option tag ${describe((v as { tag: unknown }).tag)}`);",
          '}',
        ];
      case 'tuple':
        return [
          head,
          `  if (!Array.isArray(v) || v.length !== ${k.types.length}) throw encodeError(\`expected a tuple of ${k.types.length}, got \${describe(v)}\`);`,
          "  let seg = '.0';",
          '  try {',
          '    w.byte(91);',
          ...k.types.flatMap((t, i) => [
            ...(i > 0 ? [`    seg = '.${i}';`, '    w.byte(44);'] : []),
            `    ${this.enc(t, `v[${i}]`)}`,
          ]),
          '  } catch (e) {',
          '    throw encodeFail(e, seg);',
          '  }',
          '  w.byte(93);',
          '}',
        ];
      case 'list':
        if (this.opts.witifiedMaps && this.isStringPair(k.type)) {
          const value = this.pairValue(k.type);
          return [
            head,
            "  arrayLike(v, 'list');",
            '  w.byte(123);',
            '  for (let i = 0; i < v.length; i++) {',
            '    const e = v[i]!;',
            '    if (i > 0) w.byte(44);',
            '    w.string(e[0]);',
            '    w.byte(58);',
            '    try {',
            `      ${this.enc(value, 'e[1]')}`,
            '    } catch (x) {',
            "      throw encodeFail(x, '.' + e[0]);",
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
          `  ${tag === 'ok' ? 'if' : 'else if'} (v.tag === '${tag}') {`,
          `    w.raw(${this.lit('{', json, ':')});`,
          t === null ? '    w.null();' : `    try {\n      ${this.enc(t, 'v.val')}\n    } catch (e) {\n      throw encodeFail(e, '.${json}');\n    }`,
          '    w.byte(125);',
          '  }',
        ];
        return [
          head,
          "  objectValue(v, 'result');",
          ...arm('ok', 'Ok', k.ok),
          ...arm('err', 'Err', k.err),
          "  else throw encodeError(`unknown result tag ${describe((v as { tag: unknown }).tag)}`);",
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
      lines.push(`    w.raw(${this.lit(i === 0 ? open : ',', f.json, ':')});`, `    ${this.enc(f.type, `v.${f.js}`)}`);
    });
    lines.push('  } catch (e) {', '    throw encodeFail(e, seg);', '  }');
    return lines;
  }

  private seqEncoder(head: string, elem: Type, length: number | null): string[] {
    const check =
      length === null
        ? "  arrayLike(v, 'list');"
        : `  if (arrayLike(v, 'list').length !== ${length}) throw encodeError(\`expected a list of ${length}, got \${v.length}\`);`;
    return [
      head,
      check,
      '  w.byte(91);',
      '  let i = 0;',
      '  try {',
      '    for (; i < v.length; i++) {',
      '      if (i > 0) w.byte(44);',
      `      ${this.enc(elem, 'v[i]!')}`,
      '    }',
      '  } catch (e) {',
      '    throw encodeFail(e, `[${i}]`);',
      '  }',
      '  w.byte(93);',
      '}',
    ];
  }

  private mapEncoder(head: string, key: Type, value: Type): string[] {
    const p = resolvePrimitive(this.resolve, key);
    let compare: string;
    let writeKey: string;
    if (p === 'string' || p === 'char') {
      compare = 'compareCodePoints(a[0], b[0])';
      writeKey = p === 'string' ? 'w.string(e[0]);' : 'w.char(e[0]);';
    } else if (p === 'bool') {
      compare = 'Number(a[0]) - Number(b[0])';
      writeKey = 'w.byte(34);\n    w.boolean(e[0]);\n    w.byte(34);';
    } else if (p === 'u64' || p === 's64') {
      compare = 'a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0';
      writeKey = `w.byte(34);\n    w.${p}(e[0]);\n    w.byte(34);`;
    } else {
      compare = 'a[0] - b[0]';
      writeKey = `w.byte(34);\n    w.${p}(e[0]);\n    w.byte(34);`;
    }
    // The Component Model's JS mapping lowers a `Map`, or any object through Object.entries.
    const source =
      p === 'string' || p === 'char'
        ? `v instanceof Map ? [...v.entries()] : (Object.entries(objectValue(v, 'map')) as [${this.ts(key)}, ${this.ts(value)}][])`
        : "v instanceof Map ? [...v.entries()] : (() => { throw encodeError(`expected a Map, got ${describe(v)}`); })()";
    return [
      head,
      `  const entries = (${source}).sort((a, b) => ${compare});`,
      '  w.byte(123);',
      '  for (let i = 0; i < entries.length; i++) {',
      '    const e = entries[i]!;',
      '    if (i > 0) w.byte(44);',
      `    ${writeKey}`,
      '    w.byte(58);',
      '    try {',
      `      ${this.enc(value, 'e[1]')}`,
      '    } catch (x) {',
      "      throw encodeFail(x, '.' + String(e[0]));",
      '    }',
      '  }',
      '  w.byte(125);',
      '}',
    ];
  }

  private enumEncoder(head: string, cases: CaseSpec[], isEnum: boolean): string[] {
    const repr = this.opts.enumRepr;
    const lines = [head];
    if (!isEnum) lines.push("  objectValue(v, 'variant');");
    lines.push(isEnum ? '  switch (v) {' : '  switch (v.tag) {');
    for (const c of cases) {
      lines.push(`    case ${tsStringLiteral(c.tag)}:`);
      const payload = c.type === null ? null : this.enc(c.type, 'v.val');
      const guarded = (stmt: string): string =>
        `      try {\n        ${stmt}\n      } catch (e) {\n        throw encodeFail(e, ${tsStringLiteral(`.${c.json}`)});\n      }`;
      switch (repr.kind) {
        case 'external':
          if (payload === null) lines.push(`      w.raw(${this.lit('', c.json, '')});`);
          else lines.push(`      w.raw(${this.lit('{', c.json, ':')});`, guarded(payload), '      w.byte(125);');
          break;
        case 'untagged':
          lines.push(payload === null ? '      w.null();' : guarded(payload));
          break;
        case 'adjacent': {
          const open = this.lit('{', repr.tag, ':');
          lines.push(`      w.raw(${open});`, `      w.str(${tsStringLiteral(c.json)});`);
          if (payload !== null) lines.push(`      w.raw(${this.lit(',', repr.content, ':')});`, guarded(payload));
          lines.push('      w.byte(125);');
          break;
        }
        case 'internal': {
          lines.push(`      w.raw(${this.lit('{', repr.tag, ':')});`, `      w.str(${tsStringLiteral(c.json)});`);
          if (c.type !== null) lines.push(guarded(`${this.fieldWriter(c.type)}(w, v.val);`));
          lines.push('      w.byte(125);');
          break;
        }
      }
      lines.push('      return;');
    }
    lines.push(
      '    default:',
      `      throw encodeError(\`unknown case \${describe(${isEnum ? 'v as unknown' : '(v as { tag: unknown }).tag'})}\`);`,
      '  }',
      '}',
    );
    return lines;
  }

  /** For internally tagged records: a function writing `,"field":value` for every field. */
  private fieldWriter(t: Type): string {
    const def = typeDef(this.resolve, t)!;
    const id = typeof t === 'number' ? dealiasId(this.resolve, t) : -1;
    let name = this.fieldWriters.get(id);
    if (name === undefined && def.kind.kind === 'record') {
      name = `g${id}`;
      this.fieldWriters.set(id, name);
      const fields = this.fieldSpecs(def.kind.fields);
      const lines = [`function ${name}(w: Writer, v: ${this.ts(t)}): void {`];
      fields.forEach((f) => lines.push(`  w.raw(${this.lit(',', f.json, ':')});`, `  ${this.enc(f.type, `v.${f.js}`)}`));
      lines.push('}', '');
      this.functions.push(...lines);
    }
    return name!;
  }

  // ---- ad-hoc records (bundled parameters) ----------------------------------------------

  adHocTs(root: AdHocRecord): string {
    return `{ ${root.fields.map((f) => `${tsPropertyKey(jsName(f.name, 'field'))}: ${this.ts(f.type)};`).join(' ')} }`;
  }

  adHocDecoder(root: AdHocRecord, name: string): string {
    const fn = `d${name}`;
    this.functions.push(
      ...this.recordDecoder(`function ${fn}(r: Reader): ${this.adHocTs(root)} {`, this.fieldSpecs(root.fields), `struct ${name}`),
      '',
    );
    return fn;
  }

  adHocEncoder(root: AdHocRecord, name: string): string {
    const fn = `e${name}`;
    this.functions.push(
      `function ${fn}(w: Writer, v: ${this.adHocTs(root)}): void {`,
      `  objectValue(v, ${tsStringLiteral(root.name)});`,
      ...this.fieldWrites(this.fieldSpecs(root.fields), '{'),
      '  w.byte(125);',
      '}',
      '',
    );
    return fn;
  }
}

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

function dealiasId(resolve: Resolve, id: number): number {
  let x: Type = id;
  for (;;) {
    if (typeof x !== 'number') return id;
    const kind: TypeDefKind = resolve.types[x]!.kind;
    if (kind.kind !== 'type') return x;
    x = kind.type;
  }
}
