/**
 * One package after name resolution but before it joins a `Resolve`: wit-parser's
 * `UnresolvedPackage`. Ids here index this package's own arenas; items that come from other
 * packages are placeholders (foreign interfaces/worlds first, `unknown` types first) that
 * `append.ts` maps onto what the `Resolve` already holds.
 */
import type { Span } from '../syntax/ast.ts';
import type {
  Docs,
  Func,
  PackageName,
  Stability,
  TypeDefKind,
  TypeOwner,
  WorldKey,
} from '../model.ts';

export type UnresolvedTypeDefKind = TypeDefKind | { kind: 'unknown' };

export interface UnresolvedTypeDef {
  name: string | null;
  kind: UnresolvedTypeDefKind;
  owner: TypeOwner;
  docs: Docs;
  stability: Stability;
  externalId?: string;
  /** Where errors about this type point: its name, or the type expression of an anonymous type. */
  span: Span;
  /** Name spans of a record's fields or a variant's cases, where errors about their types point. */
  memberSpans: Span[];
}

/** A function plus the span of its name, where errors about it point. */
export interface UnresolvedFunc extends Func {
  span: Span;
}

export interface UnresolvedInterface {
  name: string | null;
  types: Map<string, number>;
  functions: Map<string, UnresolvedFunc>;
  docs: Docs;
  stability: Stability;
  span: Span;
}

export type UnresolvedWorldItem =
  | { kind: 'interface'; id: number; stability: Stability; docs: Docs; externalId?: string; span: Span }
  | { kind: 'function'; func: UnresolvedFunc }
  | { kind: 'type'; id: number; span: Span };

export interface UnresolvedWorldEntry {
  key: WorldKey;
  item: UnresolvedWorldItem;
}

export interface IncludeRename {
  name: string;
  as: string;
}

export interface WorldInclude {
  stability: Stability;
  world: number;
  names: IncludeRename[];
  span: Span;
}

export interface UnresolvedWorld {
  name: string;
  /** Keyed by `worldKeyString` of the (unresolved) key. */
  imports: Map<string, UnresolvedWorldEntry>;
  exports: Map<string, UnresolvedWorldEntry>;
  includes: WorldInclude[];
  docs: Docs;
  stability: Stability;
  span: Span;
}

export type ItemRef = { kind: 'interface'; id: number } | { kind: 'world'; id: number };

export interface ForeignItem {
  item: ItemRef;
  /** One per reference, so an item stays in if any reference is enabled. */
  stabilities: Stability[];
}

export interface ForeignDep {
  name: PackageName;
  /** The first reference's package-name span. */
  span: Span;
  items: Map<string, ForeignItem>;
}

export interface UnresolvedPackage {
  name: PackageName;
  nameSpan: Span;
  docs: Docs;
  types: UnresolvedTypeDef[];
  interfaces: UnresolvedInterface[];
  worlds: UnresolvedWorld[];
  /** Keyed by `packageNameString`, in first-reference order. */
  foreignDeps: Map<string, ForeignDep>;
  /** `own`/`borrow` of foreign types whose kind is only known once they are mapped. */
  requiredResourceTypes: { id: number; span: Span }[];
}

