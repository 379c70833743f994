/** Walks the `use`/`include`/import paths of a file in wit-parser's `DeclList::for_each_path` order. */
import type {
  AstItem,
  Attribute,
  ExternKind,
  Id,
  Span,
  UseName,
  UsePath,
} from '../syntax/ast.ts';

export type PathTarget = 'world' | 'interface' | 'unknown';

export type PathVisitor = (
  /** The interface (or, for `include`, the world) the path appears in; null elsewhere. */
  owner: Id | null,
  attrs: Attribute[],
  path: UsePath,
  names: UseName[] | null,
  target: PathTarget,
) => void;

export function forEachPath(items: AstItem[], f: PathVisitor): void {
  for (const item of items) {
    switch (item.kind) {
      case 'world': {
        const world = item.world;
        // Imports are visited before exports, whatever their textual order.
        const imports: { extern: ExternKind; attrs: Attribute[] }[] = [];
        const exports: { extern: ExternKind; attrs: Attribute[] }[] = [];
        for (const w of world.items) {
          if (w.kind === 'use') f(null, w.use.attributes, w.use.from, w.use.names, 'interface');
          else if (w.kind === 'include') f(world.name, w.include.attributes, w.include.from, null, 'world');
          else if (w.kind === 'import') imports.push({ extern: w.extern, attrs: w.attributes });
          else if (w.kind === 'export') exports.push({ extern: w.extern, attrs: w.attributes });
        }
        for (const { extern, attrs } of [...imports, ...exports]) visitExtern(extern, attrs, f);
        break;
      }
      case 'interface':
        for (const i of item.interface.items) {
          if (i.kind === 'use') f(item.interface.name, i.use.attributes, i.use.from, i.use.names, 'interface');
        }
        break;
      case 'use':
        f(null, item.use.attributes, item.use.item, null, 'unknown');
        break;
      case 'package':
        forEachPath(item.package.items, f);
        break;
    }
  }
}

function visitExtern(extern: ExternKind, attrs: Attribute[], f: PathVisitor): void {
  switch (extern.kind) {
    case 'interface':
      for (const i of extern.items) {
        if (i.kind === 'use') f(null, i.use.attributes, i.use.from, i.use.names, 'interface');
      }
      break;
    case 'path':
    case 'named-path':
      f(null, attrs, extern.path, null, 'interface');
      break;
    case 'func':
      break;
  }
}

/** The name a path brings into scope: its last segment. */
export function usePathName(path: UsePath): Id {
  return path.kind === 'id' ? path.id : path.name;
}

export function usePathSpan(path: UsePath): Span {
  if (path.kind === 'id') return path.id.span;
  return { file: path.name.span.file, start: path.package.span.start, end: path.name.span.end };
}

export function externSpan(extern: ExternKind): Span {
  switch (extern.kind) {
    case 'interface':
    case 'named-path':
    case 'func':
      return extern.name.span;
    case 'path':
      return usePathSpan(extern.path);
  }
}
