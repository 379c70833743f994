/**
 * The WIT syntax tree, modelled on wit-parser's `ast.rs` (0.257): one `PackageFile` per source
 * file, unresolved names, and a `Span` on every node a diagnostic may point at.
 *
 * Spans are UTF-16 code-unit offsets into the text of file `Span.file` (see diagnostic.ts for the
 * conversion to wit-parser's line:column). Where wit-parser reuses another node's span (e.g. a
 * record's span is its name's span) this tree does the same, so the resolver can report errors at
 * exactly wit-parser's positions.
 */

export interface Span {
  /** Index of the source file (see `SourceMap.files` in diagnostic.ts). */
  file: number;
  /** Start offset, inclusive, in UTF-16 code units. */
  start: number;
  /** End offset, exclusive, in UTF-16 code units. */
  end: number;
}

/** An identifier with any `%` prefix stripped; the span covers the `%` too. */
export interface Id {
  name: string;
  span: Span;
}

/**
 * The comments in front of an item, raw (with their `//`, `///`, `/*` delimiters), exactly like
 * wit-parser's `Docs.docs`; the resolver turns them into docs text (wit-parser 0.257 uses every
 * comment, not only `///` and `/**`).
 * `span` runs from the first comment's start to the last comment's end minus trailing whitespace;
 * it is an empty span at offset 0 when there are no comments.
 */
export interface Docs {
  comments: string[];
  span: Span;
}

/** A semver version as written, e.g. `1.0.0-rc.1+build`. */
export interface Version {
  text: string;
  span: Span;
}

export type Attribute =
  /** `@since(version = X)`; `span` is that of the word `since`. */
  | { kind: 'since'; span: Span; version: Version }
  /** `@unstable(feature = x)`; `span` is that of the word `unstable`. */
  | { kind: 'unstable'; span: Span; feature: Id }
  /** `@deprecated(version = X)`; `span` is that of the word `deprecated`. */
  | { kind: 'deprecated'; span: Span; version: Version }
  /** `@external-id("text")`: `value` is the decoded string; `span` is that of the word `external-id`. */
  | { kind: 'external-id'; span: Span; value: string };

/** `ns:name@version`. `span` covers namespace to version end (or name end in a use path). */
export interface PackageName {
  docs: Docs;
  span: Span;
  namespace: Id;
  name: Id;
  version: Version | null;
}

/** `iface` (local) or `ns:pkg/iface@1.0.0` (foreign). */
export type UsePath =
  | { kind: 'id'; id: Id }
  /** `package.span` covers `ns:pkg` only, as in wit-parser. */
  | { kind: 'package'; package: PackageName; name: Id };

/** A whole `.wit` file, or the body of a nested `package a:b { ... }` block. */
export interface PackageFile {
  /** `package a:b;` header, or the name of a nested package block. */
  package: PackageName | null;
  items: AstItem[];
}

export type AstItem =
  | { kind: 'interface'; interface: Interface }
  | { kind: 'world'; world: World }
  | { kind: 'use'; use: ToplevelUse }
  /** `package a:b { ... }`; `span` is that of the `package` keyword. */
  | { kind: 'package'; package: PackageFile; span: Span };

/** `use a:b/c@1.0.0 as d;` at the top level of a file. `span` is the `use` keyword. */
export interface ToplevelUse {
  span: Span;
  attributes: Attribute[];
  item: UsePath;
  as: Id | null;
}

export interface Interface {
  docs: Docs;
  attributes: Attribute[];
  name: Id;
  items: InterfaceItem[];
}

export type InterfaceItem =
  { kind: 'type'; typedef: TypeDef } | { kind: 'func'; func: NamedFunc } | { kind: 'use'; use: Use };

/** `use path.{a, b as c};` inside an interface or world. */
export interface Use {
  attributes: Attribute[];
  from: UsePath;
  names: UseName[];
}

export interface UseName {
  name: Id;
  as: Id | null;
}

export interface World {
  docs: Docs;
  attributes: Attribute[];
  name: Id;
  items: WorldItem[];
}

export type WorldItem =
  | { kind: 'import'; docs: Docs; attributes: Attribute[]; extern: ExternKind }
  | { kind: 'export'; docs: Docs; attributes: Attribute[]; extern: ExternKind }
  | { kind: 'use'; use: Use }
  | { kind: 'type'; typedef: TypeDef }
  | { kind: 'include'; include: Include };

/** What a world imports or exports. */
export type ExternKind =
  /** `name: interface { ... }` */
  | { kind: 'interface'; name: Id; items: InterfaceItem[] }
  /** `path;` */
  | { kind: 'path'; path: UsePath }
  /** `label: path;` an interface imported under a plain name (wit-parser's "implements"). */
  | { kind: 'named-path'; name: Id; path: UsePath }
  /** `name: func(...)` */
  | { kind: 'func'; name: Id; func: Func };

/** `include path with { a as b, ... };` */
export interface Include {
  /** The `include` keyword. */
  span: Span;
  attributes: Attribute[];
  from: UsePath;
  names: IncludeName[];
}

export interface IncludeName {
  name: Id;
  as: Id;
}

export interface TypeDef {
  docs: Docs;
  attributes: Attribute[];
  name: Id;
  body: TypeDefBody;
}

/**
 * The right-hand side of a type definition. Records, flags, variants, enums and resources carry
 * their definition's name span as `span`, as wit-parser does.
 */
export type TypeDefBody =
  /** `type name = ty;` */
  | { kind: 'alias'; type: TypeExpr }
  | { kind: 'record'; span: Span; fields: Field[] }
  | { kind: 'flags'; span: Span; flags: Flag[] }
  | { kind: 'variant'; span: Span; cases: Case[] }
  | { kind: 'enum'; span: Span; cases: EnumCase[] }
  | { kind: 'resource'; span: Span; funcs: ResourceFunc[] };

export interface Field {
  docs: Docs;
  name: Id;
  type: TypeExpr;
}

export interface Flag {
  docs: Docs;
  name: Id;
}

export interface Case {
  docs: Docs;
  name: Id;
  type: TypeExpr | null;
}

export interface EnumCase {
  docs: Docs;
  name: Id;
}

/**
 * A member of a resource. For a constructor, `func.name` is `constructor` with the keyword's
 * span, and `func.func.span` is that span too.
 */
export interface ResourceFunc {
  kind: 'method' | 'static' | 'constructor';
  func: NamedFunc;
}

export interface NamedFunc {
  docs: Docs;
  attributes: Attribute[];
  name: Id;
  func: Func;
}

export interface Param {
  name: Id;
  type: TypeExpr;
}

export interface Func {
  /** The `func` keyword (or `constructor`). */
  span: Span;
  async: boolean;
  params: Param[];
  result: TypeExpr | null;
}

export type PrimitiveTypeKind =
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

/**
 * A type expression. `span` is the keyword (`list`, `result`, ...) for compound types, the name for
 * `name`, and the resource name (not the `own`/`borrow` keyword) for handles, as in wit-parser.
 */
export type TypeExpr =
  | { kind: PrimitiveTypeKind; span: Span }
  | { kind: 'name'; name: Id; span: Span }
  | { kind: 'list'; span: Span; element: TypeExpr }
  | { kind: 'fixed-length-list'; span: Span; element: TypeExpr; length: number }
  | { kind: 'map'; span: Span; key: TypeExpr; value: TypeExpr }
  | { kind: 'handle'; span: Span; handle: 'own' | 'borrow'; resource: Id }
  | { kind: 'tuple'; span: Span; types: TypeExpr[] }
  | { kind: 'option'; span: Span; type: TypeExpr }
  | { kind: 'result'; span: Span; ok: TypeExpr | null; err: TypeExpr | null }
  | { kind: 'future'; span: Span; type: TypeExpr | null }
  | { kind: 'stream'; span: Span; type: TypeExpr | null };
