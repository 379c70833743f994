/**
 * The resolved WIT model: an arena addressed by numeric ids, mirroring wit-parser's `Resolve`
 * so that `witbus wit --json` can emit the same document as `wasm-tools component wit --json`.
 *
 * Ids are indexes into the arrays of `Resolve`. Maps whose order is significant in wit-parser
 * (IndexMap) are `Map`s here, which keep insertion order.
 */

export type TypeId = number;
export type InterfaceId = number;
export type WorldId = number;
export type PackageId = number;

export type PrimitiveType =
  | 'bool'
  | 'u8'
  | 'u16'
  | 'u32'
  | 'u64'
  | 's8'
  | 's16'
  | 's32'
  | 's64'
  | 'f32'
  | 'f64'
  | 'char'
  | 'string'
  | 'error-context';

/** A primitive, or a reference to a type definition in `Resolve.types`. */
export type Type = PrimitiveType | TypeId;

export interface Docs {
  contents: string | null;
}

export type Stability =
  | { kind: 'unknown' }
  | { kind: 'stable'; since: string; deprecated?: string }
  | { kind: 'unstable'; feature: string; deprecated?: string };

export interface PackageName {
  namespace: string;
  name: string;
  /** Semver text, e.g. "0.2.0" or "1.0.0-rc.1+build". */
  version?: string;
}

export interface Package {
  name: PackageName;
  docs: Docs;
  interfaces: Map<string, InterfaceId>;
  worlds: Map<string, WorldId>;
}

export interface Interface {
  /** null for an anonymous interface inlined in a world. */
  name: string | null;
  types: Map<string, TypeId>;
  functions: Map<string, Func>;
  docs: Docs;
  stability: Stability;
  package: PackageId | null;
}

export type WorldKey = { kind: 'name'; name: string } | { kind: 'interface'; id: InterfaceId };

export type WorldItem =
  | {
      kind: 'interface';
      id: InterfaceId;
      stability: Stability;
      /**
       * Doc comments written on the `import`/`export` statement of a by-reference interface
       * (`import iface;`, `import label: iface;`); absent when there are none. An inline
       * `import x: interface { ... }` keeps its docs on the interface itself.
       */
      docs?: Docs;
      /** `@external-id("...")` on the statement. */
      externalId?: string;
    }
  | { kind: 'function'; func: Func }
  | { kind: 'type'; id: TypeId };

export interface WorldEntry {
  key: WorldKey;
  item: WorldItem;
}

export interface World {
  name: string;
  /** In wit-parser's order; keyed by `worldKeyString`. */
  imports: Map<string, WorldEntry>;
  exports: Map<string, WorldEntry>;
  package: PackageId | null;
  docs: Docs;
  stability: Stability;
}

export type TypeOwner =
  | { kind: 'world'; id: WorldId }
  | { kind: 'interface'; id: InterfaceId }
  | { kind: 'none' };

export interface Field {
  name: string;
  type: Type;
  docs: Docs;
}

export interface Case {
  name: string;
  type: Type | null;
  docs: Docs;
}

export interface EnumCase {
  name: string;
  docs: Docs;
}

export interface Flag {
  name: string;
  docs: Docs;
}

export type TypeDefKind =
  | { kind: 'record'; fields: Field[] }
  | { kind: 'resource' }
  | { kind: 'handle'; handle: 'own' | 'borrow'; resource: TypeId }
  | { kind: 'flags'; flags: Flag[] }
  | { kind: 'tuple'; types: Type[] }
  | { kind: 'variant'; cases: Case[] }
  | { kind: 'enum'; cases: EnumCase[] }
  | { kind: 'option'; type: Type }
  | { kind: 'result'; ok: Type | null; err: Type | null }
  | { kind: 'list'; type: Type }
  | { kind: 'fixed-length-list'; type: Type; length: number }
  | { kind: 'map'; key: Type; value: Type }
  | { kind: 'future'; type: Type | null }
  | { kind: 'stream'; type: Type | null }
  /** An alias: `type a = b;` */
  | { kind: 'type'; type: Type };

export interface TypeDef {
  name: string | null;
  kind: TypeDefKind;
  owner: TypeOwner;
  docs: Docs;
  stability: Stability;
  /** `@external-id("...")` on the definition, or on the `use` that brought the name in. */
  externalId?: string;
}

export type FunctionKind =
  | { kind: 'freestanding' }
  | { kind: 'async-freestanding' }
  | { kind: 'method'; resource: TypeId }
  | { kind: 'async-method'; resource: TypeId }
  | { kind: 'static'; resource: TypeId }
  | { kind: 'async-static'; resource: TypeId }
  | { kind: 'constructor'; resource: TypeId };

export interface Param {
  name: string;
  type: Type;
}

export interface Func {
  /** The full name, e.g. `[method]r.f` for a resource method. */
  name: string;
  kind: FunctionKind;
  params: Param[];
  result: Type | null;
  docs: Docs;
  stability: Stability;
  /** `@external-id("...")` on the function (or the world import/export of it). */
  externalId?: string;
}

export interface Resolve {
  worlds: World[];
  interfaces: Interface[];
  types: TypeDef[];
  packages: Package[];
}

export const NO_DOCS: Docs = Object.freeze({ contents: null });
export const UNKNOWN_STABILITY: Stability = Object.freeze({ kind: 'unknown' });

export function worldKeyString(key: WorldKey): string {
  return key.kind === 'name' ? key.name : `interface-${key.id}`;
}

export function packageNameString(name: PackageName): string {
  const base = `${name.namespace}:${name.name}`;
  return name.version === undefined ? base : `${base}@${name.version}`;
}

/** Follows `type a = b` aliases to the definition they name. */
export function dealias(resolve: Resolve, type: Type): Type {
  let t = type;
  while (typeof t === 'number') {
    const def = resolve.types[t]!;
    if (def.kind.kind !== 'type') return t;
    t = def.kind.type;
  }
  return t;
}

/** The types a definition refers to directly (a handle's resource included). */
export function typeDefChildren(kind: TypeDefKind): Type[] {
  switch (kind.kind) {
    case 'record':
      return kind.fields.map((f) => f.type);
    case 'variant':
      return kind.cases.flatMap((c) => (c.type === null ? [] : [c.type]));
    case 'tuple':
      return kind.types;
    case 'option':
    case 'list':
    case 'fixed-length-list':
    case 'type':
      return [kind.type];
    case 'result':
      return [kind.ok, kind.err].filter((t): t is Type => t !== null);
    case 'map':
      return [kind.key, kind.value];
    case 'future':
    case 'stream':
      return kind.type === null ? [] : [kind.type];
    case 'handle':
      return [kind.resource];
    case 'resource':
    case 'flags':
    case 'enum':
      return [];
  }
}

/** Every type definition reachable from `type`, itself included. */
export function reachableTypes(resolve: Resolve, type: Type): Set<TypeId> {
  return reachableFrom(resolve, [type]);
}

/** Every type definition reachable from any of `roots`, the roots included; one walk for all. */
export function reachableFrom(resolve: Resolve, roots: Iterable<Type>): Set<TypeId> {
  const seen = new Set<TypeId>();
  const stack: Type[] = [...roots];
  while (stack.length > 0) {
    const t = stack.pop()!;
    if (typeof t !== 'number' || seen.has(t)) continue;
    seen.add(t);
    stack.push(...typeDefChildren(resolve.types[t]!.kind));
  }
  return seen;
}
