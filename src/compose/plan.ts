/**
 * Decides how children are wired, by interface name: an instance import is satisfied by another
 * child's export of the same name; what no child provides becomes an import of the composite,
 * one per name, however many children need it; and the interfaces no child uses are exported.
 */
import { ComposeError } from './errors.ts';
import { importDependencies, typeKey, type ImportType, type InstanceExport } from './model.ts';
import type { ComponentInterface } from './read.ts';

export interface Child {
  /** How errors name it: the component's name or file. */
  name: string;
  bytes: Uint8Array;
  iface: ComponentInterface;
}

/** Where one import of a child comes from. */
export type Source = { from: 'import'; name: string } | { from: 'child'; child: number; name: string };

export interface Plan {
  /** Children in an order where every provider comes before its users (indices into the input). */
  order: number[];
  /** Per child (input index): its imports, each with its source. */
  wiring: Map<number, { name: string; sort: 'instance' | 'func'; source: Source }[]>;
  /** The composite's imports, in declaration order (an import after those whose types it uses). */
  imports: { name: string; type: ImportType }[];
  /** The composite's exports: a child's instance export, by name. */
  exports: { child: number; name: string }[];
}

/** The instance exports of every child, by name; two children exporting one name is an error. */
function providers(children: Child[]): Map<string, number> {
  const out = new Map<string, number>();
  children.forEach((c, i) => {
    for (const e of c.iface.exports) {
      if (e.sort !== 'instance') continue;
      const other = out.get(e.name);
      if (other !== undefined) {
        throw new ComposeError(
          `${children[other]!.name} and ${c.name} both export ${e.name}: which one to wire is ambiguous`,
        );
      }
      out.set(e.name, i);
    }
  });
  return out;
}

function describe(t: ImportType): string {
  return t.sort === 'func' ? 'a function' : 'an instance';
}

/**
 * Merges one import needed by several children. Instances merge export by export: the composite
 * imports the union, and an export both declare must have the same type in both.
 */
function mergeImport(
  name: string,
  a: { child: string; type: ImportType },
  b: { child: string; type: ImportType },
): ImportType {
  const conflict = (what: string): ComposeError =>
    new ComposeError(`${a.child} and ${b.child} import ${name} with different types (${what})`);
  if (a.type.sort === 'func' && b.type.sort === 'func') {
    if (typeKey(a.type.type) !== typeKey(b.type.type)) throw conflict('the function signatures differ');
    return a.type;
  }
  if (a.type.sort === 'instance' && b.type.sort === 'instance') {
    const exports = new Map<string, InstanceExport>(a.type.exports);
    for (const [exportName, e] of b.type.exports) {
      const mine = exports.get(exportName);
      if (mine === undefined) exports.set(exportName, e);
      else if (typeKey(mine) !== typeKey(e)) throw conflict(`its ${exportName} differs`);
    }
    return { sort: 'instance', exports };
  }
  throw conflict(`${describe(a.type)} in ${a.child}, ${describe(b.type)} in ${b.child}`);
}

/** Imports ordered so that each comes after the imports its types refer to. */
function declarationOrder(imports: Map<string, ImportType>): { name: string; type: ImportType }[] {
  const out: { name: string; type: ImportType }[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, user: string): void => {
    const s = state.get(name);
    if (s === 'done') return;
    if (s === 'visiting') throw new ComposeError(`the types of ${name} and ${user} refer to each other`);
    const type = imports.get(name);
    if (type === undefined) {
      throw new ComposeError(
        `${user} uses types of ${name}, which a child provides: such an import cannot be declared yet`,
      );
    }
    state.set(name, 'visiting');
    for (const dep of importDependencies(type)) visit(dep, name);
    state.set(name, 'done');
    out.push({ name, type });
  };
  for (const name of imports.keys()) visit(name, name);
  return out;
}

/** Children ordered so that each comes after the children it imports from. */
function instantiationOrder(children: Child[], wiring: Plan['wiring']): number[] {
  const order: number[] = [];
  const state = new Map<number, 'visiting' | 'done'>();
  const visit = (i: number, path: string[]): void => {
    const s = state.get(i);
    if (s === 'done') return;
    if (s === 'visiting')
      throw new ComposeError(
        `the children import from each other in a cycle: ${[...path, children[i]!.name].join(' -> ')}`,
      );
    state.set(i, 'visiting');
    for (const w of wiring.get(i)!) if (w.source.from === 'child') visit(w.source.child, [...path, children[i]!.name]);
    state.set(i, 'done');
    order.push(i);
  };
  children.forEach((_, i) => visit(i, []));
  return order;
}

export function planComposition(children: Child[]): Plan {
  const byName = providers(children);
  const wiring: Plan['wiring'] = new Map();
  const needed = new Map<string, { child: string; type: ImportType }>();
  const consumed = new Set<string>();
  children.forEach((c, i) => {
    const sources: { name: string; sort: 'instance' | 'func'; source: Source }[] = [];
    for (const imp of c.iface.imports) {
      const provider = imp.type.sort === 'instance' ? byName.get(imp.name) : undefined;
      if (provider !== undefined && provider !== i) {
        consumed.add(imp.name);
        sources.push({ name: imp.name, sort: 'instance', source: { from: 'child', child: provider, name: imp.name } });
        continue;
      }
      const already = needed.get(imp.name);
      const type = already === undefined ? imp.type : mergeImport(imp.name, already, { child: c.name, type: imp.type });
      needed.set(imp.name, { child: already?.child ?? c.name, type });
      sources.push({ name: imp.name, sort: imp.type.sort, source: { from: 'import', name: imp.name } });
    }
    wiring.set(i, sources);
  });
  const exports: Plan['exports'] = [];
  children.forEach((c, i) => {
    for (const e of c.iface.exports)
      if (e.sort === 'instance' && !consumed.has(e.name)) exports.push({ child: i, name: e.name });
  });
  if (exports.length === 0)
    throw new ComposeError(
      'every interface the children export is used by another child: the composite would export nothing',
    );
  const imports = declarationOrder(new Map([...needed].map(([name, n]) => [name, n.type])));
  return { order: instantiationOrder(children, wiring), wiring, imports, exports };
}
