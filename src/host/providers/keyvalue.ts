/**
 * The `wasmcloud:keyvalue` provider with the whole wasmCloud contract: strings, lists and sets in
 * one key space, as in Redis (using a key as another kind is an error). Results are deterministic:
 * set members come back sorted.
 *
 * Every store implements the contract's typed interface (`KeyValueBackend`, the one business logic
 * calls), and the receiver generated from the contract's WIT (generated/keyvalue-receiver.ts) turns
 * messages into calls on it: the embedded `KeyValueStore` keeps its entries in a `Map` (in memory)
 * or any `EntryMap` (SQLite, keyvalue-sqlite.ts) and answers at once; the Redis store
 * (keyvalue-redis.ts) answers with promises.
 */
import type { Provider, SyncProvider } from '../bus.ts';
import { rpcError } from '../rpc-error.ts';
import type { KeyValue } from '../../../generated/wasmcloud-keyvalue/key-value/types.ts';
import { createReceiver } from './generated/keyvalue-receiver.ts';
import { receiverProvider, type Awaitable, type PlainReceiver } from './receiver-provider.ts';

const S32_MIN = -2147483648;
const S32_MAX = 2147483647;

export type Entry =
  | { kind: 'string'; value: string; expiresAt: number | undefined }
  | { kind: 'list'; items: string[] }
  | { kind: 'set'; members: Set<string> };

/** Where `KeyValueStore` keeps its entries: a `Map`, or a persistent table. An entry changed in place is `set` again. */
export interface EntryMap {
  get(key: string): Entry | undefined;
  set(key: string, entry: Entry): unknown;
  delete(key: string): boolean;
}

/** The contract's operations, as every store implements them (see `KeyValueStore` for the semantics). */
export type KeyValueBackend = Awaitable<KeyValue>;

export interface KeyValueOptions {
  linkName?: string;
  /** Milliseconds since the epoch; injectable so that expiry can be tested. */
  now?: () => number;
}

/** The embedded store: answers synchronously, so it serves the single-thread host too. */
export class KeyValueStore implements KeyValueBackend {
  readonly #entries: EntryMap;
  readonly #now: () => number;

  constructor(now: () => number = Date.now, entries: EntryMap = new Map<string, Entry>()) {
    this.#now = now;
    this.#entries = entries;
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
    this.#entries.set(key, {
      kind: 'string',
      value,
      expiresAt: expires > 0 ? this.#now() + expires * 1000 : undefined,
    });
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
    else this.#entries.set(name, e);
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
    else this.#entries.set(name, e);
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

export const KEYVALUE_CONTRACT = 'wasmcloud:keyvalue';

/** The provider of any store; it answers with a promise exactly when the store does. */
export function keyValueProviderOf<S extends KeyValueBackend>(store: S, linkName?: string): Provider & { store: S } {
  const receiver = createReceiver(store) as PlainReceiver;
  return { ...receiverProvider(KEYVALUE_CONTRACT, receiver, linkName === undefined ? {} : { linkName }), store };
}

/** The embedded provider of a `KeyValueStore` (in memory unless `entries` says otherwise). */
export function embeddedKeyValueProvider(
  store: KeyValueStore,
  linkName?: string,
): SyncProvider & { store: KeyValueStore } {
  const provider = keyValueProviderOf(store, linkName);
  // A KeyValueStore never returns a promise, so neither does its receiver.
  return provider as SyncProvider & { store: KeyValueStore };
}

/** The in-memory provider: answers synchronously, so it serves the single-thread host as well as the worker pool. */
export function keyValueProvider(options: KeyValueOptions = {}): SyncProvider & { store: KeyValueStore } {
  return embeddedKeyValueProvider(new KeyValueStore(options.now), options.linkName);
}
