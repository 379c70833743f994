/**
 * Per-type codec generation: TypeScript source for one module with `encode<Name>` /
 * `decode<Name>` per root and one specialised function per reachable type, so nothing is
 * interpreted at run time.
 *
 * The generated module imports the runtime (`runtime.ts`, copied verbatim as the shared codec
 * module) from `runtimeImport`; the runtime text therefore exists once in the repository and
 * generation stays pure. The per-type functions come from `generator.ts`.
 */
import type { Resolve, Type } from '../wit/model.ts';
import { tsStringLiteral, typeShapeName, upperCamelCase } from '../naming/index.ts';
import { tsType } from '../typemap/index.ts';
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
}

export interface RootExports {
  /** `encode<Name>(value: T): Uint8Array` */
  encode: string;
  /** `decode<Name>(bytes: Uint8Array): T` */
  decode: string;
  /** The jco TypeScript type of the root value. */
  tsType: string;
}

/** A type the codec cannot carry, found under root `root`. */
export interface EmitProblem {
  root: number;
  type: Type;
  reason: string;
}

export interface EmittedCodec {
  /** TypeScript source of the codec module; empty when there are problems. */
  source: string;
  /** Export names per root, in the order of `roots`; empty when there are problems. */
  roots: RootExports[];
  problems: EmitProblem[];
}

/** Generates the codec module for `roots`, or reports the types that cannot cross a wire. */
export function emitCodec(request: EmitCodecRequest): EmittedCodec {
  const opts = resolveCodecOptions(request.options);
  const problems = collectProblems(request.resolve, request.roots, opts);
  if (problems.length > 0) return { source: '', roots: [], problems };
  const gen = new Generator(request.resolve, opts);
  const names = rootNames(request.resolve, request.roots);
  const exports: RootExports[] = [];
  const rootLines: string[] = [];
  request.roots.forEach((root, index) => {
    const name = names[index]!;
    const isRecord = typeof root === 'object';
    const ts = isRecord ? gen.adHocTs(root) : tsType(request.resolve, root);
    const decodeExpr = isRecord ? `${gen.adHocDecoder(root, name)}(r)` : gen.dec(root);
    const encodeStmt = isRecord ? `${gen.adHocEncoder(root, name)}(w, value);` : gen.enc(root, 'value');
    const entry: RootExports = { encode: `encode${name}`, decode: `decode${name}`, tsType: ts };
    exports.push(entry);
    // A primitive root needs no alias (and `type String = string` would shadow a global).
    const isPrimitive = typeof root === 'string';
    const valueType = isPrimitive ? ts : name;
    rootLines.push(
      ...(isPrimitive ? [] : [`export type ${name} = ${ts};`, '']),
      `export function ${entry.decode}(bytes: Uint8Array): ${valueType} {`,
      '  const r = new Reader(bytes);',
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
      '  const w = sharedWriter();',
      '  try {',
      `    ${encodeStmt}`,
      '  } catch (e) {',
      '    throw asCodecError(e).seal();',
      '  }',
      '  return w.take();',
      '}',
      '',
    );
  });
  const body = [...gen.constants, gen.constants.length > 0 ? '' : null, ...gen.functions, ...rootLines]
    .filter((line): line is string => line !== null)
    .join('\n');
  // Import exactly the runtime helpers the generated code mentions.
  const imports = RUNTIME_EXPORTS.filter((name) => new RegExp(`\\b${name}\\b`).test(body));
  // The caller adds the file header; this is the module body only.
  const source = [
    `import { ${imports.join(', ')} } from ${tsStringLiteral(request.runtimeImport)};`,
    '',
    body,
  ].join('\n');
  return { source, roots: exports, problems: [] };
}

/** The runtime exports generated code may use, in import order. */
const RUNTIME_EXPORTS = [
  'CodecError',
  'Reader',
  'Writer',
  'arrayLike',
  'asCodecError',
  'base64Encode',
  'compareCodePoints',
  'describe',
  'encodeError',
  'encodeFail',
  'jsonStringBytes',
  'literal',
  'objectValue',
  'sharedWriter',
];

/** `<Name>` for each root: the UpperCamelCase WIT type name, made unique. */
function rootNames(resolve: Resolve, roots: CodecRoot[]): string[] {
  // Root types are exported beside the runtime imports: never shadow one.
  const used = new Set<string>(RUNTIME_EXPORTS);
  return roots.map((root) => {
    const base = typeof root === 'object' ? upperCamelCase(root.name) : typeShapeName(resolve, root);
    let name = base === '' ? 'Value' : base;
    for (let k = 2; used.has(name); k++) name = `${base}${k}`;
    used.add(name);
    return name;
  });
}
