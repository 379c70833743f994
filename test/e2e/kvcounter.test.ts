/**
 * kvcounter end to end over real HTTP: HTTP → httpserver receiver → business logic → keyvalue
 * sender → host bus → keyvalue provider and back, on both engines, in its three forms: the three
 * components linked by the host (on the main thread and in a pool of two worker threads), and the
 * one composed and the one fused component (on the main thread: the pool runs them the same way,
 * and the suite would take twice as long).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKvcounter, type RunningKvcounter } from '../../examples/kvcounter/app.ts';
import {
  formComponents,
  FORMS,
  KEYVALUE_SENDER,
  KVCOUNTER,
  type KvcounterForm,
} from '../../examples/kvcounter/components.ts';
import { BACKENDS, type Backend } from '../../src/component/types.ts';
import type { Provider } from '../../src/host/bus.ts';
import { Host } from '../../src/host/host.ts';
import { keyValueProvider } from '../../src/host/providers/keyvalue.ts';
import { HANDLE_REQUEST, HTTPSERVER_CONTRACT } from '../../src/host/providers/httpserver.ts';
import { backendDir, componentDir, requireKvcounter } from '../setup/paths.ts';

async function get(app: RunningKvcounter, path: string): Promise<{ status: number; body: unknown }> {
  const r = await fetch(app.url + path);
  return { status: r.status, body: await r.json() };
}

const other = (b: Backend): Backend => (b === 'sm' ? 'quickjs' : 'sm');

const RUNS: { form: KvcounterForm; workers: number; label: string }[] = FORMS.flatMap((form) => [
  { form, workers: 0, label: `${form}, on the main thread` },
  ...(form === 'linked' ? [{ form, workers: 2, label: `${form}, in 2 worker threads` }] : []),
]);

for (const backend of BACKENDS) for (const { form, workers, label } of RUNS) {
  describe(`kvcounter on ${backend} ${label}`, () => {
    let app: RunningKvcounter;
    beforeAll(async () => {
      requireKvcounter();
      app = await startKvcounter({ componentsDir: backendDir(backend), port: 0, workers, form });
    });
    afterAll(() => app?.close());

    it('keeps one counter per path, keyed counter: + the path with / as :', async () => {
      expect(await get(app, '/a')).toEqual({ status: 200, body: { counter: 1 } });
      expect(await get(app, '/a')).toEqual({ status: 200, body: { counter: 2 } });
      expect(await get(app, '/b/c')).toEqual({ status: 200, body: { counter: 1 } });
      expect(app.store!.get('counter::a')).toEqual({ value: '2', exists: true });
      expect(app.store!.get('counter::b:c')).toEqual({ value: '1', exists: true });
    });

    it('adds the query amount as Rust parses an i32, and 1 when it is missing or bad', async () => {
      const cases: [string, number][] = [
        ['', 1],
        ['?amount=5', 5],
        ['?amount=-3', -3],
        ['?x=1&amount=10', 10],
        ['?amount=2&amount=7', 2],
        ['?amount=%2B4', 4],
        ['?amount=+4', 1],
        ['?amount=abc', 1],
        ['?amount=', 1],
        ['?amount=2147483648', 1],
        ['?amount=1.5', 1],
      ];
      let total = 0;
      for (const [query, amount] of cases) {
        total += amount;
        expect(await get(app, `/amount${query}`), query).toEqual({ status: 200, body: { counter: total } });
      }
    });

    it('counts 500 concurrent requests exactly', async () => {
      const results = await Promise.all(Array.from({ length: 500 }, () => get(app, '/load')));
      expect(results.every((r) => r.status === 200)).toBe(true);
      const counters = results.map((r) => (r.body as { counter: number }).counter).sort((a, b) => a - b);
      expect(counters).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
      expect(app.store!.get('counter::load')).toEqual({ value: '500', exists: true });
    });

    it('answers an unknown method at the receiver with method-not-handled', async () => {
      const d = await app.host.deliver(HTTPSERVER_CONTRACT, { method: 'HttpServer.Frobnicate', arg: new Uint8Array() });
      expect(d).toMatchObject({ ok: false, error: { tag: 'method-not-handled' } });
    });

    it('answers a malformed payload with deser', async () => {
      const d = await app.host.deliver(HTTPSERVER_CONTRACT, { method: HANDLE_REQUEST, arg: new TextEncoder().encode('{"method":') });
      expect(d).toMatchObject({ ok: false, error: { tag: 'deser' } });
    });

    if (form !== 'linked') it(`swaps in the ${other(backend)} build of the whole ${form} component under load`, async () => {
      const [name] = formComponents(form).names as [string];
      const first = Array.from({ length: 100 }, () => get(app, '/swap'));
      const swap = app.host.replace(name, componentDir(other(backend), name));
      const second = Array.from({ length: 100 }, () => get(app, '/swap'));
      await swap;
      const results = await Promise.all([...first, ...second, get(app, '/swap')]);
      expect(results.every((r) => r.status === 200)).toBe(true);
      expect(app.store!.get('counter::swap')).toEqual({ value: '201', exists: true });
      expect(app.host.instantiations(name)).toBe(2);
    });

    else it(`swaps in the ${other(backend)} build of the keyvalue sender under load, without restarting the business logic`, async () => {
      const first = Array.from({ length: 100 }, () => get(app, '/swap'));
      const swap = app.host.replace(KEYVALUE_SENDER, componentDir(other(backend), KEYVALUE_SENDER));
      const second = Array.from({ length: 100 }, () => get(app, '/swap'));
      await swap;
      const results = await Promise.all([...first, ...second, get(app, '/swap')]);
      expect(results.every((r) => r.status === 200)).toBe(true);
      expect(app.store!.get('counter::swap')).toEqual({ value: '201', exists: true });
      expect(app.host.instantiations(KVCOUNTER)).toBe(1);
      expect(app.host.instantiations(KEYVALUE_SENDER)).toBe(2);
    });
  });

  describe(`kvcounter on ${backend} ${label} with a failing provider`, () => {
    let app: RunningKvcounter;
    beforeAll(async () => {
      requireKvcounter();
      const memory = keyValueProvider();
      const flaky: Provider = {
        contractId: memory.contractId,
        handle(method, arg) {
          if (new TextDecoder().decode(arg).includes('"counter::fail"')) throw new Error('the store is down');
          return memory.handle(method, arg);
        },
      };
      app = await startKvcounter({ componentsDir: backendDir(backend), port: 0, keyvalue: flaky, workers, form });
    });
    afterAll(() => app?.close());

    it('turns a provider failure into HTTP 500 with {"error": ...} and keeps serving', async () => {
      expect(await get(app, '/ok')).toEqual({ status: 200, body: { counter: 1 } });
      expect(await get(app, '/fail')).toEqual({
        status: 500,
        body: { error: 'Rpc("provider wasmcloud:keyvalue (default) failed on KeyValue.Increment: Error: the store is down")' },
      });
      expect(await get(app, '/ok')).toEqual({ status: 200, body: { counter: 2 } });
      expect(app.host.traps).toEqual([]);
    });
  });
}

describe('kvcounter linking', () => {
  it('refuses to start the business logic without a keyvalue sender', async () => {
    requireKvcounter();
    await expect(Host.start({ components: [{ name: KVCOUNTER, dir: componentDir('quickjs', KVCOUNTER) }] })).rejects.toThrow(
      "cannot link kvcounter's import wasmcloud:keyvalue/key-value: no component exports it",
    );
  });
});
