/** The bus with providers that answer later: deadlines, late answers, and the single-thread refusal. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Bus, MAX_DEADLINE_MS, type Provider } from '../../src/host/bus.ts';
import { thrown } from '../helpers/thrown.ts';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const text = (b: Uint8Array): string => new TextDecoder().decode(b);
const msg = { method: 'S.Op', arg: bytes('"x"') };

/** A provider whose answers the test gives by hand, in any order. */
function heldProvider(contractId: string, extra: Partial<Provider> = {}) {
  const held: { method: string; resolve(p: Uint8Array): void; reject(e: unknown): void }[] = [];
  const provider: Provider = {
    contractId,
    ...extra,
    handle: (method) => new Promise<Uint8Array>((resolve, reject) => held.push({ method, resolve, reject })),
  };
  return { provider, held };
}

describe('Bus.request', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('waits for an answer given later, and for a synchronous one', async () => {
    const bus = new Bus();
    const { provider, held } = heldProvider('c:later');
    bus.register(provider);
    bus.register({ contractId: 'c:now', handle: (m, a) => bytes(`${m}:${text(a)}`) });
    const later = bus.request(msg, 'c:later', null);
    held[0]!.resolve(bytes('"done"'));
    expect(await later).toEqual({ ok: true, payload: bytes('"done"') });
    expect(await bus.request(msg, 'c:now', undefined)).toEqual({ ok: true, payload: bytes('S.Op:"x"') });
  });

  it('answers deadline-exceeded at the deadline and drops the late answer', async () => {
    const bus = new Bus({ deadlineMs: 1000 });
    const { provider, held } = heldProvider('c:slow');
    bus.register(provider);
    let settled = false;
    const reply = bus.request(msg, 'c:slow', undefined).then((r) => ((settled = true), r));
    await vi.advanceTimersByTimeAsync(999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await reply).toEqual({
      ok: false,
      error: { tag: 'deadline-exceeded', val: 'provider c:slow (default) did not answer S.Op within 1000 ms' },
    });
    held[0]!.resolve(bytes('"late"'));
    await vi.runAllTimersAsync();
    expect(bus.lateAnswers).toBe(1);
  });

  it("uses a link's own deadline before the bus's", async () => {
    const bus = new Bus({ deadlineMs: 60_000 });
    bus.register(heldProvider('c:kv', { linkName: 'fast', deadlineMs: 50 }).provider);
    const reply = bus.request(msg, 'c:kv', 'fast');
    await vi.advanceTimersByTimeAsync(50);
    expect(await reply).toMatchObject({
      ok: false,
      error: { tag: 'deadline-exceeded', val: expect.stringContaining('within 50 ms') },
    });
  });

  it('passes a rejected rpc-error on, turns any other rejection into rpc, and routes unknown links to host-error', async () => {
    const bus = new Bus();
    const { provider, held } = heldProvider('c:a');
    bus.register(provider);
    const a = bus.request(msg, 'c:a', undefined);
    const b = bus.request(msg, 'c:a', undefined);
    held[0]!.reject({ tag: 'invalid-parameter', val: 'bad key' });
    held[1]!.reject(new Error('connection reset'));
    expect(await a).toEqual({ ok: false, error: { tag: 'invalid-parameter', val: 'bad key' } });
    expect(await b).toEqual({
      ok: false,
      error: { tag: 'rpc', val: 'provider c:a (default) failed on S.Op: Error: connection reset' },
    });
    expect(await bus.request(msg, 'c:none', 'x')).toEqual({
      ok: false,
      error: { tag: 'host-error', val: 'no provider is linked for contract c:none on link x' },
    });
  });

  it('refuses deadlines that are not whole milliseconds from 1 to 2^31 - 1', () => {
    const range = 'must be a whole number of milliseconds from 1 to 2147483647 (about 24.8 days)';
    expect(() => new Bus({ deadlineMs: 0 })).toThrow(new RangeError(`deadlineMs ${range}, not 0`));
    expect(() => new Bus().register({ contractId: 'c:x', deadlineMs: 1.5, handle: () => bytes('') })).toThrow(
      new RangeError(`the deadline of c:x ${range}, not 1.5`),
    );
    // Node's timers fire after 1 ms for anything longer: every request would fail at once.
    expect(() => new Bus({ deadlineMs: 2 ** 31 })).toThrow(new RangeError(`deadlineMs ${range}, not 2147483648`));
    expect(() => new Bus().register({ contractId: 'c:x', deadlineMs: 3e9, handle: () => bytes('') })).toThrow(
      new RangeError(`the deadline of c:x ${range}, not 3000000000`),
    );
  });

  it('waits for an answer under the longest deadline Node timers keep (2^31 - 1 ms)', async () => {
    vi.useRealTimers();
    expect(MAX_DEADLINE_MS).toBe(2147483647);
    const bus = new Bus({ deadlineMs: MAX_DEADLINE_MS });
    bus.register({
      contractId: 'c:later',
      handle: () => new Promise<Uint8Array>((resolve) => setTimeout(() => resolve(bytes('"late but in time"')), 20)),
    });
    const reply = await bus.request(msg, 'c:later', null);
    expect(reply.ok && text(reply.payload)).toBe('"late but in time"');
  });
});

describe('Bus.send (the single-thread path)', () => {
  it('refuses an answer given as a promise with an rpc-error that says why', () => {
    const bus = new Bus();
    bus.register({ contractId: 'c:async', handle: () => new Promise<Uint8Array>(() => undefined) });
    expect(thrown(() => bus.send(msg, 'c:async', undefined))).toEqual({
      tag: 'host-error',
      val:
        'provider c:async (default) answered S.Op asynchronously, and a single-thread host cannot wait for an answer ' +
        'inside a synchronous component call: run the host with worker threads',
    });
  });
});
