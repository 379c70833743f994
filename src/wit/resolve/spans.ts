/**
 * Where the items of a resolved model were written, so later stages (contract checks, code
 * generation) can point their diagnostics into the WIT source with `renderModelError`. Spans
 * index the `SourceMap` that `loadWit` returns. Only items written in WIT have one: `own<T>`
 * handles and other anonymous types do not, and neither do items decoded from binary packages.
 */
import type { InterfaceId, TypeId, WorldId } from '../model.ts';
import type { Span } from '../syntax/ast.ts';

export interface ModelSpans {
  /** The name of each interface; for one inlined in a world, its import/export name. */
  interfaces: Map<InterfaceId, Span>;
  /** The name of each function of an interface, by interface and then full function name (`[method]r.f`). */
  functions: Map<InterfaceId, Map<string, Span>>;
  /** The name of each named type definition, and of each name a `use` brings in. */
  types: Map<TypeId, Span>;
  /** The name of each world. */
  worlds: Map<WorldId, Span>;
}

export function emptyModelSpans(): ModelSpans {
  return { interfaces: new Map(), functions: new Map(), types: new Map(), worlds: new Map() };
}

export function setFunctionSpan(spans: ModelSpans, iface: InterfaceId, name: string, span: Span): void {
  let funcs = spans.functions.get(iface);
  if (funcs === undefined) {
    funcs = new Map();
    spans.functions.set(iface, funcs);
  }
  funcs.set(name, span);
}

/** A copy made by `include` points where its original was written. */
export function copyTypeSpan(spans: ModelSpans, from: TypeId, to: TypeId): void {
  const span = spans.types.get(from);
  if (span !== undefined) spans.types.set(to, span);
}

export function copyInterfaceSpans(spans: ModelSpans, from: InterfaceId, to: InterfaceId): void {
  const span = spans.interfaces.get(from);
  if (span !== undefined) spans.interfaces.set(to, span);
  const funcs = spans.functions.get(from);
  if (funcs !== undefined) spans.functions.set(to, new Map(funcs));
}

/** An item of the model that a later stage may report a problem about. */
export interface ModelItemRef {
  interface: InterfaceId;
  /** Full function name (`[method]r.f`) within the interface. */
  func?: string;
  type?: TypeId;
}

/** The most precise span known for `at`: its type's name, else its function's, else its interface's. */
export function locateModelItem(spans: ModelSpans, at: ModelItemRef): Span | undefined {
  const type = at.type === undefined ? undefined : spans.types.get(at.type);
  const func = at.func === undefined ? undefined : spans.functions.get(at.interface)?.get(at.func);
  return type ?? func ?? spans.interfaces.get(at.interface);
}
