/**
 * Turns the files of a 2022-dialect package into one modern `PackageFile`: each file becomes an
 * interface named after the file, and `use * from x` becomes a `use x.{...}` of every type name
 * visible in sibling `x` (its own definitions, then what it uses itself).
 */
import type { Id, Interface, InterfaceItem, PackageFile, PackageName, Span, Use } from '../syntax/ast.ts';
import { WitError } from '../diagnostic.ts';
import type { File2022, Use2022 } from './parse.ts';

export interface ParsedFile2022 {
  file: number;
  /** The interface name: the file name without its `.wit` extension. */
  name: string;
  parsed: File2022;
}

/** Where a visible type name was defined: the interface and its name there. */
interface Origin {
  iface: string;
  name: string;
}

export function toPackageFile(files: ParsedFile2022[], packageName: PackageName): PackageFile {
  const byName = new Map(files.map((f) => [f.name, f]));
  const visible = new Map<string, Map<string, Origin>>();
  const expanding = new Set<string>();

  /** The type names interface `name` makes visible, each with its origin. */
  function visibleNames(file: ParsedFile2022): Map<string, Origin> {
    const done = visible.get(file.name);
    if (done) return done;
    expanding.add(file.name);
    const names = new Map<string, Origin>();
    for (const item of file.parsed.items) {
      if (item.kind === 'type') {
        const n = item.typedef.name.name;
        names.set(n, { iface: file.name, name: n });
      }
    }
    for (const use of file.parsed.uses) {
      for (const [mine, origin] of useNames(use)) if (!names.has(mine)) names.set(mine, origin);
    }
    expanding.delete(file.name);
    visible.set(file.name, names);
    return names;
  }

  /** The names a `use` brings in, as `[local name, origin]`. */
  function useNames(use: Use2022): [string, Origin][] {
    const target = siblingOf(use.from);
    const names = visibleOf(target, use);
    if (use.names === null) return [...names];
    return use.names.map(({ name, as }) => {
      const origin = names.get(name.name) ?? { iface: target.name, name: name.name };
      return [(as ?? name).name, origin];
    });
  }

  function visibleOf(target: ParsedFile2022, use: Use2022): Map<string, Origin> {
    if (expanding.has(target.name)) {
      throw new WitError(use.from.span, `\`use\` of \`${target.name}\` forms a cycle`);
    }
    return visibleNames(target);
  }

  function siblingOf(from: Id): ParsedFile2022 {
    const target = byName.get(from.name);
    if (target === undefined) {
      throw new WitError(from.span, `no file \`${from.name}.wit\` in this package to use from`);
    }
    return target;
  }

  /** `use * from x` lists every name visible in `x`, skipping ones already brought in. */
  function modernUse(use: Use2022, seen: Map<string, Origin>): Use | null {
    const from = siblingOf(use.from);
    let names: Use['names'];
    if (use.names === null) {
      const star = use.star as Span;
      names = [];
      for (const [name, origin] of visibleOf(from, use)) {
        const prior = seen.get(name);
        if (prior && prior.iface === origin.iface && prior.name === origin.name) continue;
        seen.set(name, origin);
        names.push({ name: { name, span: star }, as: null });
      }
      if (names.length === 0) return null;
    } else {
      names = use.names.map((n) => ({ name: n.name, as: n.as }));
      for (const [mine, origin] of useNames(use)) seen.set(mine, origin);
    }
    return { attributes: [], from: { kind: 'id', id: use.from }, names };
  }

  const items = files.map((file): PackageFile['items'][number] => {
    const seen = new Map<string, Origin>();
    const uses: InterfaceItem[] = [];
    for (const use of file.parsed.uses) {
      const modern = modernUse(use, seen);
      if (modern) uses.push({ kind: 'use', use: modern });
    }
    const start: Span = { file: file.file, start: 0, end: 0 };
    const iface: Interface = {
      docs: { comments: [], span: start },
      attributes: [],
      name: { name: file.name, span: start },
      items: [...uses, ...file.parsed.items],
    };
    return { kind: 'interface', interface: iface };
  });
  return { package: packageName, items };
}
