import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Host, type Delivery } from '../../src/host/host.ts';
import type { Provider } from '../../src/host/bus.ts';
import { keyValueProvider } from '../../src/host/providers/keyvalue.ts';
import { startHttpServer, type RunningHttpServer } from '../../src/host/providers/httpserver.ts';
import { BACKENDS } from '../../src/component/types.ts';
import { componentDir } from '../setup/paths.ts';

const enc = (v: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(v));
const text = (b: Uint8Array): string => new TextDecoder().decode(b);

/** A provider that answers with who it is and what it got. */
const tagged = (contractId: string, tag: string, linkName?: string): Provider => ({
  contractId,
  ...(linkName === undefined ? {} : { linkName }),
  handle: (method, arg) => enc({ tag, method, arg: text(arg) }),
});

const probeSend = (host: Host, contract: string, link: string | null, method: string, arg: string): Delivery =>
  host.deliver('test:probe', { method: 'Probe.Send', arg: enc({ contract, link, method, arg }) });

const replyOf = (d: Delivery): unknown => {
  if (!d.ok) throw new Error(`delivery failed: ${JSON.stringify(d.error)}`);
  return JSON.parse(text(d.payload));
};

for (const backend of BACKENDS) {
  describe(`host on ${backend}: one component that is both receiver and sender`, () => {
    let host: Host;
    beforeAll(async () => {
      host = await Host.start({
        components: [{ name: 'probe', dir: componentDir(backend, 'probe-v1') }],
        providers: [tagged('test:echo', 'echo-default'), tagged('test:echo', 'echo-alt', 'alt')],
      });
    });

    it('routes send to the provider of the contract and link, "default" when the link is none', () => {
      expect(replyOf(probeSend(host, 'test:echo', null, 'Echo.Say', 'hi'))).toEqual({ tag: 'echo-default', method: 'Echo.Say', arg: 'hi' });
      expect(replyOf(probeSend(host, 'test:echo', 'alt', 'Echo.Say', 'hé'))).toEqual({ tag: 'echo-alt', method: 'Echo.Say', arg: 'hé' });
    });

    it('answers an unknown contract or link with host-error at once', () => {
      const started = performance.now();
      expect(probeSend(host, 'test:nothing', null, 'X.Y', '')).toEqual({
        ok: false,
        error: { tag: 'host-error', val: 'no provider is linked for contract test:nothing on link default' },
      });
      expect(probeSend(host, 'test:echo', 'missing', 'X.Y', '')).toMatchObject({ ok: false, error: { tag: 'host-error' } });
      expect(performance.now() - started).toBeLessThan(1000);
    });

    it('passes the receiver\'s own rpc-error through', () => {
      expect(host.deliver('test:probe', { method: 'Nope.Nothing', arg: new Uint8Array() })).toEqual({
        ok: false,
        error: { tag: 'method-not-handled', val: 'Nope.Nothing' },
      });
    });

    it('re-instantiates a component after it traps and keeps serving', () => {
      const before = host.instantiations('probe');
      const trapped = host.deliver('test:probe', { method: 'Probe.Trap', arg: new Uint8Array() });
      expect(trapped).toMatchObject({ ok: false, error: { tag: 'host-error' } });
      expect((trapped as { error: { val: string } }).error.val).toMatch(/^probe failed: /);
      expect(host.traps.at(-1)?.component).toBe('probe');
      expect(replyOf(probeSend(host, 'test:echo', null, 'Echo.Say', 'again'))).toMatchObject({ arg: 'again' });
      expect(host.instantiations('probe')).toBe(before + 1);
    });
  });

  describe(`hot swap on ${backend}`, () => {
    let host: Host;
    let server: RunningHttpServer;
    const kv = keyValueProvider();
    beforeAll(async () => {
      host = await Host.start({ components: [{ name: 'app', dir: componentDir(backend, 'probe-v1') }], providers: [kv] });
      server = await startHttpServer(host, { port: 0 });
    });
    afterAll(() => server.close());

    it('swaps a running component between requests without failing any in flight', async () => {
      const hit = async (): Promise<{ status: number; version: string }> => {
        const r = await fetch(`http://127.0.0.1:${server.port}/swap`);
        return { status: r.status, version: ((await r.json()) as { version: string }).version };
      };
      const first = Array.from({ length: 150 }, hit);
      const swap = host.replace('app', componentDir(backend, 'probe-v2'));
      const second = Array.from({ length: 150 }, hit);
      await swap;
      const third = Array.from({ length: 50 }, hit);
      const results = await Promise.all([...first, ...second, ...third]);
      expect(results.every((r) => r.status === 200)).toBe(true);
      expect(kv.store.get('/swap')).toEqual({ value: '350', exists: true });
      const versions = new Set(results.map((r) => r.version));
      expect(versions.has('v2')).toBe(true);
      expect(results.slice(300).every((r) => r.version === 'v2')).toBe(true);
      expect(host.instantiations('app')).toBe(2);
    });

    it('keeps the old build when the new one does not fit', async () => {
      // The ints fixture imports an interface nothing here exports, and exports no receiver.
      await expect(host.replace('app', componentDir(backend, 'ints'))).rejects.toThrow(
        "cannot link app's import witbus:ints/sink: no component exports it",
      );
      const r = await fetch(`http://127.0.0.1:${server.port}/after`);
      expect(r.status).toBe(200);
    });
  });
}

describe('host receivers', () => {
  it('needs a receivers entry to choose between two components that both receive', async () => {
    const components = [
      { name: 'one', dir: componentDir('quickjs', 'probe-v1') },
      { name: 'two', dir: componentDir('quickjs', 'probe-v2') },
    ];
    const ambiguous = await Host.start({ components });
    expect(ambiguous.deliver('test:probe', { method: 'Nope.X', arg: new Uint8Array() })).toEqual({
      ok: false,
      error: { tag: 'host-error', val: 'no component receives messages for test:probe' },
    });
    await expect(Host.start({ components, receivers: { 'test:probe': 'three' } })).rejects.toThrow('no component named three');
    const chosen = await Host.start({ components, receivers: { 'test:probe': 'two' } });
    expect(chosen.deliver('test:probe', { method: 'Nope.X', arg: new Uint8Array() })).toEqual({
      ok: false,
      error: { tag: 'method-not-handled', val: 'Nope.X' },
    });
  });
});
