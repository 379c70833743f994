/**
 * The keyvalue contract on every store: in memory, SQLite (a temporary file) and a real Redis
 * server. The same calls must give the same answers and the same rpc-errors on each.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Provider } from '../../src/host/bus.ts';
import { keyValueProvider } from '../../src/host/providers/keyvalue.ts';
import { redisKeyValueProvider } from '../../src/host/providers/keyvalue-redis.ts';
import { sqliteKeyValueProvider } from '../../src/host/providers/keyvalue-sqlite.ts';
import { startRedisServer, type RedisServer } from './redis-server.ts';

const enc = (v: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(v));
const dec = (b: Uint8Array): unknown => (b.length === 0 ? undefined : JSON.parse(new TextDecoder().decode(b)));

/** What a call fails with, whether it throws at once or rejects; fails the test when it succeeds. */
async function failure(f: () => unknown): Promise<unknown> {
  try {
    await f();
  } catch (e) {
    return e;
  }
  throw new Error('expected a failure');
}

type Call = (op: string, arg: unknown) => Promise<unknown>;
const caller =
  (p: Provider): Call =>
  async (op, arg) =>
    dec(await p.handle(`KeyValue.${op}`, enc(arg)));

let redis: RedisServer;
let scratch: string;
beforeAll(async () => {
  redis = await startRedisServer();
  scratch = mkdtempSync(join(tmpdir(), 'witbus-kv-'));
});
afterAll(async () => {
  await redis?.kill();
  if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
});

/** Each store, opened empty for one test; `close` lets it go. */
const STORES: { name: string; open(): Promise<{ provider: Provider; close(): Promise<void> | void }> }[] = [
  { name: 'in memory', open: async () => ({ provider: keyValueProvider(), close: () => undefined }) },
  {
    name: 'on SQLite',
    open: async () => {
      const provider = sqliteKeyValueProvider({ file: join(mkdtempSync(join(scratch, 'db-')), 'kv.sqlite') });
      return { provider, close: () => provider.close() };
    },
  },
  {
    name: 'on Redis',
    open: async () => {
      const provider = await redisKeyValueProvider({ url: redis.url });
      const admin = createClient({ url: redis.url });
      await admin.connect();
      await admin.flushAll();
      await admin.close();
      return { provider, close: () => provider.close() };
    },
  },
];

for (const store of STORES) {
  describe(`keyvalue provider ${store.name}`, () => {
    const withStore = (test: (call: Call, p: Provider) => Promise<void>) => async () => {
      const { provider, close } = await store.open();
      try {
        await test(caller(provider), provider);
      } finally {
        await close();
      }
    };

    it(
      'gets, sets, deletes and checks strings; set answers with an empty payload',
      withStore(async (call) => {
        expect(await call('Get', 'a')).toEqual({ value: '', exists: false });
        expect(await call('Set', { key: 'a', value: 'x', expires: 0 })).toBeUndefined();
        expect(await call('Get', 'a')).toEqual({ value: 'x', exists: true });
        expect(await call('Contains', 'a')).toBe(true);
        expect(await call('Del', 'a')).toBe(true);
        expect(await call('Del', 'a')).toBe(false);
        expect(await call('Contains', 'a')).toBe(false);
      }),
    );

    it(
      'increments from 0, keeps s32 range and rejects non-integers',
      withStore(async (call) => {
        expect(await call('Increment', { key: 'n', value: 5 })).toBe(5);
        expect(await call('Increment', { key: 'n', value: -7 })).toBe(-2);
        expect(await call('Get', 'n')).toEqual({ value: '-2', exists: true });
        await call('Set', { key: 'z', value: '007', expires: 0 });
        expect(await call('Increment', { key: 'z', value: 1 })).toBe(8);
        await call('Set', { key: 'big', value: '2147483647', expires: 0 });
        expect(await failure(() => call('Increment', { key: 'big', value: 1 }))).toEqual({
          tag: 'invalid-parameter',
          val: 'incrementing big overflows an s32',
        });
        expect(await call('Increment', { key: 'big', value: -2147483647 })).toBe(0);
        await call('Set', { key: 's', value: 'abc', expires: 0 });
        expect(await failure(() => call('Increment', { key: 's', value: 1 }))).toEqual({
          tag: 'invalid-parameter',
          val: 'key s does not hold an integer',
        });
        await call('Set', { key: 'f', value: '1.5', expires: 0 });
        expect(await failure(() => call('Increment', { key: 'f', value: 1 }))).toMatchObject({
          tag: 'invalid-parameter',
        });
      }),
    );

    it(
      'handles lists like Redis RPUSH, LREM 1, LRANGE and DEL',
      withStore(async (call) => {
        for (const [i, v] of ['a', 'b', 'a', 'c'].entries())
          expect(await call('ListAdd', { list_name: 'l', value: v })).toBe(i + 1);
        expect(await call('ListRange', { list_name: 'l', start: 0, stop: -1 })).toEqual(['a', 'b', 'a', 'c']);
        expect(await call('ListRange', { list_name: 'l', start: -2, stop: 10 })).toEqual(['a', 'c']);
        expect(await call('ListRange', { list_name: 'l', start: -10, stop: 1 })).toEqual(['a', 'b']);
        expect(await call('ListRange', { list_name: 'l', start: 3, stop: 1 })).toEqual([]);
        expect(await call('ListRange', { list_name: 'none', start: 0, stop: -1 })).toEqual([]);
        expect(await call('ListDel', { list_name: 'l', value: 'a' })).toBe(true);
        expect(await call('ListRange', { list_name: 'l', start: 0, stop: -1 })).toEqual(['b', 'a', 'c']);
        expect(await call('ListDel', { list_name: 'l', value: 'z' })).toBe(false);
        expect(await call('ListClear', 'l')).toBe(true);
        expect(await call('ListClear', 'l')).toBe(false);
        await call('ListAdd', { list_name: 'one', value: 'x' });
        expect(await call('ListDel', { list_name: 'one', value: 'x' })).toBe(true);
        expect(await call('Contains', 'one')).toBe(false);
      }),
    );

    it(
      'handles sets with sorted, deterministic answers',
      withStore(async (call) => {
        expect(await call('SetAdd', { set_name: 's1', value: 'b' })).toBe(1);
        expect(await call('SetAdd', { set_name: 's1', value: 'a' })).toBe(1);
        expect(await call('SetAdd', { set_name: 's1', value: 'a' })).toBe(0);
        await call('SetAdd', { set_name: 's2', value: 'c' });
        await call('SetAdd', { set_name: 's2', value: 'a' });
        expect(await call('SetQuery', 's1')).toEqual(['a', 'b']);
        expect(await call('SetUnion', ['s1', 's2'])).toEqual(['a', 'b', 'c']);
        expect(await call('SetUnion', ['s1', 'missing'])).toEqual(['a', 'b']);
        expect(await call('SetUnion', [])).toEqual([]);
        expect(await call('SetIntersection', ['s1', 's2'])).toEqual(['a']);
        expect(await call('SetIntersection', ['s1', 'missing'])).toEqual([]);
        expect(await call('SetIntersection', [])).toEqual([]);
        expect(await call('SetDel', { set_name: 's1', value: 'a' })).toBe(1);
        expect(await call('SetDel', { set_name: 's1', value: 'a' })).toBe(0);
        expect(await call('SetQuery', 's1')).toEqual(['b']);
        expect(await call('SetClear', 's2')).toBe(true);
        expect(await call('SetClear', 's2')).toBe(false);
        expect(await call('SetQuery', 's2')).toEqual([]);
      }),
    );

    it(
      'refuses to use a key as another kind, naming the kinds',
      withStore(async (call) => {
        await call('ListAdd', { list_name: 'x', value: '1' });
        await call('SetAdd', { set_name: 'y', value: '1' });
        await call('Set', { key: 'z', value: '1', expires: 0 });
        const kind = (key: string, held: string, wanted: string) => ({
          tag: 'invalid-parameter',
          val: `key ${key} holds a ${held}, not a ${wanted}`,
        });
        expect(await failure(() => call('SetAdd', { set_name: 'x', value: '1' }))).toEqual(kind('x', 'list', 'set'));
        expect(await failure(() => call('Get', 'x'))).toEqual(kind('x', 'list', 'string'));
        expect(await failure(() => call('Increment', { key: 'y', value: 1 }))).toEqual(kind('y', 'set', 'string'));
        expect(await failure(() => call('ListAdd', { list_name: 'z', value: '1' }))).toEqual(
          kind('z', 'string', 'list'),
        );
        expect(await failure(() => call('ListRange', { list_name: 'y', start: 0, stop: -1 }))).toEqual(
          kind('y', 'set', 'list'),
        );
        expect(await failure(() => call('ListDel', { list_name: 'z', value: '1' }))).toEqual(
          kind('z', 'string', 'list'),
        );
        expect(await failure(() => call('ListClear', 'y'))).toEqual(kind('y', 'set', 'list'));
        expect(await failure(() => call('SetClear', 'x'))).toEqual(kind('x', 'list', 'set'));
        expect(await failure(() => call('SetQuery', 'z'))).toEqual(kind('z', 'string', 'set'));
        expect(await failure(() => call('SetDel', { set_name: 'x', value: '1' }))).toEqual(kind('x', 'list', 'set'));
        expect(await failure(() => call('SetUnion', ['y', 'missing', 'z', 'x']))).toEqual(kind('z', 'string', 'set'));
        expect(await failure(() => call('SetIntersection', ['y', 'x']))).toEqual(kind('x', 'list', 'set'));
        // Any kind can be checked, deleted and overwritten by Set.
        expect(await call('Contains', 'x')).toBe(true);
        await call('Set', { key: 'y', value: 'now a string', expires: 0 });
        expect(await call('Get', 'y')).toEqual({ value: 'now a string', exists: true });
        expect(await call('Del', 'x')).toBe(true);
      }),
    );

    it(
      'reports bad payloads as deser and unknown methods as method-not-handled',
      withStore(async (_call, p) => {
        expect(await failure(() => p.handle('KeyValue.Get', new TextEncoder().encode('{')))).toMatchObject({
          tag: 'deser',
        });
        expect(await failure(() => p.handle('KeyValue.Increment', enc({ key: 'k' })))).toEqual({
          tag: 'deser',
          val: 'key-value: missing field `value` at line 1 column 11',
        });
        expect(await failure(() => p.handle('KeyValue.Increment', enc({ key: 'k', value: 2 ** 31 })))).toMatchObject({
          tag: 'deser',
        });
        expect(await failure(() => p.handle('KeyValue.Frobnicate', enc('k')))).toMatchObject({
          tag: 'method-not-handled',
        });
        expect(await failure(() => p.handle('Other.Get', enc('k')))).toMatchObject({ tag: 'method-not-handled' });
      }),
    );

    it(
      'accepts the bare operation name',
      withStore(async (_call, p) => {
        expect(dec(await p.handle('Increment', enc({ key: 'k', value: 3 })))).toBe(3);
      }),
    );
  });
}

describe('keyvalue expiry', () => {
  const embedded = [
    { name: 'in memory', open: (now: () => number) => keyValueProvider({ now }) },
    {
      name: 'on SQLite',
      open: (now: () => number) =>
        sqliteKeyValueProvider({ file: join(mkdtempSync(join(scratch, 'ttl-')), 'kv.sqlite'), now }),
    },
  ];
  for (const { name, open } of embedded) {
    it(`expires strings after their time to live, and increment keeps it (${name})`, async () => {
      let t = 1000;
      const call = caller(open(() => t));
      await call('Set', { key: 'k', value: 'v', expires: 2 });
      await call('Set', { key: 'n', value: '1', expires: 2 });
      await call('Increment', { key: 'n', value: 1 });
      t += 1999;
      expect(await call('Contains', 'k')).toBe(true);
      expect(await call('Get', 'n')).toEqual({ value: '2', exists: true });
      t += 1;
      expect(await call('Get', 'k')).toEqual({ value: '', exists: false });
      expect(await call('Contains', 'n')).toBe(false);
    });
  }

  it('sets the time to live in Redis, keeps it on increment and clears it on a plain set (on Redis)', async () => {
    const provider = await redisKeyValueProvider({ url: redis.url });
    const admin = createClient({ url: redis.url });
    await admin.connect();
    try {
      const call = caller(provider);
      await call('Set', { key: 'ttl', value: '1', expires: 100 });
      // Redis counts down in whole seconds: at most 100, and more than 90 moments later.
      const ttl = await admin.ttl('ttl');
      expect(ttl).toBeGreaterThan(90);
      expect(ttl).toBeLessThanOrEqual(100);
      await call('Increment', { key: 'ttl', value: 1 });
      expect(await admin.ttl('ttl')).toBeGreaterThan(90);
      await call('Set', { key: 'ttl', value: '1', expires: 0 });
      expect(await admin.ttl('ttl')).toBe(-1);
    } finally {
      await admin.close();
      await provider.close();
    }
  });
});

describe('keyvalue on SQLite', () => {
  it('keeps its entries across a restart', async () => {
    const file = join(mkdtempSync(join(scratch, 'restart-')), 'kv.sqlite');
    const first = sqliteKeyValueProvider({ file });
    await caller(first)('Increment', { key: 'counter', value: 41 });
    await caller(first)('SetAdd', { set_name: 's', value: 'm' });
    first.close();
    const second = sqliteKeyValueProvider({ file });
    expect(await caller(second)('Increment', { key: 'counter', value: 1 })).toBe(42);
    expect(await caller(second)('SetQuery', 's')).toEqual(['m']);
    second.close();
  });
});

describe('keyvalue on Redis', () => {
  it('refuses to start when the server cannot be reached, naming it', async () => {
    await expect(redisKeyValueProvider({ url: 'redis://127.0.0.1:1', connectTimeoutMs: 300 })).rejects.toThrow(
      'cannot reach the Redis server at redis://127.0.0.1:1',
    );
  });
});
