/**
 * The TypeScript types of a contract, for business-logic authors: every named WIT type its
 * functions reach, the contract as an interface, and ambient declarations of the WIT modules
 * (`declare module 'wasmcloud:keyvalue/key-value@0.1.0'`) that componentize-js resolves.
 * Built with ts-morph so the declarations are syntax, not string soup.
 */
import { Project, StructureKind, type InterfaceDeclarationStructure, type OptionalKind } from 'ts-morph';
import type { Contract, ContractFunction } from '../../contract/contract.ts';
import { interfaceWitId } from '../../contract/identity.ts';
import { jsName } from '../../naming/index.ts';
import { tsType as tsTypeOf, type TypeNamer } from '../../typemap/index.ts';
import { reachableTypes, type InterfaceId, type Resolve, type Type, type TypeId } from '../../wit/model.ts';
import { GENERATED_HEADER } from '../generated-file.ts';

/** Whether a type is one the types module declares: named, and not a `use` of a same-named type. */
function isDeclared(resolve: Resolve, id: TypeId): boolean {
  const def = resolve.types[id]!;
  const k = def.kind;
  const isUse = k.kind === 'type' && typeof k.type === 'number' && resolve.types[k.type]!.name === def.name;
  return def.name !== null && !isUse;
}

/** Named types reachable from the contract's signatures, in id order, with unique TS names. */
export function contractTypeNames(resolve: Resolve, c: Contract): Map<TypeId, string> {
  return new Map(namedTypes(resolve, c).map(({ id, name }) => [id, name]));
}

function namedTypes(resolve: Resolve, c: Contract): { id: TypeId; name: string }[] {
  const ids = new Set<TypeId>();
  for (const f of c.functions) {
    const roots = [...f.func.params.map((p) => p.type), ...(f.func.result === null ? [] : [f.func.result])];
    for (const root of roots) for (const id of reachableTypes(resolve, root)) ids.add(id);
  }
  const sorted = [...ids].filter((id) => isDeclared(resolve, id)).sort((a, b) => a - b);
  const byName = new Map<string, TypeId[]>();
  for (const id of sorted) {
    const name = jsName(resolve.types[id]!.name!, 'type');
    byName.set(name, [...(byName.get(name) ?? []), id]);
  }
  return sorted.map((id) => {
    const base = jsName(resolve.types[id]!.name!, 'type');
    if (byName.get(base)!.length === 1) return { id, name: base };
    const owner = resolve.types[id]!.owner;
    const prefix =
      owner.kind === 'interface' ? jsName(resolve.interfaces[owner.id]!.name ?? 'anonymous', 'type') : 'World';
    return { id, name: `${prefix}${base}` };
  });
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

function contractInterface(resolve: Resolve, c: Contract, named: TypeNamer): OptionalKind<InterfaceDeclarationStructure> {
  const iface = resolve.interfaces[c.interface]!;
  return {
    name: jsName(iface.name ?? 'contract', 'interface'),
    isExported: true,
    docs: [
      [...docs(iface.docs.contents), `The \`${c.witId}\` contract (\`${c.contractId}\` on wasmbus).`].join('\n\n'),
    ],
    methods: c.functions.map((f) => {
      const s = functionSignature(resolve, f, named);
      return { name: s.name, parameters: s.params, returnType: s.returnType, docs: [s.docs.join('\n')] };
    }),
  };
}

export function typesFile(resolve: Resolve, c: Contract): string {
  const project = new Project({ useInMemoryFileSystem: true });
  const file = project.createSourceFile('types.ts');
  const names = contractTypeNames(resolve, c);
  for (const [id, name] of names) {
    const def = resolve.types[id]!;
    const body = tsTypeOf(resolve, id, (ref) => (ref === id ? undefined : names.get(ref)));
    file.addTypeAlias({ name, type: body, isExported: true, docs: docs(def.docs.contents) });
  }
  file.addInterface(contractInterface(resolve, c, (id) => names.get(id)));
  return `${GENERATED_HEADER}\n${file.getFullText()}`;
}

function moduleDeclaration(resolve: Resolve, id: InterfaceId, functions: FunctionSignature[]): string {
  const project = new Project({ useInMemoryFileSystem: true });
  const file = project.createSourceFile('m.d.ts');
  const mod = file.addModule({ name: `'${interfaceWitId(resolve, id)}'`, hasDeclareKeyword: true });
  for (const s of functions) {
    mod.addFunction({
      kind: StructureKind.Function,
      name: s.name,
      parameters: s.params,
      returnType: s.returnType,
      isExported: true,
      docs: [s.docs.join('\n')],
    });
  }
  return file.getFullText();
}

/** Ambient declarations of the contract's module and the bus sender's module. */
export function modulesFile(resolve: Resolve, c: Contract): string {
  const contract = moduleDeclaration(
    resolve,
    c.interface,
    c.functions.map((f) => functionSignature(resolve, f)),
  );
  const message = tsTypeOf(resolve, c.bus.message);
  const sender = moduleDeclaration(resolve, c.bus.sender, [
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
  ]);
  return `${GENERATED_HEADER}\n${contract}\n${sender}`;
}
