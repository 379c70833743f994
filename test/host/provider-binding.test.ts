/**
 * Generated provider bindings: the committed keyvalue binding is what generation gives now
 * (WITBUS_UPDATE_GOLDENS=1 rewrites it), and `providerFor` serves a small custom contract with a
 * typed implementation, synchronous or async, through the bus.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { Bus } from '../../src/host/bus.ts';
import { providerFor } from '../../src/host/providers/provider-for.ts';
import { committedBinding } from '../../src/service/provider-binding.ts';

const update = process.env.WITBUS_UPDATE_GOLDENS === '1';
const KEYVALUE_BINDING = fileURLToPath(
  new URL('../../src/host/providers/generated/keyvalue-receiver.ts', import.meta.url),
);
const WIT = fileURLToPath(new URL('../../wit', import.meta.url));
const GENERATED = fileURLToPath(new URL('../../generated', import.meta.url));

describe('the keyvalue provider binding', () => {
  it('is what generating the receiver of wasmcloud:keyvalue/key-value gives now', async () => {
    const expected = await committedBinding(WIT, GENERATED, 'wasmcloud:keyvalue/key-value@0.1.0', KEYVALUE_BINDING);
    if (update) writeFileSync(KEYVALUE_BINDING, expected);
    expect(readFileSync(KEYVALUE_BINDING, 'utf8')).toBe(expected);
  });
});

const COUNTER_WIT = `package acme:counter@0.1.0;

interface counter {
  use wasmcloud:wasmbus/types@0.1.0.{rpc-error};

  record total {
    name: string,
    count: u64,
  }
  add: func(name: string, by: u32) -> result<total, rpc-error>;
  names: func() -> list<string>;
}
`;

const enc = (v: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(v));
const dec = (b: Uint8Array): unknown => JSON.parse(new TextDecoder().decode(b));

/** A counter implementation, jco's values: u64 as bigint, u32 as number. */
function counterImpl(async: boolean) {
  const counts = new Map<string, bigint>();
  const answer = <T>(v: T): T | Promise<T> => (async ? new Promise((r) => setTimeout(() => r(v), 1)) : v);
  return {
    add(name: string, by: number) {
      if (name === '') {
        const error = { tag: 'invalid-parameter', val: 'the name is empty' };
        if (async) return Promise.reject(error);
        throw error;
      }
      const count = (counts.get(name) ?? 0n) + BigInt(by);
      counts.set(name, count);
      return answer({ name, count });
    },
    names: () => answer([...counts.keys()].sort()),
  };
}

describe('providerFor', () => {
  const dir = mkdtempSync(join(tmpdir(), 'witbus-provider-'));
  const wit = join(dir, 'counter.wit');
  writeFileSync(wit, COUNTER_WIT);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const async of [false, true]) {
    it(`serves a custom contract from a ${async ? 'async' : 'synchronous'} typed implementation`, async () => {
      const provider = await providerFor(wit, counterImpl(async), { linkName: 'counters' });
      expect(provider.contractId).toBe('acme:counter');
      expect(provider.linkName).toBe('counters');
      const bus = new Bus();
      bus.register(provider);
      const call = (method: string, arg: unknown) => bus.request({ method, arg: enc(arg) }, 'acme:counter', 'counters');
      // The arguments as one JSON object, the u64 exact on the wire, as serde_json writes them.
      await call('Counter.Add', { name: 'a', by: 2 });
      const big = await call('Counter.Add', { name: 'a', by: 4294967295 });
      expect(big.ok && new TextDecoder().decode(big.payload)).toBe('{"name":"a","count":4294967297}');
      const names = await call('Counter.Names', undefined);
      expect(names.ok && dec(names.payload)).toEqual(['a']);
      expect(await call('Counter.Add', { name: '', by: 1 })).toEqual({
        ok: false,
        error: { tag: 'invalid-parameter', val: 'the name is empty' },
      });
      expect(await call('Counter.Add', { name: 'a' })).toMatchObject({ ok: false, error: { tag: 'deser' } });
      expect(await call('Counter.Reset', {})).toMatchObject({ ok: false, error: { tag: 'method-not-handled' } });
    });
  }

  it('answers at once when the implementation does, so a single-thread host can use it', async () => {
    const provider = await providerFor(wit, counterImpl(false));
    const answer = provider.handle('Counter.Add', enc({ name: 'b', by: 1 }));
    expect(answer).toBeInstanceOf(Uint8Array);
    expect(dec(answer as Uint8Array)).toEqual({ name: 'b', count: 1 });
  });

  it('refuses an implementation missing a function, and a contract the WIT does not have', async () => {
    await expect(providerFor(wit, { add: () => undefined })).rejects.toThrow('impl has no function names');
    await expect(providerFor(wit, counterImpl(false), { interface: 'other' })).rejects.toThrow(
      'has no contract other; it has acme:counter/counter@0.1.0',
    );
  });
});
