/**
 * Per-type codec generation: TypeScript source for one module with `encode<Name>` /
 * `decode<Name>` per root and one specialised function per reachable type, so nothing is
 * interpreted at run time.
 *
 * The generated module imports the runtime (`runtime.ts`, copied verbatim as the shared codec
 * module) from `runtimeImport`; the runtime text therefore exists once in the repository and
 * generation stays pure. The per-type functions come from `generator.ts`.
 */
import { reachableFrom, type Resolve, type Type, type TypeId } from '../wit/model.ts';
import { typeDeclarationNames, typeShapeName, upperCamelCase } from '../naming/index.ts';
import { namedTypeBody, tsType } from '../typemap/index.ts';
import { GeneratedFile } from '../gen/generated-file.ts';
import { typeAlias } from '../gen/snippets.ts';
import { Generator } from './generator.ts';
import { resolveCodecOptions, type CodecOptions } from './options.ts';
import { collectProblems } from './problems.ts';

/** A root that bundles several values (e.g. function parameters) into one JSON object. */
export interface AdHocRecord {
  name: string;
  fields: { name: string; type: Type }[];
}

export type CodecRoot = Type | AdHocRecord;

export interface EmitCodecRequest {
  resolve: Resolve;
  roots: CodecRoot[];
  options?: CodecOptions;
  /** Module specifier the generated code imports the runtime from, e.g. `./codec-runtime.js`. */
  runtimeImport: string;
  /**
   * Where the named types are declared: their names (`typeDeclarationNames` over every type the
   * roots reach) and the module exporting them. Without it the codec module declares and exports
   * them itself.
   */
  types?: { names: Map<TypeId, string>; from: string };
  /** The module's path, for its GeneratedFile. */
  path?: string;
}

export interface RootExports {
  /** `encode<Name>(value: T): Uint8Array` */
  encode: string;
  /** `decode<Name>(bytes: Uint8Array): T` */
  decode: string;
}

/** A type the codec cannot carry, found under root `root`. */
export interface EmitProblem {
  root: number;
  type: Type;
  reason: string;
}

export interface EmittedCodec {
  /** TypeScript source of the codec module, header included; empty when there are problems. */
  source: string;
  /** Export names per root, in the order of `roots`; empty when there are problems. */
  roots: RootExports[];
  problems: EmitProblem[];
}

/** Generates the codec module for `roots`, or reports the types that cannot cross a wire. */
export function emitCodec(request: EmitCodecRequest): EmittedCodec {
  const { resolve, roots } = request;
  const opts = resolveCodecOptions(request.options);
  const problems = collectProblems(resolve, roots, opts);
  if (problems.length > 0) return { source: '', roots: [], problems };

  const file = new GeneratedFile(request.path ?? 'codec.ts');
  const ownTypes = request.types === undefined;
  const typeNames = request.types?.names ?? typeDeclarationNames(resolve, reachableFrom(resolve, rootTypes(roots)));
  // The declared type a root is, through aliases (null for anonymous types and ad-hoc records).
  const declared = new Set(typeNames.values());
  const rootDeclared = roots.map((root) => {
    const spelled = typeof root === 'number' ? tsType(resolve, root, (id) => typeNames.get(id)) : null;
    return spelled !== null && declared.has(spelled) ? spelled : null;
  });
  // Exported names are claimed first, so they never depend on what else the module holds.
  const names = rootNames(resolve, roots, rootDeclared, typeNames);
  const exports = names.map((name) => ({
    encode: file.declare(`encode${name}`),
    decode: file.declare(`decode${name}`),
  }));
  const declarations: string[] = [];
  if (ownTypes) {
    for (const [id, name] of typeNames) {
      file.declare(name);
      declarations.push(typeAlias('', `export type ${name}`, namedTypeBody(resolve, id, typeNames)));
    }
  }
  const typesFrom = request.types?.from;
  const typeRef = (id: TypeId): string | undefined => {
    const name = typeNames.get(id);
    return name === undefined || typesFrom === undefined
      ? name
      : file.import({ name, from: typesFrom, typeOnly: true });
  };
  // Anonymous and ad-hoc roots are exported as types of their own (named ones already are).
  const rootTypeNames = roots.map((root, i) =>
    typeof root === 'string' || rootDeclared[i] !== null ? null : file.declare(names[i]!),
  );

  const gen = new Generator(resolve, opts, { file, runtimeImport: request.runtimeImport, typeNames, typeRef });
  const rootLines: string[] = [];
  roots.forEach((root, index) => {
    const name = names[index]!;
    const entry = exports[index]!;
    const isRecord = typeof root === 'object';
    const ts = isRecord ? gen.adHocTs(root) : gen.ts(root);
    const exported = rootTypeNames[index];
    // A primitive root needs no alias (and `type String = string` would shadow a global).
    const valueType = exported ?? ts;
    const decodeExpr = isRecord ? `${gen.adHocDecoder(root, name, valueType)}(r)` : gen.dec(root);
    // The whole-document fast path, for the engines that interpret this module (see fastDecode).
    const depth = isRecord ? gen.adHocFastDepth(root) : gen.fastDepth(root);
    const accept = depth === null ? null : isRecord ? gen.adHocAcceptor(root, name, valueType) : gen.rootAccept(root);
    const plain = depth === null ? null : isRecord ? gen.adHocPlain(root, name, valueType) : gen.rootPlain(root);
    const encodeStmt = isRecord ? `${gen.adHocEncoder(root, name, valueType)}(w, value);` : gen.enc(root, 'value');
    const rt = (
      symbol: 'Reader' | 'sharedWriter' | 'asCodecError' | 'fastDecode' | 'fastEncode' | 'missed' | 'FAST_BYTES_MAX',
    ) => file.import({ name: symbol, from: request.runtimeImport });
    // Types that hold byte lists read long documents faster on the Reader (see FAST_BYTES_MAX).
    const holdsBytes =
      depth !== null && (isRecord ? root.fields.some((f) => gen.holdsByteArray(f.type)) : gen.holdsByteArray(root));
    const limit = holdsBytes ? rt('FAST_BYTES_MAX') : 'Infinity';
    rootLines.push(
      ...(exported === null ? [] : [typeAlias('', `export type ${exported}`, ts), '']),
      `export function ${entry.decode}(bytes: Uint8Array): ${valueType} {`,
      ...(accept === null
        ? []
        : [
            `  const fast = ${rt('fastDecode')}(bytes, ${depth}, ${limit}, ${accept});`,
            `  if (!${rt('missed')}(fast)) return fast as ${valueType};`,
          ]),
      `  const r = new ${rt('Reader')}(bytes);`,
      '  try {',
      `    const v = ${decodeExpr};`,
      '    r.end();',
      '    return v;',
      '  } catch (e) {',
      '    throw r.fail(e);',
      '  }',
      '}',
      '',
      `export function ${entry.encode}(value: ${valueType}): Uint8Array {`,
      ...(plain === null
        ? []
        : [`  const fast = ${rt('fastEncode')}(value, ${plain});`, '  if (fast !== null) return fast;']),
      `  const w = ${rt('sharedWriter')}();`,
      '  try {',
      `    ${encodeStmt}`,
      '  } catch (e) {',
      `    throw ${rt('asCodecError')}(e).seal();`,
      '  }',
      '  return w.take();',
      '}',
      '',
    );
  });
  gen.flush();
  const sections = [declarations, gen.constants, gen.functions, rootLines].filter((s) => s.length > 0);
  const body = sections.map((lines) => lines.join('\n').trim()).join('\n\n');
  return { source: file.render(body), roots: exports, problems: [] };
}

/** The WIT types the roots hold, ad-hoc records' fields included. */
function rootTypes(roots: CodecRoot[]): Type[] {
  return roots.flatMap((root) => (typeof root === 'object' ? root.fields.map((f) => f.type) : [root]));
}

/**
 * `<Name>` for each root: the declared name of a named type, the shape name of an anonymous one
 * (`ListString`), the UpperCamelCase name of an ad-hoc record; made unique in root order.
 */
function rootNames(
  resolve: Resolve,
  roots: CodecRoot[],
  declared: (string | null)[],
  typeNames: Map<TypeId, string>,
): string[] {
  const used = new Set<string>();
  return roots.map((root, i) => {
    const base =
      typeof root === 'object'
        ? upperCamelCase(root.name)
        : (declared[i] ?? typeShapeName(resolve, root, (id) => typeNames.get(id)));
    let name = base === '' ? 'Value' : base;
    for (let k = 2; used.has(name); k++) name = `${base}${k}`;
    used.add(name);
    return name;
  });
}
