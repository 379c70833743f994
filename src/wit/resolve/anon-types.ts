/**
 * Structural identity of anonymous types (wit-parser's `Key`), and the stability an anonymous type
 * inherits from what it refers to.
 */
import type { Stability, Type } from '../model.ts';
import type { UnresolvedTypeDef, UnresolvedTypeDefKind } from './unresolved.ts';

function typeKey(t: Type | null): string {
  return t === null ? '_' : typeof t === 'number' ? `#${t}` : t;
}

/** A string equal for exactly the anonymous types wit-parser interns as one. */
export function anonTypeKey(kind: UnresolvedTypeDefKind): string {
  switch (kind.kind) {
    case 'variant':
      return `variant(${kind.cases.map((c) => `${c.name}:${typeKey(c.type)}`).join(',')})`;
    case 'handle':
      return `borrow(${kind.resource})`;
    case 'record':
      return `record(${kind.fields.map((f) => `${f.name}:${typeKey(f.type)}`).join(',')})`;
    case 'flags':
      return `flags(${kind.flags.map((f) => f.name).join(',')})`;
    case 'tuple':
      return `tuple(${kind.types.map(typeKey).join(',')})`;
    case 'enum':
      return `enum(${kind.cases.map((c) => c.name).join(',')})`;
    case 'list':
      return `list(${typeKey(kind.type)})`;
    case 'map':
      return `map(${typeKey(kind.key)},${typeKey(kind.value)})`;
    case 'fixed-length-list':
      return `fixed(${typeKey(kind.type)},${kind.length})`;
    case 'option':
      return `option(${typeKey(kind.type)})`;
    case 'result':
      return `result(${typeKey(kind.ok)},${typeKey(kind.err)})`;
    case 'future':
      return `future(${typeKey(kind.type)})`;
    case 'stream':
      return `stream(${typeKey(kind.type)})`;
    case 'type':
    case 'resource':
    case 'unknown':
      throw new Error(`a ${kind.kind} type is never anonymous`);
  }
}

/**
 * An anonymous type without its own stability takes that of the first type it refers to (one
 * level deep) that has one, so e.g. `option<T>` disappears along with a gated `T`.
 */
export function findStability(
  types: UnresolvedTypeDef[],
  kind: UnresolvedTypeDefKind,
  stability: Stability,
): Stability {
  if (stability.kind !== 'unknown') return stability;
  const of = (t: Type | null): Stability | null => {
    if (typeof t !== 'number') return null;
    const s = types[t]!.stability;
    return s.kind === 'unknown' ? null : s;
  };
  let found: Stability | null = null;
  switch (kind.kind) {
    case 'type':
    case 'list':
    case 'fixed-length-list':
    case 'option':
    case 'future':
    case 'stream':
      found = of(kind.type);
      break;
    case 'handle':
      found = of(kind.resource);
      break;
    case 'tuple':
      for (const t of kind.types) {
        found = of(t);
        if (found !== null) break;
      }
      break;
    case 'map':
      found = of(kind.key) ?? of(kind.value);
      break;
    case 'result':
      found = of(kind.ok) ?? of(kind.err);
      break;
    default:
      break;
  }
  return found ?? { kind: 'unknown' };
}
