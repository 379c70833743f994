/**
 * The one place where witbus decides how a WIT type looks in TypeScript (jco's value
 * conventions, shared by componentize-js and componentize-qjs) and on the wire (serde_json
 * of wit-bindgen's Rust types). The codec emitter and the adapter generator both use it, and
 * `MAPPING_ROWS` is the machine-readable table the README is derived from.
 */
import { dealias, type Resolve, type Type, type TypeDef, type TypeDefKind, type TypeId } from '../wit/model.ts';
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
  const t = dealias(resolve, type);
  return typeof t === 'number' ? resolve.types[t]! : null;
}

/**
 * jco's `as_nullable`: whether `option<...>` of this type can use plain `undefined`/`null`
 * for none. `option<option<T>>` cannot (none and some(none) would collide), so the outer
 * option becomes `{ tag: 'none' } | { tag: 'some', val }`.
 */
export function optionUsesNull(resolve: Resolve, inner: Type): boolean {
  // A loop, not recursion: option<option<...>> may be nested thousands deep through aliases. Plain
  // null works when the options directly inside are an even number of layers deep.
  let usesNull = true;
  for (
    let def = typeDef(resolve, inner);
    def !== null && def.kind.kind === 'option';
    def = typeDef(resolve, def.kind.type)
  ) {
    usesNull = !usesNull;
  }
  return usesNull;
}

/** Names a type definition instead of spelling it out, or returns undefined to expand it. */
export type TypeNamer = (id: TypeId) => string | undefined;

/**
 * The jco TypeScript type of a WIT type: written structurally, except where `named` gives a
 * name for a definition (e.g. the types a generated module declares).
 */
export function tsType(resolve: Resolve, type: Type, named?: TypeNamer): string {
  const ts = (t: Type): string => tsType(resolve, t, named);
  // Aliases the namer leaves unnamed are followed in a loop: a `use` chain may be thousands long.
  let t = type;
  for (;;) {
    if (typeof t !== 'number') return primitiveTs(t);
    const name = named?.(t);
    if (name !== undefined) return name;
    const kind = resolve.types[t]!.kind;
    if (kind.kind !== 'type') break;
    t = kind.type;
  }
  const k = resolve.types[t]!.kind as Exclude<TypeDefKind, { kind: 'type' }>;
  switch (k.kind) {
    case 'record':
      return objectType(k.fields.map((f) => `${tsPropertyKey(jsName(f.name, 'field'))}: ${ts(f.type)}`));
    case 'tuple':
      return `[${k.types.map(ts).join(', ')}]`;
    case 'flags':
      return objectType(k.flags.map((f) => `${tsPropertyKey(jsName(f.name, 'flag'))}?: boolean`));
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

/** The body of a named type's declaration: its definition, naming every other named type. */
export function namedTypeBody(resolve: Resolve, id: TypeId, names: Map<TypeId, string>): string {
  return tsType(resolve, id, (ref) => (ref === id ? undefined : names.get(ref)));
}

/** `{ a: A; b: B }` (the house style: no separator after the last member), `{}` when empty. */
export function objectType(members: string[]): string {
  return members.length === 0 ? '{}' : `{ ${members.join('; ')} }`;
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
  // Depth first with an explicit stack (types may nest thousands deep through aliases), children
  // pushed in reverse so problems come in the order of a recursive walk.
  const stack: Type[] = [type];
  const visit = (children: (Type | null)[]): void => {
    for (let i = children.length - 1; i >= 0; i--) if (children[i] !== null) stack.push(children[i]!);
  };
  while (stack.length > 0) {
    const t = stack.pop()!;
    if (seen.has(t)) continue;
    seen.add(t);
    if (t === 'error-context') {
      problems.push({ type: t, reason: 'error-context' });
      continue;
    }
    if (typeof t !== 'number') continue;
    const k = resolve.types[t]!.kind;
    switch (k.kind) {
      case 'type':
      case 'option':
      case 'list':
      case 'fixed-length-list':
        visit([k.type]);
        break;
      case 'record':
        visit(k.fields.map((f) => f.type));
        break;
      case 'tuple':
        visit(k.types);
        break;
      case 'variant':
        visit(k.cases.map((c) => c.type));
        break;
      case 'result':
        visit([k.ok, k.err]);
        break;
      case 'map': {
        const key = typeDef(resolve, k.key) === null ? resolvePrimitive(resolve, k.key) : null;
        if (key === null || key === 'f32' || key === 'f64' || key === 'error-context') {
          problems.push({ type: t, reason: 'map-key' });
        }
        visit([k.value]);
        break;
      }
      case 'flags':
      case 'enum':
        break;
      case 'resource':
      case 'handle':
      case 'future':
      case 'stream':
        problems.push({ type: t, reason: k.kind });
        break;
    }
  }
  return problems;
}

/** The primitive an alias chain ends in, or null when it ends in a definition. */
export function resolvePrimitive(resolve: Resolve, type: Type): Exclude<Type, number> | null {
  const t = dealias(resolve, type);
  return typeof t === 'number' ? null : t;
}
