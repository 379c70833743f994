/**
 * Adds one `UnresolvedPackage` to a `Resolve`: wit-parser's `Remap::append`. Foreign placeholders
 * are mapped onto packages already present, gated-off items are dropped (and references to them are
 * errors), references to resources become `own<T>` handles, and worlds get their includes merged
 * and are elaborated.
 */
import {
  packageNameString,
  typeDefChildren,
  worldKeyString,
  type Func,
  type Interface,
  type PackageId,
  type Type,
  type TypeDef,
  type TypeDefKind,
  type TypeId,
  type World,
  type WorldEntry,
  type WorldItem,
  type WorldKey,
} from '../model.ts';
import type { Span } from '../syntax/ast.ts';
import { WitError } from '../diagnostic.ts';
import { located, type ResolveBuilder } from './builder.ts';
import { elaborateWorld } from './elaborate.ts';
import { processWorldIncludes } from './include.ts';
import type {
  ForeignItem,
  UnresolvedFunc,
  UnresolvedInterface,
  UnresolvedPackage,
  UnresolvedTypeDef,
  UnresolvedWorld,
} from './unresolved.ts';
import { externalIdField } from './external-id.ts';
import { setFunctionSpan } from './spans.ts';

const GATED_TYPE = 'this type is not gated by a feature but its interface is';

function excluded(desc: string, span: Span | null): WitError {
  return located(span, `found a reference to a ${desc} which is excluded due to its feature not being activated`);
}

function packageNotFound(builder: ResolveBuilder, name: string, span: Span): WitError {
  const known = [...builder.packageNames.keys()];
  const list = known.length === 0 ? '' : `. known packages:${known.map((k) => `\n    ${k}`).join('')}`;
  return new WitError(span, `package '${name}' not found${list}`);
}

class Remap {
  readonly types: (number | null)[] = [];
  readonly interfaces: (number | null)[] = [];
  readonly worlds: (number | null)[] = [];
  /** `own<T>` handles created so far, by `T`. */
  private readonly ownHandles = new Map<number, number>();
  private readonly hasBorrow = new Map<number, boolean>();

  constructor(
    private readonly builder: ResolveBuilder,
    private readonly pkg: PackageId,
  ) {}

  private get resolve() {
    return this.builder.resolve;
  }

  mapType(id: number, span: Span | null): number {
    const mapped = this.types[id];
    if (mapped === null || mapped === undefined) throw excluded('type', span);
    return mapped;
  }

  mapInterface(id: number, span: Span | null): number {
    const mapped = this.interfaces[id];
    if (mapped === null || mapped === undefined) throw excluded('interface', span);
    return mapped;
  }

  mapWorld(id: number, span: Span | null): number {
    const mapped = this.worlds[id];
    if (mapped === null || mapped === undefined) throw excluded('world', span);
    return mapped;
  }

  append(unresolved: UnresolvedPackage): void {
    this.processForeignDeps(unresolved);
    const foreignTypes = this.types.length;
    const foreignInterfaces = this.interfaces.length;
    const foreignWorlds = this.worlds.length;

    for (const ty of unresolved.types.slice(foreignTypes)) {
      if (!this.builder.includeStability(ty.stability, this.pkg, ty.span)) {
        this.types.push(null);
        continue;
      }
      this.resolve.types.push(this.updateTypeDef(ty));
      const id = this.resolve.types.length - 1;
      if (ty.name !== null) this.builder.spans.types.set(id, ty.span);
      this.types.push(id);
    }

    for (const iface of unresolved.interfaces.slice(foreignInterfaces)) {
      if (!this.builder.includeStability(iface.stability, this.pkg, iface.span)) {
        this.interfaces.push(null);
        continue;
      }
      const id = this.resolve.interfaces.length;
      this.resolve.interfaces.push(this.updateInterface(iface, id));
      this.builder.spans.interfaces.set(id, iface.span);
      this.interfaces.push(id);
    }

    this.fixTypeOwners(unresolved, foreignTypes, 'interface');

    const worldSpans = new Map<number, Span>();
    for (const world of unresolved.worlds.slice(foreignWorlds)) {
      if (!this.builder.includeStability(world.stability, this.pkg, world.span)) {
        this.worlds.push(null);
        continue;
      }
      this.resolve.worlds.push(this.updateWorld(world));
      const id = this.resolve.worlds.length - 1;
      worldSpans.set(id, world.span);
      this.builder.spans.worlds.set(id, world.span);
      this.worlds.push(id);
    }

    this.fixTypeOwners(unresolved, foreignTypes, 'world');

    unresolved.worlds.slice(foreignWorlds).forEach((world, i) => {
      const id = this.worlds[foreignWorlds + i];
      if (id === null || id === undefined) return;
      processWorldIncludes(this.builder, id, this.pkg, world.includes, (w, span) => this.mapWorld(w, span));
      elaborateWorld(this.resolve, id, worldSpans.get(id)!);
    });

    const pkg = this.resolve.packages[this.pkg]!;
    for (const id of this.interfaces.slice(foreignInterfaces)) {
      if (id === null) continue;
      const iface = this.resolve.interfaces[id]!;
      iface.package = this.pkg;
      if (iface.name !== null) pkg.interfaces.set(iface.name, id);
    }
    for (const id of this.worlds.slice(foreignWorlds)) {
      if (id === null) continue;
      const world = this.resolve.worlds[id]!;
      world.package = this.pkg;
      pkg.worlds.set(world.name, id);
    }
  }

  /** Points the placeholders of foreign interfaces, worlds and types at their definitions. */
  private processForeignDeps(unresolved: UnresolvedPackage): void {
    const interfaceDeps = new Map<number, { pkg: string; name: string; span: Span; item: ForeignItem }>();
    const worldDeps = new Map<number, { pkg: string; name: string; span: Span; item: ForeignItem }>();
    for (const [pkg, dep] of unresolved.foreignDeps) {
      for (const [name, item] of dep.items) {
        const target = item.item.kind === 'interface' ? interfaceDeps : worldDeps;
        target.set(item.item.id, { pkg, name, span: dep.span, item });
      }
    }

    const enabled = (item: ForeignItem, span: Span) =>
      item.stabilities.some((s) => this.builder.includeStability(s, this.pkg, span));

    for (let id = 0; id < unresolved.interfaces.length; id++) {
      const dep = interfaceDeps.get(id);
      if (dep === undefined) break;
      const pkgId = this.builder.packageNames.get(dep.pkg);
      if (pkgId === undefined) throw packageNotFound(this.builder, dep.pkg, dep.span);
      const span = unresolved.interfaces[id]!.span;
      if (!enabled(dep.item, span)) {
        this.interfaces.push(null);
        continue;
      }
      const found = this.resolve.packages[pkgId]!.interfaces.get(dep.name);
      if (found === undefined) {
        throw new WitError(span, `interface '${dep.name}' not found in package '${dep.pkg}'`);
      }
      this.interfaces.push(found);
    }

    for (let id = 0; id < unresolved.worlds.length; id++) {
      const dep = worldDeps.get(id);
      if (dep === undefined) break;
      const pkgId = this.builder.packageNames.get(dep.pkg);
      if (pkgId === undefined) throw packageNotFound(this.builder, dep.pkg, dep.span);
      const span = unresolved.worlds[id]!.span;
      if (!enabled(dep.item, span)) {
        this.worlds.push(null);
        continue;
      }
      const found = this.resolve.packages[pkgId]!.worlds.get(dep.name);
      if (found === undefined) {
        throw new WitError(span, `world '${dep.name}' not found in package '${dep.pkg}'`);
      }
      this.worlds.push(found);
    }

    for (const ty of unresolved.types) {
      if (ty.kind.kind !== 'unknown') break;
      if (!this.builder.includeStability(ty.stability, this.pkg, ty.span)) {
        this.types.push(null);
        continue;
      }
      if (ty.owner.kind !== 'interface') throw new Error('foreign type without an interface');
      const iface = this.mapInterface(ty.owner.id, null);
      const found = this.resolve.interfaces[iface]!.types.get(ty.name!);
      if (found === undefined) {
        throw new WitError(ty.span, `type \`${ty.name}\` not defined in interface`);
      }
      this.types.push(found);
    }

    for (const { id, span } of unresolved.requiredResourceTypes) {
      const mapped = this.types[id];
      // A type configured away is an error wherever it is used, so nothing to check here.
      if (mapped === null || mapped === undefined) continue;
      for (let cur = mapped; ; ) {
        const kind = this.resolve.types[cur]!.kind;
        if (kind.kind === 'resource') break;
        if (kind.kind === 'type' && typeof kind.type === 'number') cur = kind.type;
        else throw new WitError(span, 'type used in a handle must be a resource');
      }
    }
  }

  private updateTypeDef(ty: UnresolvedTypeDef): TypeDef {
    const span = ty.span;
    const k = ty.kind;
    const t = (x: Type, s: Span = span) => this.updateType(x, s);
    const opt = (x: Type | null) => (x === null ? null : t(x));
    let kind: TypeDefKind;
    switch (k.kind) {
      case 'handle':
        kind = { kind: 'handle', handle: k.handle, resource: this.mapType(k.resource, span) };
        break;
      case 'resource':
      case 'flags':
      case 'enum':
        kind = k;
        break;
      case 'record':
        kind = {
          kind: 'record',
          fields: k.fields.map((f, i) => ({ ...f, type: t(f.type, ty.memberSpans[i] ?? span) })),
        };
        break;
      case 'variant':
        kind = {
          kind: 'variant',
          cases: k.cases.map((c, i) => ({
            ...c,
            type: c.type === null ? null : t(c.type, ty.memberSpans[i] ?? span),
          })),
        };
        break;
      case 'tuple':
        kind = { kind: 'tuple', types: k.types.map((x) => t(x)) };
        break;
      case 'option':
      case 'list':
        kind = { kind: k.kind, type: t(k.type) };
        break;
      case 'fixed-length-list':
        kind = { kind: 'fixed-length-list', type: t(k.type), length: k.length };
        break;
      case 'future':
      case 'stream':
        kind = { kind: k.kind, type: opt(k.type) };
        break;
      case 'map':
        kind = { kind: 'map', key: t(k.key), value: t(k.value) };
        break;
      case 'result':
        kind = { kind: 'result', ok: opt(k.ok), err: opt(k.err) };
        break;
      case 'type':
        // `type a = r` keeps `a` usable both as the resource and as a handle, so no `own` here.
        kind = { kind: 'type', type: typeof k.type === 'number' ? this.mapType(k.type, span) : k.type };
        break;
      case 'unknown':
        throw new Error('unknown type after the foreign types');
    }
    const { name, owner, docs, stability, externalId } = ty;
    return { name, kind, owner, docs, stability, ...externalIdField(externalId) };
  }

  /** Maps a type reference; a reference to a resource becomes an `own` handle of it. */
  private updateType(ty: Type, span: Span): Type {
    if (typeof ty !== 'number') return ty;
    const id = this.mapType(ty, span);
    let cur = id;
    for (;;) {
      const kind = this.resolve.types[cur]!.kind;
      if (kind.kind === 'type' && typeof kind.type === 'number') cur = kind.type;
      else if (kind.kind === 'resource') break;
      else return id;
    }
    let handle = this.ownHandles.get(id);
    if (handle === undefined) {
      this.resolve.types.push({
        name: null,
        kind: { kind: 'handle', handle: 'own', resource: id },
        owner: { kind: 'none' },
        docs: { contents: null },
        stability: { kind: 'unknown' },
      });
      handle = this.resolve.types.length - 1;
      this.ownHandles.set(id, handle);
    }
    return handle;
  }

  /** `id` is where the interface goes, under which its functions' spans are recorded. */
  private updateInterface(iface: UnresolvedInterface, id: number): Interface {
    const types = new Map<string, number>();
    for (const [name, id] of iface.types) {
      if (this.types[id] === null) continue;
      types.set(name, this.mapType(id, iface.span));
    }
    const functions = new Map<string, Func>();
    for (const [name, func] of iface.functions) {
      if (!this.builder.includeStability(func.stability, this.pkg, func.span)) continue;
      functions.set(name, this.updateFunction(func));
      setFunctionSpan(this.builder.spans, id, name, func.span);
    }
    return {
      name: iface.name,
      types,
      functions,
      docs: iface.docs,
      stability: iface.stability,
      package: this.pkg,
    };
  }

  updateFunction(func: UnresolvedFunc): Func {
    const span = func.span;
    const k = func.kind;
    const kind = k.kind === 'freestanding' || k.kind === 'async-freestanding' ? k : { ...k, resource: this.mapType(k.resource, span) };
    const params = func.params.map((p) => ({ name: p.name, type: this.updateType(p.type, span) }));
    const result = func.result === null ? null : this.updateType(func.result, span);
    if (result !== null && this.typeHasBorrow(result)) {
      throw new WitError(
        span,
        `function \`${func.name}\` returns a type which contains a \`borrow<T>\` which is not supported`,
      );
    }
    const { docs, stability, externalId } = func;
    return { name: func.name, kind, params, result, docs, stability, ...externalIdField(externalId) };
  }

  private updateWorld(world: UnresolvedWorld): World {
    const imports = new Map<string, WorldEntry>();
    const exports = new Map<string, WorldEntry>();
    for (const [entries, dst] of [
      [world.imports, imports],
      [world.exports, exports],
    ] as const) {
      for (const { key, item } of entries.values()) {
        let resolved: WorldItem;
        switch (item.kind) {
          case 'type': {
            const id = this.mapType(item.id, item.span);
            if (!this.builder.includeStability(this.resolve.types[id]!.stability, this.pkg, item.span)) continue;
            resolved = { kind: 'type', id };
            break;
          }
          case 'interface':
            if (!this.builder.includeStability(item.stability, this.pkg, item.span)) continue;
            resolved = { kind: 'interface', id: this.mapInterface(item.id, item.span), stability: item.stability };
            if (item.docs.contents !== null) resolved.docs = item.docs;
            if (item.externalId !== undefined) resolved.externalId = item.externalId;
            break;
          case 'function':
            if (!this.builder.includeStability(item.func.stability, this.pkg, item.func.span)) continue;
            resolved = { kind: 'function', func: this.updateFunction(item.func) };
            break;
        }
        const span = item.kind === 'function' ? item.func.span : item.span;
        const newKey: WorldKey = key.kind === 'name' ? key : { kind: 'interface', id: this.mapInterface(key.id, span) };
        dst.set(worldKeyString(newKey), { key: newKey, item: resolved });
      }
    }
    return {
      name: world.name,
      imports,
      exports,
      package: this.pkg,
      docs: world.docs,
      stability: world.stability,
    };
  }

  private fixTypeOwners(unresolved: UnresolvedPackage, from: number, kind: 'interface' | 'world'): void {
    for (let i = from; i < this.types.length; i++) {
      const id = this.types[i];
      if (id === null || id === undefined) continue;
      const def = this.resolve.types[id]!;
      if (def.owner.kind !== kind) continue;
      const span = unresolved.types[i]!.span;
      const mapped = kind === 'interface' ? this.interfaces[def.owner.id] : this.worlds[def.owner.id];
      if (mapped === null || mapped === undefined) {
        throw new WitError(span, `${excluded(kind, span).message}; ${GATED_TYPE}`);
      }
      def.owner = { kind, id: mapped };
    }
  }

  /**
   * Whether a `borrow<T>` is reachable from `root`. Iterative, with results memoized per type:
   * alias chains and nested types may be thousands deep (wit-parser recurses on a native stack).
   */
  private typeHasBorrow(root: Type): boolean {
    if (typeof root !== 'number') return false;
    const memo = this.hasBorrow;
    const stack: TypeId[] = [root];
    while (stack.length > 0) {
      const id = stack[stack.length - 1]!;
      if (memo.has(id)) {
        stack.pop();
        continue;
      }
      const kind = this.resolve.types[id]!.kind;
      if (kind.kind === 'handle') {
        memo.set(id, kind.handle === 'borrow');
        stack.pop();
        continue;
      }
      const children = typeDefChildren(kind).filter((t): t is TypeId => typeof t === 'number');
      const pending = children.filter((t) => !memo.has(t));
      if (pending.length > 0) {
        stack.push(...pending);
        continue;
      }
      memo.set(id, children.some((t) => memo.get(t)));
      stack.pop();
    }
    return memo.get(root)!;
  }
}

/** Adds `unresolved` to the builder's `Resolve`; its dependencies must already be there. */
export function appendPackage(builder: ResolveBuilder, unresolved: UnresolvedPackage): PackageId {
  const resolve = builder.resolve;
  resolve.packages.push({
    name: unresolved.name,
    docs: unresolved.docs,
    interfaces: new Map(),
    worlds: new Map(),
  });
  const pkg = resolve.packages.length - 1;
  builder.packageNames.set(packageNameString(unresolved.name), pkg);
  new Remap(builder, pkg).append(unresolved);
  return pkg;
}
