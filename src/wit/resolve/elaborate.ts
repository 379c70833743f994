/**
 * World elaboration, as wit-parser's `Resolve::elaborate_world`: every interface a world's items
 * depend on is imported before them, items are grouped (interfaces, type imports, types,
 * functions, resource functions), and exports whose dependencies would have to be both imported
 * and exported are rejected.
 */
import {
  worldKeyString,
  type Resolve,
  type Stability,
  type WorldEntry,
  type WorldItem,
  type WorldKey,
} from '../model.ts';
import type { Span } from '../syntax/ast.ts';
import { WitError } from '../diagnostic.ts';

/** The interface that type `id` is `use`d from, if it comes from another interface or world. */
export function typeInterfaceDep(resolve: Resolve, id: number): number | null {
  const ty = resolve.types[id]!;
  if (ty.kind.kind !== 'type' || typeof ty.kind.type !== 'number') return null;
  const other = resolve.types[ty.kind.type]!;
  if (sameOwner(ty.owner, other.owner)) return null;
  if (other.owner.kind !== 'interface') throw new Error('a `use` must name an interface type');
  return other.owner.id;
}

function sameOwner(a: Resolve['types'][number]['owner'], b: Resolve['types'][number]['owner']): boolean {
  if (a.kind === 'none' || b.kind === 'none') return a.kind === b.kind;
  return a.kind === b.kind && a.id === b.id;
}

/** The interfaces `id` uses types from, in the order of its types (repeats included). */
export function interfaceDirectDeps(resolve: Resolve, id: number): number[] {
  const deps: number[] = [];
  for (const ty of resolve.interfaces[id]!.types.values()) {
    const dep = typeInterfaceDep(resolve, ty);
    if (dep !== null) deps.push(dep);
  }
  return deps;
}

export function idOf(resolve: Resolve, iface: number): string {
  const i = resolve.interfaces[iface]!;
  const pkg = resolve.packages[i.package!]!.name;
  const base = `${pkg.namespace}:${pkg.name}/${i.name}`;
  return pkg.version === undefined ? base : `${base}@${pkg.version}`;
}

export function nameWorldKey(resolve: Resolve, key: WorldKey): string {
  return key.kind === 'name' ? key.name : idOf(resolve, key.id);
}

function sortKey(resolve: Resolve, item: WorldItem): number {
  switch (item.kind) {
    case 'interface':
      return 0;
    case 'type': {
      const ty = resolve.types[item.id]!;
      if (ty.kind.kind === 'type' && typeof ty.kind.type === 'number') {
        if (!sameOwner(resolve.types[ty.kind.type]!.owner, ty.owner)) return 1;
      }
      return 2;
    }
    case 'function':
      return item.func.kind.kind === 'freestanding' || item.func.kind.kind === 'async-freestanding' ? 3 : 4;
  }
}

function sortEntries(resolve: Resolve, entries: Iterable<WorldEntry>): WorldEntry[] {
  return [...entries].sort((a, b) => sortKey(resolve, a.item) - sortKey(resolve, b.item));
}

/** One interface being added, with its dependencies still to visit from `next` on. */
interface Visit {
  key: WorldKey;
  id: number;
  deps: number[];
  next: number;
}

function visit(resolve: Resolve, key: WorldKey, id: number): Visit {
  return { key, id, deps: interfaceDirectDeps(resolve, id), next: 0 };
}

function interfaceKey(id: number): WorldKey {
  return { kind: 'interface', id };
}

/**
 * Imports `id` under `key` after every interface it depends on, depth first. An explicit stack
 * rather than recursion: a chain of `use`s may be thousands of interfaces long.
 */
function importInterface(
  resolve: Resolve,
  imports: Map<string, WorldEntry>,
  key: WorldKey,
  id: number,
  stability: Stability,
  statement: InterfaceItem | undefined,
): void {
  const k = worldKeyString(key);
  const prev = imports.get(k);
  if (prev !== undefined) {
    // Already implied by an earlier import: that entry keeps its place and stability, and takes
    // what this import's own statement says, so docs and external ids do not depend on order.
    if (prev.item.kind === 'interface' && statement !== undefined) {
      imports.set(k, { key, item: interfaceItem(id, prev.item.stability, statement) });
    }
    return;
  }
  const stack = [visit(resolve, key, id)];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.next < top.deps.length) {
      const dep = top.deps[top.next++]!;
      if (!imports.has(worldKeyString(interfaceKey(dep)))) stack.push(visit(resolve, interfaceKey(dep), dep));
      continue;
    }
    stack.pop();
    // An implied dependency has no statement of its own, so no docs or external id.
    const own = stack.length === 0 ? statement : undefined;
    imports.set(worldKeyString(top.key), { key: top.key, item: interfaceItem(top.id, stability, own) });
  }
}

type InterfaceItem = Extract<WorldItem, { kind: 'interface' }>;

/** An interface item with what its own `import`/`export` statement said (docs, external id), if any. */
function interfaceItem(id: number, stability: Stability, statement: InterfaceItem | undefined): InterfaceItem {
  const item: InterfaceItem = { kind: 'interface', id, stability };
  if (statement?.docs !== undefined) item.docs = statement.docs;
  if (statement?.externalId !== undefined) item.externalId = statement.externalId;
  return item;
}

export function elaborateWorld(resolve: Resolve, worldId: number, span: Span): void {
  const world = resolve.worlds[worldId]!;
  const imports = new Map<string, WorldEntry>();
  for (const entry of sortEntries(resolve, world.imports.values())) {
    const { key, item } = entry;
    if (item.kind === 'interface') {
      importInterface(resolve, imports, key, item.id, item.stability, item);
    } else {
      if (item.kind === 'type') {
        const dep = typeInterfaceDep(resolve, item.id);
        if (dep !== null) {
          const stability = resolve.types[item.id]!.stability;
          importInterface(resolve, imports, { kind: 'interface', id: dep }, dep, stability, undefined);
        }
      }
      imports.set(worldKeyString(key), entry);
    }
  }

  const exports = new Map<string, WorldEntry>();
  // One interface may be exported under several labels (`export a: i; export b: i;`).
  const exportInterfaces: { id: number; key: WorldKey; stability: Stability }[] = [];
  const exportedIds = new Set<number>();
  for (const entry of world.exports.values()) {
    if (entry.item.kind === 'interface') {
      exportInterfaces.push({ id: entry.item.id, key: entry.key, stability: entry.item.stability });
      exportedIds.add(entry.item.id);
    } else {
      exports.set(worldKeyString(entry.key), entry);
    }
  }

  const requiredImports = new Set<number>();
  // An interface reached first as a dependency keeps what its own statement said, if any.
  const statement = (entry: WorldEntry | undefined): InterfaceItem | undefined =>
    entry?.item.kind === 'interface' ? entry.item : undefined;
  // Whether interface `id` can be added (as an export, or as an import it requires): false when
  // it would have to be both. Depth first through its dependencies, with an explicit stack.
  const addExport = (id: number, key: WorldKey, stability: Stability): boolean => {
    if (exports.has(worldKeyString(key))) return true;
    const stack: (Visit & { asExport: boolean })[] = [{ ...visit(resolve, key, id), asExport: true }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (top.next < top.deps.length) {
        const dep = top.deps[top.next++]!;
        const asExport = top.asExport && exportedIds.has(dep);
        if (exports.has(worldKeyString(interfaceKey(dep)))) {
          if (!asExport) return false;
        } else if (asExport || !requiredImports.has(dep)) {
          stack.push({ ...visit(resolve, interfaceKey(dep), dep), asExport });
        }
        continue;
      }
      stack.pop();
      const k = worldKeyString(top.key);
      const item = interfaceItem(top.id, stability, statement((top.asExport ? world.exports : imports).get(k)));
      if (top.asExport) {
        if (requiredImports.has(top.id)) return false;
        exports.set(k, { key: top.key, item });
      } else {
        requiredImports.add(top.id);
        imports.set(k, { key: top.key, item });
      }
    }
    return true;
  };
  for (const { id, key, stability } of exportInterfaces) {
    if (!addExport(id, key, stability)) {
      throw new WitError(
        span,
        `interface \`${nameWorldKey(resolve, key)}\` transitively depends on an interface in incompatible ways`,
      );
    }
  }

  world.imports = new Map(sortEntries(resolve, imports.values()).map((e) => [worldKeyString(e.key), e]));
  world.exports = exports;
}
