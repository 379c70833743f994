/**
 * The TypeScript types of a contract, for business-logic authors: every named WIT type its
 * functions reach, the contract as an interface, and ambient declarations of the WIT modules
 * (`declare module 'wasmcloud:keyvalue/key-value@0.1.0'`) that componentize-js resolves.
 *
 * Written as formatted text in one pass: building it node by node with
 * ts-morph re-parsed the file on every insertion, quadratic in the number of functions. Named
 * types are referred to by name, never spelled out, so a chain of thousands of aliases gives
 * thousands of short declarations rather than one type nested thousands deep.
 */
import type { Contract, ContractFunction } from '../../contract/contract.ts';
import { interfaceWitId } from '../../contract/identity.ts';
import { jsName, typeDeclarationNames } from '../../naming/index.ts';
import { namedTypeBody, tsType as tsTypeOf, type TypeNamer } from '../../typemap/index.ts';
import { reachableFrom, type InterfaceId, type Resolve, type Type, type TypeId } from '../../wit/model.ts';
import { GENERATED_HEADER } from '../generated-file.ts';
import { docComment, signature, typeAlias } from '../snippets.ts';

/** Named types reachable from the contract's signatures, in id order, with unique TS names. */
export function contractTypeNames(resolve: Resolve, c: Contract): Map<TypeId, string> {
  const roots = c.functions.flatMap((f) => [
    ...f.func.params.map((p) => p.type),
    ...(f.func.result === null ? [] : [f.func.result]),
  ]);
  return typeDeclarationNames(resolve, reachableFrom(resolve, roots));
}

function docs(text: string | null): string[] {
  return text === null || text.trim() === '' ? [] : [text.trim()];
}

export interface FunctionSignature {
  name: string;
  params: { name: string; type: string }[];
  returnType: string;
  docs: string[];
}

/** The JS signature of a contract function as componentize-js exposes it: errors are thrown. */
export function functionSignature(resolve: Resolve, f: ContractFunction, named?: TypeNamer): FunctionSignature {
  const tsType = (t: Type) => tsTypeOf(resolve, t, named);
  const r = f.result;
  let returnType = 'void';
  const throws: string[] = [];
  if (r.kind === 'rpc') {
    if (r.ok !== null) returnType = tsType(r.ok);
    throws.push('@throws the rpc-error as a plain value');
  } else if (r.kind === 'result') {
    if (r.ok !== null) returnType = tsType(r.ok);
    throws.push('@throws the err side of the result as a plain value');
  } else if (r.kind === 'value') {
    returnType = tsType(r.type);
  }
  return {
    name: jsName(f.func.name, 'function'),
    params: f.func.params.map((p) => ({ name: jsName(p.name, 'param'), type: tsType(p.type) })),
    returnType,
    // JSDoc tags swallow the lines after them, so `@throws` goes last.
    docs: [...docs(f.func.docs.contents), `wasmbus method \`${f.method}\`.`, ...throws],
  };
}

/** `<indent><lead>name(a: A, b: B): R;`, wrapped when too wide. */
function signatureText(s: FunctionSignature, indent: string, lead: string): string {
  const params = s.params.map((p) => `${p.name}: ${p.type}`);
  return signature(indent, `${lead}${s.name}`, params, `: ${s.returnType};`);
}

/** Each named type as an exported alias whose body names the other named types. */
function typeDeclarations(resolve: Resolve, names: Map<TypeId, string>, indent: string): string[] {
  return [...names].map(([id, name]) => {
    const body = namedTypeBody(resolve, id, names);
    const doc = docComment(resolve.types[id]!.docs.contents?.trim() ?? null, indent);
    return `${doc === '' ? '' : `${doc}\n`}${typeAlias(indent, `export type ${name}`, body)}`;
  });
}

/** `types.ts`: the named types and the contract as an interface. `names` is `contractTypeNames`. */
export function typesFile(resolve: Resolve, c: Contract, names: Map<TypeId, string>): string {
  const iface = resolve.interfaces[c.interface]!;
  const ifaceDoc = [...docs(iface.docs.contents), `The \`${c.witId}\` contract (\`${c.contractId}\` on wasmbus).`];
  const methods = c.functions.map((f) => {
    const s = functionSignature(resolve, f, (id) => names.get(id));
    return `${docComment(s.docs.join('\n'), '  ')}\n${signatureText(s, '  ', '')}`;
  });
  return [
    GENERATED_HEADER,
    ...typeDeclarations(resolve, names, ''),
    '',
    docComment(ifaceDoc.join('\n\n')),
    `export interface ${jsName(iface.name ?? 'contract', 'interface')} {`,
    ...methods,
    '}',
    '',
  ].join('\n');
}

/** An ambient module declaring `functions`, and the named types they use (as jco's bindings do). */
function moduleDeclaration(resolve: Resolve, id: InterfaceId, types: string[], functions: FunctionSignature[]): string {
  const members = [
    ...(types.length > 0 ? [types.join('\n')] : []),
    ...functions.map((s) => `${docComment(s.docs.join('\n'), '  ')}\n${signatureText(s, '  ', 'export function ')}`),
  ];
  return `declare module '${interfaceWitId(resolve, id)}' {\n${members.join('\n\n')}\n}\n`;
}

/** Ambient declarations of the contract's module and the bus sender's module. */
export function modulesFile(resolve: Resolve, c: Contract, names: Map<TypeId, string>): string {
  const contract = moduleDeclaration(
    resolve,
    c.interface,
    typeDeclarations(resolve, names, '  '),
    c.functions.map((f) => functionSignature(resolve, f, (id) => names.get(id))),
  );
  const message = tsTypeOf(resolve, c.bus.message);
  const sender = moduleDeclaration(
    resolve,
    c.bus.sender,
    [],
    [
      {
        name: 'send',
        params: [
          { name: 'msg', type: message },
          { name: 'contractName', type: 'string' },
          { name: 'linkName', type: 'string | undefined' },
        ],
        returnType: 'Uint8Array',
        docs: ["@throws the rpc-error as `{ payload }`, as componentize-js reports an import's err"],
      },
    ],
  );
  return `${GENERATED_HEADER}\n${contract}\n${sender}`;
}
