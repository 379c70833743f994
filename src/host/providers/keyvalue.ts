/**
 * An in-memory `wasmcloud:keyvalue` provider with the whole wasmCloud contract: strings, lists and
 * sets in one key space, as in the Redis-backed provider (using a key as another kind is an
 * error). Results are deterministic: set members come back sorted.
 */
import type { SyncProvider } from '../bus.ts';
import { rpcError } from '../rpc-error.ts';
import * as kv from '../../../generated/wasmcloud-keyvalue/key-value/codec.ts';
import { decodePayload, EMPTY } from './wire.ts';

const S32_MIN = -2147483648;
const S32_MAX = 2147483647;

type Entry =
  | { kind: 'string'; value: string; expiresAt: number | undefined }
  | { kind: 'list'; items: string[] }
  | { kind: 'set'; members: Set<string> };

export interface KeyValueOptions {
  linkName?: string;
  /** Milliseconds since the epoch; injectable so that expiry can be tested. */
  now?: () => number;
}

export class KeyValueStore {
  readonly #entries = new Map<string, Entry>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  #live(key: string): Entry | undefined {
    const e = this.#entries.get(key);
    if (e?.kind === 'string' && e.expiresAt !== undefined && e.expiresAt <= this.#now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return e;
  }

  #of<K extends Entry['kind']>(key: string, kind: K): Extract<Entry, { kind: K }> | undefined {
    const e = this.#live(key);
    if (e !== undefined && e.kind !== kind) {
      throw rpcError('invalid-parameter', `key ${key} holds a ${e.kind}, not a ${kind}`);
    }
    return e as Extract<Entry, { kind: K }> | undefined;
  }

  get(key: string): { value: string; exists: boolean } {
    const e = this.#of(key, 'string');
    return e === undefined ? { value: '', exists: false } : { value: e.value, exists: true };
  }

  set(key: string, value: string, expires: number): void {
    this.#entries.set(key, { kind: 'string', value, expiresAt: expires > 0 ? this.#now() + expires * 1000 : undefined });
  }

  del(key: string): boolean {
    const existed = this.#live(key) !== undefined;
    this.#entries.delete(key);
    return existed;
  }

  contains(key: string): boolean {
    return this.#live(key) !== undefined;
  }

  /** A missing key counts as 0; the result must stay an s32 (the contract's type). */
  increment(key: string, by: number): number {
    const e = this.#of(key, 'string');
    const current = e === undefined ? 0 : Number(e.value);
    if (e !== undefined && !/^-?\d+$/.test(e.value)) {
      throw rpcError('invalid-parameter', `key ${key} does not hold an integer`);
    }
    const next = current + by;
    if (next < S32_MIN || next > S32_MAX) throw rpcError('invalid-parameter', `incrementing ${key} overflows an s32`);
    this.#entries.set(key, { kind: 'string', value: String(next), expiresAt: e?.expiresAt });
    return next;
  }

  listAdd(name: string, value: string): number {
    const e = this.#of(name, 'list') ?? { kind: 'list' as const, items: [] };
    e.items.push(value);
    this.#entries.set(name, e);
    return e.items.length;
  }

  listClear(name: string): boolean {
    return this.#of(name, 'list') !== undefined && this.#entries.delete(name);
  }

  /** Removes the first occurrence, like Redis `LREM name 1 value`. */
  listDel(name: string, value: string): boolean {
    const e = this.#of(name, 'list');
    const i = e?.items.indexOf(value) ?? -1;
    if (e === undefined || i < 0) return false;
    e.items.splice(i, 1);
    if (e.items.length === 0) this.#entries.delete(name);
    return true;
  }

  /** Inclusive bounds; negative ones count from the end (Redis `LRANGE`). */
  listRange(name: string, start: number, stop: number): string[] {
    const items = this.#of(name, 'list')?.items ?? [];
    const from = Math.max(0, start < 0 ? items.length + start : start);
    const to = Math.min(items.length - 1, stop < 0 ? items.length + stop : stop);
    return from > to ? [] : items.slice(from, to + 1);
  }

  setAdd(name: string, value: string): number {
    const e = this.#of(name, 'set') ?? { kind: 'set' as const, members: new Set<string>() };
    const before = e.members.size;
    e.members.add(value);
    this.#entries.set(name, e);
    return e.members.size - before;
  }

  setDel(name: string, value: string): number {
    const e = this.#of(name, 'set');
    if (e === undefined || !e.members.delete(value)) return 0;
    if (e.members.size === 0) this.#entries.delete(name);
    return 1;
  }

  setQuery(name: string): string[] {
    return [...(this.#of(name, 'set')?.members ?? [])].sort();
  }

  setUnion(names: string[]): string[] {
    return [...new Set(names.flatMap((n) => this.setQuery(n)))].sort();
  }

  setIntersection(names: string[]): string[] {
    const [first, ...rest] = names.map((n) => new Set(this.setQuery(n)));
    if (first === undefined) return [];
    return [...first].filter((m) => rest.every((s) => s.has(m))).sort();
  }

  setClear(name: string): boolean {
    return this.#of(name, 'set') !== undefined && this.#entries.delete(name);
  }
}

/** `KeyValue.<Operation>` → how to read its arguments and what to answer. */
function dispatch(store: KeyValueStore, operation: string, arg: Uint8Array): Uint8Array {
  const args = <T>(decode: (bytes: Uint8Array) => T): T => decodePayload(`keyvalue ${operation}`, decode, arg);
  switch (operation) {
    case 'Get':
      return kv.encodeGetResponse(store.get(args(kv.decodeString)));
    case 'Set': {
      const a = args(kv.decodeSetArgs);
      store.set(a.key, a.value, a.expires);
      return EMPTY;
    }
    case 'Del':
      return kv.encodeBool(store.del(args(kv.decodeString)));
    case 'Increment': {
      const a = args(kv.decodeIncrementArgs);
      return kv.encodeS32(store.increment(a.key, a.value));
    }
    case 'Contains':
      return kv.encodeBool(store.contains(args(kv.decodeString)));
    case 'ListAdd': {
      const a = args(kv.decodeListAddArgs);
      return kv.encodeU32(store.listAdd(a.listName, a.value));
    }
    case 'ListClear':
      return kv.encodeBool(store.listClear(args(kv.decodeString)));
    case 'ListDel': {
      const a = args(kv.decodeListDelArgs);
      return kv.encodeBool(store.listDel(a.listName, a.value));
    }
    case 'ListRange': {
      const a = args(kv.decodeListRangeArgs);
      return kv.encodeListString(store.listRange(a.listName, a.start, a.stop));
    }
    case 'SetAdd': {
      const a = args(kv.decodeSetAddArgs);
      return kv.encodeU32(store.setAdd(a.setName, a.value));
    }
    case 'SetDel': {
      const a = args(kv.decodeSetDelArgs);
      return kv.encodeU32(store.setDel(a.setName, a.value));
    }
    case 'SetUnion':
      return kv.encodeListString(store.setUnion(args(kv.decodeListString)));
    case 'SetIntersection':
      return kv.encodeListString(store.setIntersection(args(kv.decodeListString)));
    case 'SetQuery':
      return kv.encodeListString(store.setQuery(args(kv.decodeString)));
    case 'SetClear':
      return kv.encodeBool(store.setClear(args(kv.decodeString)));
    default:
      throw rpcError('method-not-handled', `keyvalue has no operation ${operation}`);
  }
}

export const KEYVALUE_CONTRACT = 'wasmcloud:keyvalue';

/** Answers synchronously, so it serves the single-thread host as well as the worker pool. */
export function keyValueProvider(options: KeyValueOptions = {}): SyncProvider & { store: KeyValueStore } {
  const store = new KeyValueStore(options.now);
  return {
    contractId: KEYVALUE_CONTRACT,
    ...(options.linkName === undefined ? {} : { linkName: options.linkName }),
    store,
    handle(method: string, arg: Uint8Array): Uint8Array {
      // Receivers accept the bare operation too (`Increment`), so the provider does as well.
      const dot = method.indexOf('.');
      const service = dot < 0 ? 'KeyValue' : method.slice(0, dot);
      if (service !== 'KeyValue') throw rpcError('method-not-handled', `keyvalue does not handle ${method}`);
      return dispatch(store, method.slice(dot + 1), arg);
    },
  };
}
