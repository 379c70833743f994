/** Which packages a package needs, so an adapter's WIT folder can carry exactly those in deps/. */
import { typeDefChildren, type InterfaceId, type PackageId, type Resolve, type Type, type TypeId } from '../wit/model.ts';

function interfacePackage(resolve: Resolve, id: InterfaceId): PackageId | null {
  return resolve.interfaces[id]!.package;
}

function ownerPackage(resolve: Resolve, id: TypeId): PackageId | null {
  const owner = resolve.types[id]!.owner;
  if (owner.kind === 'interface') return interfacePackage(resolve, owner.id);
  if (owner.kind === 'world') return resolve.worlds[owner.id]!.package;
  return null;
}

/** Packages referenced directly by anything package `pkg` defines. */
function directDeps(resolve: Resolve, pkg: PackageId): Set<PackageId> {
  const deps = new Set<PackageId>();
  const add = (p: PackageId | null) => {
    if (p !== null && p !== pkg) deps.add(p);
  };
  const visitType = (t: Type, seen: Set<TypeId>) => {
    if (typeof t !== 'number' || seen.has(t)) return;
    seen.add(t);
    add(ownerPackage(resolve, t));
    for (const r of typeDefChildren(resolve.types[t]!.kind)) visitType(r, seen);
  };
  const seen = new Set<TypeId>();
  const visitInterface = (id: InterfaceId) => {
    const iface = resolve.interfaces[id]!;
    for (const t of iface.types.values()) visitType(t, seen);
    for (const f of iface.functions.values()) {
      for (const p of f.params) visitType(p.type, seen);
      if (f.result !== null) visitType(f.result, seen);
    }
  };
  const p = resolve.packages[pkg]!;
  for (const id of p.interfaces.values()) visitInterface(id);
  for (const wid of p.worlds.values()) {
    const w = resolve.worlds[wid]!;
    for (const entry of [...w.imports.values(), ...w.exports.values()]) {
      const item = entry.item;
      if (item.kind === 'interface') {
        add(interfacePackage(resolve, item.id));
        if (resolve.interfaces[item.id]!.name === null) visitInterface(item.id);
      } else if (item.kind === 'type') {
        visitType(item.id, seen);
      } else {
        for (const param of item.func.params) visitType(param.type, seen);
        if (item.func.result !== null) visitType(item.func.result, seen);
      }
    }
  }
  return deps;
}

/** `roots` and every package they need, transitively, in ascending id order. */
export function packageClosure(resolve: Resolve, roots: Iterable<PackageId>): PackageId[] {
  const done = new Set<PackageId>();
  const stack = [...roots];
  while (stack.length > 0) {
    const p = stack.pop()!;
    if (done.has(p)) continue;
    done.add(p);
    for (const d of directDeps(resolve, p)) stack.push(d);
  }
  return [...done].sort((a, b) => a - b);
}
