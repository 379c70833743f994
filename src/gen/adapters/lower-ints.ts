/**
 * Integers leaving an adapter through a component boundary (a sender's return, a receiver's call
 * into the contract) must be in the form the engine lowers exactly: the codec runtime's
 * `lowerU32`, `lowerU64` and `lowerS64` pick it, or refuse a value the engine cannot carry. This
 * module writes, per type, a function that applies them to every u32, u64 and s64 inside a value,
 * except in typed arrays (both engines lower those exactly). Types without such integers get none.
 *
 * Types may nest thousands deep through aliases, so nothing here recurses: facts about types are
 * computed bottom-up with an explicit stack, and each function only calls its children's.
 */
import { jsName, tsPropertyKey, tsStringLiteral, typeShapeName } from '../../naming/index.ts';
import { optionUsesNull, tsType, TYPED_ARRAYS, type TypeNamer } from '../../typemap/index.ts';
import { dealias, typeDefChildren, type Resolve, type Type, type TypeDefKind } from '../../wit/model.ts';
import { lowerOrSer } from '../adapter-intrinsics.ts';
import type { GeneratedFile, Intrinsic } from '../generated-file.ts';

/** The canonical ABI's limits on core values (MAX_FLAT_PARAMS, MAX_FLAT_RESULTS). */
export const MAX_FLAT_PARAMS = 16;
export const MAX_FLAT_RESULTS = 1;

/**
 * A fact about every type reachable from `root` (aliases followed), children first: `combine`
 * gets a definition's kind and the fact of any of its children.
 */
function bottomUp<T>(
  resolve: Resolve,
  root: Type,
  memo: Map<Type, T>,
  primitive: (t: Exclude<Type, number>) => T,
  children: (kind: TypeDefKind) => Type[],
  combine: (kind: TypeDefKind, of: (t: Type) => T) => T,
): T {
  const of = (t: Type): T => memo.get(dealias(resolve, t))!;
  const stack: Type[] = [dealias(resolve, root)];
  while (stack.length > 0) {
    const t = stack[stack.length - 1]!;
    if (memo.has(t)) {
      stack.pop();
      continue;
    }
    if (typeof t !== 'number') {
      memo.set(t, primitive(t));
      stack.pop();
      continue;
    }
    const kind = resolve.types[t]!.kind;
    const missing = children(kind)
      .map((c) => dealias(resolve, c))
      .filter((c) => !memo.has(c));
    if (missing.length > 0) {
      stack.push(...missing);
      continue;
    }
    memo.set(t, combine(kind, of));
    stack.pop();
  }
  return memo.get(dealias(resolve, root))!;
}

/** How many core values a type flattens to (the canonical ABI's `flatten_type`, counted). */
export function flatCount(resolve: Resolve, type: Type, memo = new Map<Type, number>()): number {
  const inMemory = (k: TypeDefKind): boolean => k.kind === 'list' || k.kind === 'map';
  return bottomUp(
    resolve,
    type,
    memo,
    (t) => (t === 'string' ? 2 : 1),
    (k) => (inMemory(k) ? [] : typeDefChildren(k)),
    (k, of) => {
      const sum = (ts: Type[]): number => ts.reduce<number>((n, t) => n + of(t), 0);
      const cases = (ts: (Type | null)[]): number => 1 + Math.max(0, ...ts.map((t) => (t === null ? 0 : of(t))));
      switch (k.kind) {
        case 'record':
          return sum(k.fields.map((f) => f.type));
        case 'tuple':
          return sum(k.types);
        case 'flags':
          return Math.ceil(k.flags.length / 32);
        case 'option':
          return cases([k.type]);
        case 'result':
          return cases([k.ok, k.err]);
        case 'variant':
          return cases(k.cases.map((c) => c.type));
        case 'fixed-length-list':
          return k.length * of(k.type);
        default:
          // Lists and maps are a pointer and a length; enums, handles and the rest one value.
          return inMemory(k) ? 2 : 1;
      }
    },
  );
}

/**
 * What lowering a type involves: whether any integer in it needs lowering at all, and whether
 * any of those crosses flat with the value (is not inside a list or a map, which live in memory).
 */
interface Needs {
  any: boolean;
  flat: boolean;
}
const NONE: Needs = { any: false, flat: false };

/** A typed array: jco's form of `list<T>` for numeric T, which both engines lower exactly. */
function typedList(resolve: Resolve, k: TypeDefKind): boolean {
  if (k.kind !== 'list') return false;
  const elem = dealias(resolve, k.type);
  return typeof elem !== 'number' && TYPED_ARRAYS[elem] !== undefined;
}

export class IntLowerings {
  private readonly needs = new Map<Type, Needs>();
  /** By `type:flat`; the body of each is written when `pending` is drained. */
  private readonly functions = new Map<string, Intrinsic>();
  private readonly pending: Array<{ type: Type; flat: boolean; fn: Intrinsic }> = [];

  constructor(
    private readonly resolve: Resolve,
    private readonly file: GeneratedFile,
    private readonly runtime: (name: string) => string,
    private readonly named: TypeNamer,
  ) {}

  /**
   * `value` (an expression of `type`) in the form the engine lowers exactly, or an rpc-error `ser`
   * when it cannot carry it; `value` itself when the type holds no integer that needs it. `flat`:
   * the value crosses as core values (parameters, or a one-value result), not through memory. The
   * engine is asked first whether it needs anything changed there, so that where it does not
   * (StarlingMonkey in memory, Node) the value is not copied.
   */
  lowered(type: Type, flat: boolean, context: string, value: string): string {
    const t = dealias(this.resolve, type);
    const fn = this.function(t, flat);
    // The new functions' bodies are their own: what they refer to is not the caller's.
    this.file.traced(() => {
      for (let next = this.pending.pop(); next !== undefined; next = this.pending.pop()) {
        next.fn.code = this.code(next.type, next.flat, next.fn.name);
      }
    });
    if (fn === null) return value;
    const needs = `${this.runtime('lowersInts')}(${flat && this.needsOf(t).flat})`;
    return `${this.file.use(lowerOrSer)}(${context}, ${needs}, ${fn.name}, ${value})`;
  }

  private needsOf(type: Type): Needs {
    return bottomUp(
      this.resolve,
      type,
      this.needs,
      (t) => (t === 'u32' || t === 's64' ? { any: true, flat: true } : t === 'u64' ? { any: true, flat: false } : NONE),
      (k) => (typedList(this.resolve, k) ? [] : typeDefChildren(k)),
      (k, of) => {
        if (typedList(this.resolve, k)) return NONE;
        const children = typeDefChildren(k).map(of);
        const any = children.some((n) => n.any);
        // A fixed-length list flattens like a tuple; other lists and maps live in memory.
        const inMemory = k.kind === 'list' || k.kind === 'map';
        return { any, flat: !inMemory && children.some((n) => n.flat) };
      },
    );
  }

  /** The function for a (dealiased) type, declared and queued on first use; null when none is needed. */
  private function(type: Type, flat: boolean): Intrinsic | null {
    const needs = this.needsOf(type);
    if (!needs.any) return null;
    // Where no integer crosses flat, the flat function would be the in-memory one.
    const asFlat = flat && needs.flat;
    const key = `${String(type)}:${asFlat}`;
    let fn = this.functions.get(key);
    if (fn === undefined) {
      // The runtime's `lowerU32`... keep the bare names of primitives.
      const suffix = asFlat ? 'Flat' : typeof type === 'number' ? '' : 'InMemory';
      fn = { name: this.file.declare(`lower${typeShapeName(this.resolve, type, this.named)}${suffix}`), code: '' };
      this.functions.set(key, fn);
      this.pending.push({ type, flat: asFlat, fn });
    }
    // Used each time, so that the file knows which function bodies refer to it.
    this.file.use(fn);
    return fn;
  }

  private code(type: Type, flat: boolean, name: string): string {
    const ts = tsType(this.resolve, type, this.named);
    const doc = `/** Its integers in the form the engine lowers exactly${flat ? ', crossing as core values' : ''}. */`;
    return `\n${doc}\nfunction ${name}(v: ${ts}): ${ts} {\n  return ${this.body(type, flat)};\n}`;
  }

  /** Lowering `v` (an identifier) of a type: a primitive's runtime call, or a value built from `v`. */
  private call(type: Type, v: string, flat: boolean): string | null {
    const t = dealias(this.resolve, type);
    if (typeof t === 'number') {
      const fn = this.function(t, flat);
      return fn === null ? null : `${fn.name}(${v})`;
    }
    if (t === 'u64') return `${this.runtime('lowerU64')}(${v})`;
    if (t === 'u32' || t === 's64') return `${this.runtime(t === 'u32' ? 'lowerU32' : 'lowerS64')}(${v}, ${flat})`;
    return null;
  }

  /** The body of a function that needs one: each child is lowered by its own function. */
  private body(type: Type, flat: boolean): string {
    if (typeof type !== 'number') return this.call(type, 'v', flat)!;
    const k = this.resolve.types[type]!.kind;
    switch (k.kind) {
      case 'record': {
        const fields = k.fields.flatMap((f) => {
          const key = jsName(f.name, 'field');
          const e = this.call(f.type, `v.${key}`, flat);
          return e === null ? [] : [`${tsPropertyKey(key)}: ${e}`];
        });
        return `{ ...v, ${fields.join(', ')} }`;
      }
      case 'tuple':
        return `[${k.types.map((e, i) => this.call(e, `v[${i}]`, flat) ?? `v[${i}]`).join(', ')}]`;
      case 'list':
      case 'fixed-length-list':
        return `v.map((x) => ${this.call(k.type, 'x', flat && k.kind === 'fixed-length-list')!})`;
      case 'option':
        // jco's none is `undefined` (`null` in QuickJS), or `{ tag: 'none' }` around another option.
        return optionUsesNull(this.resolve, k.type)
          ? `v == null ? v : ${this.call(k.type, 'v', flat)!}`
          : `v.tag === 'none' ? v : { tag: 'some', val: ${this.call(k.type, 'v.val', flat)!} }`;
      case 'result':
        return this.cases(
          [
            ['ok', k.ok],
            ['err', k.err],
          ],
          flat,
        );
      case 'variant':
        return this.cases(
          k.cases.map((c) => [c.name, c.type]),
          flat,
        );
      case 'map':
        return `new Map(Array.from(v, ([k, x]) => [${this.call(k.key, 'k', false) ?? 'k'}, ${this.call(k.value, 'x', false) ?? 'x'}]))`;
      default:
        throw new Error(`a ${k.kind} holds no integers to lower`);
    }
  }

  /** `{tag, val}` values: the cases whose payload needs lowering get a new value, the rest pass. */
  private cases(cases: [string, Type | null][], flat: boolean): string {
    const arms = cases.flatMap(([tag, type]) => {
      const e = type === null ? null : this.call(type, 'v.val', flat);
      return e === null ? [] : [`v.tag === ${tsStringLiteral(tag)} ? { tag: ${tsStringLiteral(tag)}, val: ${e} } : `];
    });
    return `${arms.join('')}v`;
  }
}
