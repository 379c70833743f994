/**
 * The one place where witbus decides how a WIT type looks in TypeScript (jco's value
 * conventions, shared by componentize-js and componentize-qjs) and on the wire (serde_json
 * of wit-bindgen's Rust types). The codec emitter and the adapter generator both use it, and
 * `MAPPING_ROWS` is the machine-readable table the README is derived from.
 */
import type { Resolve, Type, TypeDef, TypeId } from '../wit/model.ts';
import { jsName, tsPropertyKey, tsStringLiteral } from '../naming/index.ts';

export { MAPPING_ROWS, type MappingRow } from './rows.ts';
export { jsonShape } from './json-shape.ts';

/** jco's typed array for `list<T>` of a numeric primitive (js-component-bindgen array_ty). */
export const TYPED_ARRAYS: Partial<Record<string, string>> = {
  u8: 'Uint8Array',
  s8: 'Int8Array',
  u16: 'Uint16Array',
  s16: 'Int16Array',
  u32: 'Uint32Array',
  s32: 'Int32Array',
  u64: 'BigUint64Array',
  s64: 'BigInt64Array',
  f32: 'Float32Array',
  f64: 'Float64Array',
};

/** Follows aliases to the definition that gives the type its shape. */
export function typeDef(resolve: Resolve, type: Type): TypeDef | null {
  let t = type;
  for (;;) {
    if (typeof t !== 'number') return null;
    const def = resolve.types[t]!;
    if (def.kind.kind !== 'type') return def;
    t = def.kind.type;
  }
}

/**
 * jco's `as_nullable`: whether `option<...>` of this type can use plain `undefined`/`null`
 * for none. `option<option<T>>` cannot (none and some(none) would collide), so the outer
 * option becomes `{ tag: 'none' } | { tag: 'some', val }`.
 */
export function optionUsesNull(resolve: Resolve, inner: Type): boolean {
  const def = typeDef(resolve, inner);
  if (def === null || def.kind.kind !== 'option') return true;
  return !optionUsesNull(resolve, def.kind.type);
}

/** Names a type definition instead of spelling it out, or returns undefined to expand it. */
export type TypeNamer = (id: TypeId) => string | undefined;

/**
 * The jco TypeScript type of a WIT type: written structurally, except where `named` gives a
 * name for a definition (e.g. the types a generated module declares).
 */
export function tsType(resolve: Resolve, type: Type, named?: TypeNamer): string {
  const ts = (t: Type): string => tsType(resolve, t, named);
  if (typeof type !== 'number') return primitiveTs(type);
  const name = named?.(type);
  if (name !== undefined) return name;
  const k = resolve.types[type]!.kind;
  switch (k.kind) {
    case 'type':
      return ts(k.type);
    case 'record':
      return `{ ${k.fields.map((f) => `${tsPropertyKey(jsName(f.name, 'field'))}: ${ts(f.type)};`).join(' ')} }`;
    case 'tuple':
      return `[${k.types.map(ts).join(', ')}]`;
    case 'flags':
      return `{ ${k.flags.map((f) => `${tsPropertyKey(jsName(f.name, 'flag'))}?: boolean;`).join(' ')} }`;
    case 'variant':
      return k.cases.length === 0
        ? 'never'
        : k.cases
            .map((c) =>
              c.type === null
                ? `{ tag: ${tsStringLiteral(c.name)} }`
                : `{ tag: ${tsStringLiteral(c.name)}; val: ${ts(c.type)} }`,
            )
            .join(' | ');
    case 'enum':
      return k.cases.length === 0 ? 'never' : k.cases.map((c) => tsStringLiteral(c.name)).join(' | ');
    case 'option':
      return optionUsesNull(resolve, k.type)
        ? `${paren(ts(k.type))} | undefined`
        : `{ tag: 'none' } | { tag: 'some'; val: ${ts(k.type)} }`;
    case 'result':
      return `${resultArm('ok', k.ok, ts)} | ${resultArm('err', k.err, ts)}`;
    case 'list': {
      // jco's array_ty follows aliases: `list<my-u32>` is a Uint32Array too.
      const elem = resolvePrimitive(resolve, k.type);
      const typed = elem === null ? undefined : TYPED_ARRAYS[elem];
      return typed ?? `Array<${ts(k.type)}>`;
    }
    case 'fixed-length-list':
      return `Array<${ts(k.type)}>`;
    case 'map':
      return `Map<${ts(k.key)}, ${ts(k.value)}>`;
    case 'resource':
    case 'handle':
    case 'future':
    case 'stream':
      return 'unknown';
  }
}

function resultArm(tag: 'ok' | 'err', type: Type | null, ts: (t: Type) => string): string {
  return type === null ? `{ tag: '${tag}'; val?: undefined }` : `{ tag: '${tag}'; val: ${ts(type)} }`;
}

function paren(ts: string): string {
  return ts.includes('|') || ts.includes('=>') ? `(${ts})` : ts;
}

function primitiveTs(type: Exclude<Type, number>): string {
  switch (type) {
    case 'bool':
      return 'boolean';
    case 'u64':
    case 's64':
      return 'bigint';
    case 'char':
    case 'string':
      return 'string';
    case 'error-context':
      return 'unknown';
    default:
      return 'number';
  }
}

/** A type that cannot be carried in a wasmbus message, and why. */
export interface WireProblem {
  /** A TypeId, or the primitive `error-context`. */
  type: Type;
  reason: 'resource' | 'handle' | 'future' | 'stream' | 'error-context' | 'map-key';
}

/**
 * Every reachable type that cannot cross a wire (resources, own/borrow handles, futures,
 * streams, error-context) or that serde_json cannot key a map by. Empty when `type` is fine.
 */
export function wireProblems(resolve: Resolve, type: Type): WireProblem[] {
  const problems: WireProblem[] = [];
  const seen = new Set<Type>();
  const visit = (t: Type): void => {
    if (seen.has(t)) return;
    seen.add(t);
    if (t === 'error-context') {
      problems.push({ type: t, reason: 'error-context' });
      return;
    }
    if (typeof t !== 'number') return;
    const k = resolve.types[t]!.kind;
    switch (k.kind) {
      case 'type':
      case 'option':
      case 'list':
      case 'fixed-length-list':
        visit(k.type);
        return;
      case 'record':
        k.fields.forEach((f) => visit(f.type));
        return;
      case 'tuple':
        k.types.forEach(visit);
        return;
      case 'variant':
        k.cases.forEach((c) => c.type !== null && visit(c.type));
        return;
      case 'result':
        if (k.ok !== null) visit(k.ok);
        if (k.err !== null) visit(k.err);
        return;
      case 'map': {
        const key = typeDef(resolve, k.key) === null ? resolvePrimitive(resolve, k.key) : null;
        if (key === null || key === 'f32' || key === 'f64' || key === 'error-context') {
          problems.push({ type: t, reason: 'map-key' });
        }
        visit(k.value);
        return;
      }
      case 'flags':
      case 'enum':
        return;
      case 'resource':
        problems.push({ type: t, reason: 'resource' });
        return;
      case 'handle':
        problems.push({ type: t, reason: 'handle' });
        return;
      case 'future':
        problems.push({ type: t, reason: 'future' });
        return;
      case 'stream':
        problems.push({ type: t, reason: 'stream' });
        return;
    }
  };
  visit(type);
  return problems;
}

/** The primitive an alias chain ends in, or null when it ends in a definition. */
export function resolvePrimitive(resolve: Resolve, type: Type): Exclude<Type, number> | null {
  let t = type;
  while (typeof t === 'number') {
    const k = resolve.types[t]!.kind;
    if (k.kind !== 'type') return null;
    t = k.type;
  }
  return t;
}
