/**
 * A child's imports with every type index resolved away: types are trees, and a named type is
 * referred to by where it is exported (this instance, or another import), never by an index.
 * Two imports are then the same type exactly when their trees are equal, whatever index spaces
 * the two children happened to number them in.
 */

/** A reference to a type that some instance exports under a name. */
export interface NamedType {
  kind: 'named';
  /** The import whose instance exports it; `null`: the instance type being described. */
  from: string | null;
  name: string;
}

export interface PrimType {
  kind: 'prim';
  /** The primitive's opcode (0x7f bool ... 0x73 string, 0x64 error-context). */
  code: number;
}

export type DefType =
  | { kind: 'record'; fields: [string, ValType][] }
  | { kind: 'variant'; cases: [string, ValType | null][] }
  | { kind: 'list'; of: ValType; length: number | null }
  | { kind: 'tuple'; of: ValType[] }
  | { kind: 'flags'; names: string[] }
  | { kind: 'enum'; names: string[] }
  | { kind: 'option'; of: ValType }
  | { kind: 'result'; ok: ValType | null; err: ValType | null }
  | { kind: 'own' | 'borrow'; of: ValType }
  | { kind: 'stream' | 'future'; of: ValType | null }
  | { kind: 'map'; key: ValType; value: ValType };

export type ValType = PrimType | NamedType | DefType;

export interface FuncType {
  kind: 'func';
  async: boolean;
  params: [string, ValType][];
  result: ValType | null;
}

/** What an instance type exports under one name. */
export type InstanceExport = { sort: 'resource' } | { sort: 'type'; type: ValType } | { sort: 'func'; type: FuncType };

/** One import of a child: an instance (an interface) or a bare function. */
export type ImportType = { sort: 'instance'; exports: Map<string, InstanceExport> } | { sort: 'func'; type: FuncType };

/** A stable text for a type tree, for equality and memoization. */
export function typeKey(t: ValType | FuncType | InstanceExport | null): string {
  return JSON.stringify(t);
}

/** The imports other than `from` that a tree refers to. */
export function importsUsed(t: ValType | FuncType | null, out = new Set<string>()): Set<string> {
  if (t === null) return out;
  switch (t.kind) {
    case 'prim':
    case 'flags':
    case 'enum':
      break;
    case 'named':
      if (t.from !== null) out.add(t.from);
      break;
    case 'record':
      for (const [, f] of t.fields) importsUsed(f, out);
      break;
    case 'variant':
      for (const [, c] of t.cases) importsUsed(c, out);
      break;
    case 'list':
    case 'option':
    case 'own':
    case 'borrow':
    case 'stream':
    case 'future':
      importsUsed(t.of, out);
      break;
    case 'tuple':
      for (const e of t.of) importsUsed(e, out);
      break;
    case 'result':
      importsUsed(t.ok, out);
      importsUsed(t.err, out);
      break;
    case 'map':
      importsUsed(t.key, out);
      importsUsed(t.value, out);
      break;
    case 'func':
      for (const [, p] of t.params) importsUsed(p, out);
      importsUsed(t.result, out);
      break;
  }
  return out;
}

/** The imports an import's type refers to. */
export function importDependencies(t: ImportType): Set<string> {
  if (t.sort === 'func') return importsUsed(t.type);
  const out = new Set<string>();
  for (const e of t.exports.values()) if (e.sort !== 'resource') importsUsed(e.type, out);
  return out;
}
