/**
 * The syntax trees of one package's files to an `UnresolvedPackage`: wit-parser's
 * `ast::Resolver`. Interfaces and worlds are allocated in dependency order and types in dependency
 * order within their interface or world (see `type-resolver.ts`), so that ids come out exactly as
 * wit-parser allocates them.
 */
import type {
  AstItem,
  Attribute,
  Docs as AstDocs,
  ExternKind,
  Func as AstFunc,
  Id,
  Interface as AstInterface,
  InterfaceItem,
  PackageFile,
  PackageName as AstPackageName,
  ResourceFunc,
  Span,
  TypeDef as AstTypeDef,
  TypeExpr,
  Use,
  UsePath,
  World as AstWorld,
} from '../syntax/ast.ts';
import {
  NO_DOCS,
  packageNameString,
  worldKeyString,
  type Docs,
  type FunctionKind,
  type PackageName,
  type Param,
  type Type,
  type TypeOwner,
  type WorldKey,
} from '../model.ts';
import { WitError } from '../diagnostic.ts';
import { forEachPath, externSpan, usePathName } from './ast-paths.ts';
import { resolveDocs } from './docs.ts';
import { resolveStability } from './stability.ts';
import { externalIdField, rejectExternalId, resolveExternalId } from './external-id.ts';
import { toposort } from '../syntax/toposort.ts';
import { UnlocatedWitError } from './errors.ts';
import { collectBodyDeps, memberSpans, TypeResolver, type ScopeEntry } from './type-resolver.ts';
import type {
  ForeignDep,
  ItemRef,
  UnresolvedFunc,
  UnresolvedInterface,
  UnresolvedPackage,
  UnresolvedTypeDefKind,
  UnresolvedWorld,
  UnresolvedWorldItem,
} from './unresolved.ts';

type TypeItem = { kind: 'use'; use: Use } | { kind: 'def'; def: AstTypeDef };

export function astPackageName(name: AstPackageName): PackageName {
  return name.version === null
    ? { namespace: name.namespace.name, name: name.name.name }
    : { namespace: name.namespace.name, name: name.name.name, version: name.version.text };
}

export class PackageResolver {
  private packageName: { name: PackageName; span: Span } | null = null;
  private packageDocs: Docs = NO_DOCS;
  private readonly files: AstItem[][] = [];

  private readonly t = new TypeResolver();
  private readonly interfaces: UnresolvedInterface[] = [];
  private readonly worlds: UnresolvedWorld[] = [];

  private curFile = 0;
  /** Per file: the top-level names in scope, including top-level `use`. */
  private readonly fileItems: Map<string, ItemRef>[] = [];
  private readonly packageItems = new Map<string, ItemRef>();
  /** Per interface: its names (types and functions), for `use`. */
  private readonly interfaceScopes: Map<string, ScopeEntry>[] = [];
  private readonly foreignDeps = new Map<string, ForeignDep>();
  private readonly foreignInterfaces = new Set<number>();

  /** Adds one file (or nested package body); all files of a package must agree on its name. */
  push(file: PackageFile): void {
    const cur = file.package;
    if (cur !== null) {
      const curName = astPackageName(cur);
      if (this.packageName !== null) {
        const prev = packageNameString(this.packageName.name);
        if (packageNameString(curName) !== prev) {
          throw new WitError(
            cur.span,
            `package identifier \`${packageNameString(curName)}\` does not match previous package name of \`${prev}\``,
          );
        }
      }
      this.packageName = { name: curName, span: cur.span };
      const docs = resolveDocs(cur.docs);
      if (docs.contents !== null) {
        if (this.packageDocs.contents !== null) {
          throw new WitError(cur.docs.span, "found doc comments on multiple 'package' items");
        }
        this.packageDocs = docs;
      }
    }
    for (const item of file.items) {
      if (item.kind === 'package') {
        throw new WitError(
          item.package.package?.span ?? item.span,
          'nested packages must be placed at the top-level',
        );
      }
    }
    this.files.push(file.items);
  }

  resolve(): UnresolvedPackage {
    if (this.packageName === null) {
      throw new UnlocatedWitError('no `package` header was found in any WIT file for this package');
    }
    this.populateForeignDeps();
    const { interfaceOrder, worldOrder } = this.populateAstItems();
    this.populateForeignTypes();

    const interfaceAsts = new Map<number, { ast: AstInterface; file: number }>();
    const worldAsts = new Map<number, { ast: AstWorld; file: number }>();
    this.files.forEach((items, file) => {
      for (const item of items) {
        if (item.kind === 'interface') {
          const ref = this.fileItems[file]!.get(item.interface.name.name)!;
          interfaceAsts.set(ref.id, { ast: item.interface, file });
        } else if (item.kind === 'world') {
          const ref = this.fileItems[file]!.get(item.world.name.name)!;
          worldAsts.set(ref.id, { ast: item.world, file });
        }
      }
    });
    for (const id of interfaceOrder) {
      const { ast, file } = interfaceAsts.get(id)!;
      this.curFile = file;
      rejectExternalId(ast.attributes, 'interface declarations');
      this.resolveInterface(id, ast.items, ast.docs, ast.attributes);
    }
    for (const id of worldOrder) {
      const { ast, file } = worldAsts.get(id)!;
      this.curFile = file;
      this.resolveWorld(id, ast);
    }
    return {
      name: this.packageName.name,
      nameSpan: this.packageName.span,
      docs: this.packageDocs,
      types: this.t.types,
      interfaces: this.interfaces,
      worlds: this.worlds,
      foreignDeps: this.foreignDeps,
      requiredResourceTypes: this.t.requiredResourceTypes,
    };
  }

  /** Allocates placeholder interfaces/worlds for every item named from another package. */
  private populateForeignDeps(): void {
    for (const items of this.files) {
      forEachPath(items, (_owner, attrs, path, _names, target) => {
        if (path.kind !== 'package') return;
        const stability = resolveStability(attrs);
        const name = astPackageName(path.package);
        const key = packageNameString(name);
        let dep = this.foreignDeps.get(key);
        if (dep === undefined) {
          dep = { name, span: path.package.span, items: new Map() };
          this.foreignDeps.set(key, dep);
        }
        let entry = dep.items.get(path.name.name);
        if (entry === undefined) {
          const item: ItemRef =
            target === 'world'
              ? { kind: 'world', id: this.allocWorld(path.name.span) }
              : { kind: 'interface', id: this.allocInterface(path.name.span) };
          entry = { item, stabilities: [] };
          dep.items.set(path.name.name, entry);
        }
        entry.stabilities.push(stability);
        if (entry.item.kind === 'interface') this.foreignInterfaces.add(entry.item.id);
      });
    }
  }

  private allocInterface(span: Span): number {
    this.interfaceScopes.push(new Map());
    this.interfaces.push({
      name: null,
      types: new Map(),
      functions: new Map(),
      docs: NO_DOCS,
      stability: { kind: 'unknown' },
      span,
    });
    return this.interfaces.length - 1;
  }

  private allocWorld(span: Span): number {
    this.worlds.push({
      name: '',
      imports: new Map(),
      exports: new Map(),
      includes: [],
      docs: NO_DOCS,
      stability: { kind: 'unknown' },
      span,
    });
    return this.worlds.length - 1;
  }

  /**
   * Creates the package's own interfaces and worlds in dependency order and the per-file scopes
   * that `use` paths resolve through.
   */
  private populateAstItems(): { interfaceOrder: number[]; worldOrder: number[] } {
    const packageSpans = new Map<string, Span>();
    const kinds = new Map<string, 'interface' | 'world'>();
    const order = new Map<string, Id[]>();
    for (const items of this.files) {
      for (const item of items) {
        if (item.kind !== 'interface' && item.kind !== 'world') continue;
        const name = item.kind === 'interface' ? item.interface.name : item.world.name;
        if (packageSpans.has(name.name)) {
          throw new WitError(name.span, `duplicate item named \`${name.name}\``);
        }
        packageSpans.set(name.name, name.span);
        order.set(name.name, []);
        kinds.set(name.name, item.kind);
      }
    }

    for (const items of this.files) {
      // What each top-level name of this file refers to; foreign items don't order anything.
      const fileNames = new Map<string, Id | null>();
      for (const item of items) {
        let name: Id;
        let local: Id | null;
        if (item.kind === 'use') {
          name = item.use.as ?? usePathName(item.use.item);
          local = item.use.item.kind === 'id' ? item.use.item.id : null;
        } else if (item.kind === 'interface') {
          name = item.interface.name;
          local = name;
        } else if (item.kind === 'world') {
          name = item.world.name;
          local = name;
        } else {
          continue;
        }
        if (fileNames.has(name.name)) {
          throw new WitError(name.span, `duplicate name \`${name.name}\` in this file`);
        }
        fileNames.set(name.name, local);
      }
      forEachPath(items, (owner, _attrs, path) => {
        if (owner === null || path.kind !== 'id') return;
        const used = path.id;
        const local = fileNames.get(used.name);
        if (local === null) return;
        if (local !== undefined) order.get(owner.name)!.push(local);
        else if (packageSpans.has(used.name)) order.get(owner.name)!.push(used);
        else throw new WitError(used.span, `interface or world \`${used.name}\` does not exist`);
      });
    }

    const sorted = toposort('interface or world', order);
    const ids = new Map<string, ItemRef>();
    const interfaceOrder: number[] = [];
    const worldOrder: number[] = [];
    for (const name of sorted) {
      if (kinds.get(name) === 'interface') {
        const id = this.allocInterface(packageSpans.get(name)!);
        this.interfaces[id]!.name = name;
        ids.set(name, { kind: 'interface', id });
        interfaceOrder.push(id);
      } else {
        const id = this.allocWorld(packageSpans.get(name)!);
        this.worlds[id]!.name = name;
        ids.set(name, { kind: 'world', id });
        worldOrder.push(id);
      }
    }
    for (const items of this.files) {
      const scope = new Map<string, ItemRef>();
      for (const item of items) {
        let name: string;
        let ref: ItemRef;
        if (item.kind === 'use') {
          const u = item.use;
          if (u.attributes.length > 0) {
            throw new WitError(u.span, 'attributes not allowed on top-level use');
          }
          name = (u.as ?? usePathName(u.item)).name;
          if (u.item.kind === 'id') {
            const found = ids.get(u.item.id.name);
            if (found === undefined) {
              throw new WitError(u.item.id.span, `interface or world \`${u.item.id.name}\` does not exist`);
            }
            ref = found;
          } else {
            ref = this.foreignItem(u.item);
          }
        } else if (item.kind === 'interface') {
          name = item.interface.name.name;
          ref = ids.get(name)!;
        } else if (item.kind === 'world') {
          name = item.world.name.name;
          ref = ids.get(name)!;
        } else {
          continue;
        }
        scope.set(name, ref);
        if (item.kind !== 'use') this.packageItems.set(name, ref);
      }
      this.fileItems.push(scope);
    }
    return { interfaceOrder, worldOrder };
  }

  private foreignItem(path: Extract<UsePath, { kind: 'package' }>): ItemRef {
    const dep = this.foreignDeps.get(packageNameString(astPackageName(path.package)))!;
    return dep.items.get(path.name.name)!.item;
  }

  /** Placeholder `unknown` types for every name used from a foreign interface. */
  private populateForeignTypes(): void {
    this.files.forEach((items, file) => {
      this.curFile = file;
      forEachPath(items, (_owner, attrs, path, names) => {
        if (names === null) return;
        const stability = resolveStability(attrs);
        const { item, name, span } = this.resolvePath(path);
        const iface = extractInterface(item, name, span);
        if (!this.foreignInterfaces.has(iface)) return;
        const scope = this.interfaceScopes[iface]!;
        for (const n of names) {
          if (scope.has(n.name.name)) continue;
          const id = this.t.alloc({
            name: n.name.name,
            kind: { kind: 'unknown' },
            owner: { kind: 'interface', id: iface },
            docs: NO_DOCS,
            stability,
            span: n.name.span,
            memberSpans: [],
          });
          scope.set(n.name.name, { item: { kind: 'type', id }, span: n.name.span });
          this.interfaces[iface]!.types.set(n.name.name, id);
        }
      });
    });
  }

  private resolveWorld(worldId: number, world: AstWorld): void {
    const w = this.worlds[worldId]!;
    w.docs = resolveDocs(world.docs);
    rejectExternalId(world.attributes, 'world declarations');
    w.stability = resolveStability(world.attributes);

    const typeItems: TypeItem[] = [];
    for (const item of world.items) {
      if (item.kind === 'use') typeItems.push({ kind: 'use', use: item.use });
      else if (item.kind === 'type') typeItems.push({ kind: 'def', def: item.typedef });
    }
    this.resolveTypes({ kind: 'world', id: worldId }, typeItems);

    for (const item of world.items) {
      if (item.kind !== 'include') continue;
      const inc = item.include;
      rejectExternalId(inc.attributes, 'include statements');
      const stability = resolveStability(inc.attributes);
      const { item: ref, name, span } = this.resolvePath(inc.from);
      if (ref.kind !== 'world') {
        throw new WitError(span, `name \`${name}\` is defined as an interface, not a world`);
      }
      w.includes.push({
        stability,
        world: ref.id,
        names: inc.names.map((n) => ({ name: n.name.name, as: n.as.name })),
        span,
      });
    }

    for (const [name, entry] of this.t.scope) {
      if (entry.item.kind !== 'type') continue;
      const key: WorldKey = { kind: 'name', name };
      w.imports.set(worldKeyString(key), {
        key,
        item: { kind: 'type', id: entry.item.id, span: entry.span },
      });
    }

    const imported = new Set<number>();
    const exported = new Set<number>();
    for (const item of world.items) {
      if (item.kind === 'type' && item.typedef.body.kind === 'resource') {
        for (const rf of item.typedef.body.funcs) {
          const func = this.resolveResourceFunc(rf, item.typedef.name);
          const key: WorldKey = { kind: 'name', name: func.name };
          w.imports.set(worldKeyString(key), { key, item: { kind: 'function', func } });
        }
        continue;
      }
      if (item.kind !== 'import' && item.kind !== 'export') continue;
      const desc = item.kind;
      const worldItem = this.resolveWorldItem(item.docs, item.attributes, item.extern);
      const extern = item.extern;
      let key: WorldKey;
      if (extern.kind === 'interface' || extern.kind === 'named-path') {
        key = { kind: 'name', name: extern.name.name };
      } else if (extern.kind === 'func') {
        key = { kind: 'name', name: (worldItem as { func: UnresolvedFunc }).func.name };
      } else {
        const { item: ref, name, span } = this.resolvePath(extern.path);
        key = { kind: 'interface', id: extractInterface(ref, name, span) };
      }
      if (worldItem.kind === 'interface' && extern.kind !== 'named-path') {
        const seen = desc === 'import' ? imported : exported;
        if (seen.has(worldItem.id)) {
          throw new WitError(externSpan(extern), `interface cannot be ${desc}ed more than once`);
        }
        seen.add(worldItem.id);
      }
      const dst = desc === 'import' ? w.imports : w.exports;
      const keyString = worldKeyString(key);
      const prev = dst.get(keyString);
      if (prev !== undefined) {
        const prevDesc = prev.item.kind === 'function' ? 'func' : prev.item.kind;
        throw new WitError(
          externSpan(extern),
          `${desc} \`${keyString}\` conflicts with prior ${prevDesc} of same name`,
        );
      }
      dst.set(keyString, { key, item: worldItem });
    }
    this.t.scope = new Map();
  }

  private resolveWorldItem(docs: AstDocs, attrs: Attribute[], extern: ExternKind): UnresolvedWorldItem {
    switch (extern.kind) {
      case 'interface': {
        const prev = this.t.scope;
        this.t.scope = new Map();
        const id = this.allocInterface(extern.name.span);
        this.resolveInterface(id, extern.items, docs, attrs);
        this.t.scope = prev;
        // The statement's docs went to the inline interface itself; its external id stays here.
        const stability = this.interfaces[id]!.stability;
        const externalId = externalIdField(resolveExternalId(attrs));
        return { kind: 'interface', id, stability, docs: NO_DOCS, ...externalId, span: extern.name.span };
      }
      case 'path':
      case 'named-path': {
        const stability = resolveStability(attrs);
        const { item, name, span } = this.resolvePath(extern.path);
        const id = extractInterface(item, name, span);
        const externalId = externalIdField(resolveExternalId(attrs));
        return { kind: 'interface', id, stability, docs: resolveDocs(docs), ...externalId, span };
      }
      case 'func': {
        const kind: FunctionKind = extern.func.async ? { kind: 'async-freestanding' } : { kind: 'freestanding' };
        const func = this.resolveFunction(docs, attrs, extern.name.name, extern.name.span, extern.func, kind);
        return { kind: 'function', func };
      }
    }
  }

  private resolveInterface(id: number, items: InterfaceItem[], docs: AstDocs, attrs: Attribute[]): void {
    const iface = this.interfaces[id]!;
    iface.docs = resolveDocs(docs);
    iface.stability = resolveStability(attrs);

    const typeItems: TypeItem[] = [];
    for (const item of items) {
      if (item.kind === 'use') typeItems.push({ kind: 'use', use: item.use });
      else if (item.kind === 'type') typeItems.push({ kind: 'def', def: item.typedef });
    }
    this.resolveTypes({ kind: 'interface', id }, typeItems);
    for (const [name, entry] of this.t.scope) {
      if (entry.item.kind === 'type') iface.types.set(name, entry.item.id);
    }

    const funcs: UnresolvedFunc[] = [];
    for (const item of items) {
      if (item.kind === 'func') {
        const f = item.func;
        this.t.define(f.name, { kind: 'item', desc: 'function' });
        const kind: FunctionKind = f.func.async ? { kind: 'async-freestanding' } : { kind: 'freestanding' };
        funcs.push(this.resolveFunction(f.docs, f.attributes, f.name.name, f.name.span, f.func, kind));
      } else if (item.kind === 'type' && item.typedef.body.kind === 'resource') {
        for (const rf of item.typedef.body.funcs) funcs.push(this.resolveResourceFunc(rf, item.typedef.name));
      }
    }
    for (const func of funcs) iface.functions.set(func.name, func);
    this.interfaceScopes[id] = this.t.scope;
    this.t.scope = new Map();
  }

  /** Defines the `use`d names, then the type definitions in dependency order. */
  private resolveTypes(owner: TypeOwner, items: TypeItem[]): void {
    for (const item of items) {
      if (item.kind === 'use') this.resolveUse(owner, item.use);
    }
    const deps = new Map<string, Id[]>();
    const defs = new Map<string, AstTypeDef | null>();
    for (const item of items) {
      if (item.kind === 'def') {
        const t = item.def;
        if (defs.has(t.name.name)) {
          throw new WitError(t.name.span, `name \`${t.name.name}\` is defined more than once`);
        }
        defs.set(t.name.name, t);
        const d: Id[] = [];
        collectBodyDeps(t.body, d);
        deps.set(t.name.name, d);
      } else {
        for (const n of item.use.names) {
          const name = (n.as ?? n.name).name;
          deps.set(name, []);
          defs.set(name, null);
        }
      }
    }
    let order: string[];
    try {
      order = toposort('type', deps);
    } catch (e) {
      throw withOldFloatHint(e);
    }
    for (const name of order) {
      const def = defs.get(name);
      if (def === undefined || def === null) continue;
      defs.delete(name);
      const docs = resolveDocs(def.docs);
      const stability = resolveStability(def.attributes);
      const kind = this.t.resolveBody(def.body, stability);
      const id = this.t.alloc({
        name: def.name.name,
        kind,
        owner,
        docs,
        stability,
        ...externalIdField(resolveExternalId(def.attributes)),
        span: def.name.span,
        memberSpans: memberSpans(def.body),
      });
      this.t.define(def.name, { kind: 'type', id });
    }
  }

  private resolveUse(owner: TypeOwner, u: Use): void {
    const { item, name, span } = this.resolvePath(u.from);
    const from = extractInterface(item, name, span);
    const stability = resolveStability(u.attributes);
    const externalId = externalIdField(resolveExternalId(u.attributes));
    for (const n of u.names) {
      const entry = this.interfaceScopes[from]!.get(n.name.name);
      if (entry === undefined) {
        throw new WitError(n.name.span, `name \`${n.name.name}\` does not exist`);
      }
      if (entry.item.kind === 'item') {
        throw new WitError(n.name.span, `cannot import ${entry.item.desc} \`${n.name.name}\``);
      }
      const local = n.as ?? n.name;
      const id = this.t.alloc({
        name: local.name,
        kind: { kind: 'type', type: entry.item.id },
        owner,
        docs: NO_DOCS,
        stability,
        ...externalId,
        span: n.name.span,
        memberSpans: [],
      });
      this.t.define(local, { kind: 'type', id });
    }
  }

  private resolveResourceFunc(rf: ResourceFunc, resource: Id): UnresolvedFunc {
    const entry = this.t.scope.get(resource.name);
    if (entry === undefined || entry.item.kind !== 'type') {
      throw new Error(`resource \`${resource.name}\` is not in scope`);
    }
    const resourceId = entry.item.id;
    const f = rf.func;
    const async = f.func.async;
    let name: string;
    let kind: FunctionKind;
    if (rf.kind === 'method') {
      name = `[method]${resource.name}.${f.name.name}`;
      kind = async ? { kind: 'async-method', resource: resourceId } : { kind: 'method', resource: resourceId };
    } else if (rf.kind === 'static') {
      name = `[static]${resource.name}.${f.name.name}`;
      kind = async ? { kind: 'async-static', resource: resourceId } : { kind: 'static', resource: resourceId };
    } else {
      name = `[constructor]${resource.name}`;
      kind = { kind: 'constructor', resource: resourceId };
    }
    return this.resolveFunction(f.docs, f.attributes, name, f.name.span, f.func, kind);
  }

  private resolveFunction(
    docs: AstDocs,
    attrs: Attribute[],
    name: string,
    nameSpan: Span,
    func: AstFunc,
    kind: FunctionKind,
  ): UnresolvedFunc {
    const resolvedDocs = resolveDocs(docs);
    const stability = resolveStability(attrs);
    const params: Param[] = [];
    if (kind.kind === 'method' || kind.kind === 'async-method') {
      const handle: UnresolvedTypeDefKind = { kind: 'handle', handle: 'borrow', resource: kind.resource };
      params.push({ name: 'self', type: this.t.anon(handle, { kind: 'unknown' }, func.span) });
    }
    for (const p of func.params) {
      if (params.some((q) => q.name === p.name.name)) {
        throw new WitError(p.name.span, `param \`${p.name.name}\` is defined more than once`);
      }
      params.push({ name: p.name.name, type: this.t.resolve(p.type, { kind: 'unknown' }) });
    }
    let result: Type | null;
    if (kind.kind === 'constructor') {
      result = func.result === null ? kind.resource : this.resolveConstructorResult(kind.resource, func.result);
    } else {
      result = func.result === null ? null : this.t.resolve(func.result, { kind: 'unknown' });
    }
    const externalId = externalIdField(resolveExternalId(attrs));
    return { name, kind, params, result, docs: resolvedDocs, stability, ...externalId, span: nameSpan };
  }

  private resolveConstructorResult(resource: number, ast: TypeExpr): Type {
    const result = this.t.resolve(ast, { kind: 'unknown' });
    const def = typeof result === 'number' ? this.t.types[result]! : undefined;
    if (def === undefined || def.kind.kind !== 'result') {
      throw new WitError(ast.span, 'if a constructor return type is declared it must be a `result`');
    }
    if (def.kind.ok !== resource) {
      const okSpan = ast.kind === 'result' && ast.ok !== null ? ast.ok.span : ast.span;
      throw new WitError(okSpan, 'the `ok` type must be the resource being constructed');
    }
    return result;
  }

  /** Resolves a `use` path to the item it names in the current file's scope. */
  private resolvePath(path: UsePath): { item: ItemRef; name: string; span: Span } {
    if (path.kind === 'package') {
      return { item: this.foreignItem(path), name: path.name.name, span: path.name.span };
    }
    const item = this.fileItems[this.curFile]!.get(path.id.name) ?? this.packageItems.get(path.id.name);
    if (item === undefined) {
      throw new WitError(path.id.span, `interface or world \`${path.id.name}\` does not exist`);
    }
    return { item, name: path.id.name, span: path.id.span };
  }

}

function extractInterface(item: ItemRef, name: string, span: Span): number {
  if (item.kind === 'world') {
    throw new WitError(span, `name \`${name}\` is defined as a world, not an interface`);
  }
  return item.id;
}

/** wit-parser explains a missing `float32`/`float64` on a second line of the error. */
function withOldFloatHint(e: unknown): unknown {
  const m = e instanceof WitError ? /^type `(float32|float64)` does not exist$/.exec(e.message) : null;
  if (m === null) return e;
  const name = m[1]!;
  const renamed = name === 'float32' ? 'f32' : 'f64';
  return new WitError(
    (e as WitError).span,
    `${(e as WitError).message}\nthe \`${name}\` type has been renamed to \`${renamed}\` and is no longer accepted, but the ` +
      '`WIT_REQUIRE_F32_F64=0` environment variable can be used to temporarily disable this error',
  );
}

