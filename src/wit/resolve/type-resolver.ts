/**
 * Type definitions and type expressions of one package, as wit-parser's `Resolver` turns them into
 * `TypeDef`s: names resolve through the current scope (an interface's or world's), and anonymous
 * types are interned by structure so each distinct one is allocated once, in first-use order.
 */
import type { Id, Span, TypeDefBody, TypeExpr } from '../syntax/ast.ts';
import { NO_DOCS, type Stability, type Type } from '../model.ts';
import { WitError } from '../diagnostic.ts';
import { resolveDocs } from './docs.ts';
import { anonTypeKey, findStability } from './anon-types.ts';
import type { UnresolvedTypeDef, UnresolvedTypeDefKind } from './unresolved.ts';

/** What a name in an interface or world stands for: a type, or another item (e.g. a function). */
export type TypeOrItem = { kind: 'type'; id: number } | { kind: 'item'; desc: string };

export interface ScopeEntry {
  item: TypeOrItem;
  span: Span;
}

const MAP_KEY_TYPES: ReadonlySet<Type> = new Set([
  'bool', 'u8', 'u16', 'u32', 'u64', 's8', 's16', 's32', 's64', 'char', 'string',
]);

export class TypeResolver {
  readonly types: UnresolvedTypeDef[] = [];
  /** `own`/`borrow` of types whose kind is only known once foreign packages are mapped. */
  readonly requiredResourceTypes: { id: number; span: Span }[] = [];
  private readonly anonTypes = new Map<string, number>();
  /** The names of the interface or world being resolved. */
  scope = new Map<string, ScopeEntry>();

  alloc(def: UnresolvedTypeDef): number {
    this.types.push(def);
    return this.types.length - 1;
  }

  define(name: Id, item: TypeOrItem): void {
    if (this.scope.has(name.name)) {
      throw new WitError(name.span, `name \`${name.name}\` is defined more than once`);
    }
    this.scope.set(name.name, { item, span: name.span });
  }

  resolveBody(body: TypeDefBody, stability: Stability): UnresolvedTypeDefKind {
    switch (body.kind) {
      case 'alias':
        return this.resolveKind(body.type, stability);
      case 'resource': {
        let ctors = 0;
        const names = new Set<string>();
        for (const rf of body.funcs) {
          if (rf.kind === 'constructor') {
            ctors++;
            if (ctors > 1) throw new WitError(rf.func.name.span, 'duplicate constructors');
          } else {
            if (names.has(rf.func.name.name)) {
              throw new WitError(rf.func.name.span, `duplicate function name \`${rf.func.name.name}\``);
            }
            names.add(rf.func.name.name);
          }
        }
        return { kind: 'resource' };
      }
      case 'record':
        return {
          kind: 'record',
          fields: body.fields.map((f) => ({
            docs: resolveDocs(f.docs),
            name: f.name.name,
            type: this.resolve(f.type, stability),
          })),
        };
      case 'flags':
        return { kind: 'flags', flags: body.flags.map((f) => ({ docs: resolveDocs(f.docs), name: f.name.name })) };
      case 'variant':
        if (body.cases.length === 0) throw new WitError(body.span, 'empty variant');
        return {
          kind: 'variant',
          cases: body.cases.map((c) => ({
            docs: resolveDocs(c.docs),
            name: c.name.name,
            type: c.type === null ? null : this.resolve(c.type, stability),
          })),
        };
      case 'enum':
        if (body.cases.length === 0) throw new WitError(body.span, 'empty enum');
        return { kind: 'enum', cases: body.cases.map((c) => ({ docs: resolveDocs(c.docs), name: c.name.name })) };
    }
  }

  private resolveKind(ty: TypeExpr, stability: Stability): UnresolvedTypeDefKind {
    switch (ty.kind) {
      case 'name':
        return { kind: 'type', type: this.resolveName(ty.name) };
      case 'list':
        return { kind: 'list', type: this.resolve(ty.element, stability) };
      case 'fixed-length-list':
        return { kind: 'fixed-length-list', type: this.resolve(ty.element, stability), length: ty.length };
      case 'map': {
        const key = this.resolve(ty.key, stability);
        const value = this.resolve(ty.value, stability);
        if (!MAP_KEY_TYPES.has(key)) {
          throw new WitError(
            ty.span,
            'invalid map key type: map keys must be bool, u8, u16, u32, u64, s8, s16, s32, s64, char, or string',
          );
        }
        return { kind: 'map', key, value };
      }
      case 'handle':
        return { kind: 'handle', handle: ty.handle, resource: this.validateResource(ty.resource) };
      case 'tuple':
        return { kind: 'tuple', types: ty.types.map((t) => this.resolve(t, stability)) };
      case 'option':
        return { kind: 'option', type: this.resolve(ty.type, stability) };
      case 'result':
        return {
          kind: 'result',
          ok: ty.ok === null ? null : this.resolve(ty.ok, stability),
          err: ty.err === null ? null : this.resolve(ty.err, stability),
        };
      case 'future':
        return { kind: 'future', type: ty.type === null ? null : this.resolve(ty.type, stability) };
      case 'stream':
        return { kind: 'stream', type: ty.type === null ? null : this.resolve(ty.type, stability) };
      default:
        return { kind: 'type', type: ty.kind };
    }
  }

  resolveName(name: Id): number {
    const entry = this.scope.get(name.name);
    if (entry === undefined) throw new WitError(name.span, `name \`${name.name}\` does not exist`);
    if (entry.item.kind === 'item') {
      throw new WitError(name.span, `cannot use ${entry.item.desc} \`${name.name}\` as a type`);
    }
    return entry.item.id;
  }

  private validateResource(name: Id): number {
    const id = this.resolveName(name);
    for (let cur = id; ; ) {
      const kind = this.types[cur]!.kind;
      if (kind.kind === 'resource') return id;
      if (kind.kind === 'type' && typeof kind.type === 'number') {
        cur = kind.type;
      } else if (kind.kind === 'unknown') {
        this.requiredResourceTypes.push({ id: cur, span: name.span });
        return id;
      } else {
        throw new WitError(name.span, `type \`${name.name}\` used in a handle must be a resource`);
      }
    }
  }

  resolve(ty: TypeExpr, stability: Stability): Type {
    const kind = this.resolveKind(ty, stability);
    return this.anon(kind, stability, ty.span);
  }

  /** Interns an anonymous type by structure; `own<T>` is just `T` and aliases are their target. */
  anon(kind: UnresolvedTypeDefKind, stability: Stability, span: Span): Type {
    if (kind.kind === 'type') return kind.type;
    if (kind.kind === 'handle' && kind.handle === 'own') return kind.resource;
    const key = anonTypeKey(kind);
    const existing = this.anonTypes.get(key);
    if (existing !== undefined) return existing;
    const id = this.alloc({
      name: null,
      kind,
      owner: { kind: 'none' },
      docs: NO_DOCS,
      stability: findStability(this.types, kind, stability),
      span,
      memberSpans: [],
    });
    this.anonTypes.set(key, id);
    return id;
  }
}

export function memberSpans(body: TypeDefBody): Span[] {
  if (body.kind === 'record') return body.fields.map((f) => f.name.span);
  if (body.kind === 'variant') return body.cases.map((c) => c.name.span);
  return [];
}

export function collectBodyDeps(body: TypeDefBody, deps: Id[]): void {
  switch (body.kind) {
    case 'alias':
      collectDeps(body.type, deps);
      break;
    case 'record':
      for (const f of body.fields) collectDeps(f.type, deps);
      break;
    case 'variant':
      for (const c of body.cases) if (c.type !== null) collectDeps(c.type, deps);
      break;
    case 'flags':
    case 'enum':
    case 'resource':
      break;
  }
}

function collectDeps(ty: TypeExpr, deps: Id[]): void {
  switch (ty.kind) {
    case 'name':
      deps.push(ty.name);
      break;
    case 'handle':
      deps.push(ty.resource);
      break;
    case 'list':
    case 'fixed-length-list':
      collectDeps(ty.element, deps);
      break;
    case 'map':
      collectDeps(ty.key, deps);
      collectDeps(ty.value, deps);
      break;
    case 'tuple':
      for (const t of ty.types) collectDeps(t, deps);
      break;
    case 'option':
      collectDeps(ty.type, deps);
      break;
    case 'result':
      if (ty.ok !== null) collectDeps(ty.ok, deps);
      if (ty.err !== null) collectDeps(ty.err, deps);
      break;
    case 'future':
    case 'stream':
      if (ty.type !== null) collectDeps(ty.type, deps);
      break;
    default:
      break;
  }
}
