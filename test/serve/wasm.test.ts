/**
 * `witbus serve <file.wasm>`: the composed and the fused kvcounter, each one component, served
 * with the same providers, health and metrics as an app folder. The composed binary has the
 * folder `build --compose` writes beside it; the fused one is copied alone, so serve transpiles it.
 */
import { chmodSync, copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fusedName } from '../../src/service/fuse.ts';
import { serve } from '../../src/service/serve.ts';
import { wasmAppLinks } from '../../src/service/serve-wasm.ts';
import { backendDir, componentDir, requireKvcounter } from '../setup/paths.ts';

const getJson = async (url: string): Promise<{ status: number; body: unknown }> => {
  const r = await fetch(url);
  return { status: r.status, body: await r.json() };
};

const scratch = mkdtempSync(join(tmpdir(), 'witbus-serve-wasm-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The kvcounter binaries the test setup built: composed beside its folder, fused copied out alone. */
function binaries(): { form: string; file: string }[] {
  requireKvcounter();
  const fused = join(scratch, 'kvcounter.fused.wasm');
  copyFileSync(join(componentDir('quickjs', fusedName('kvcounter')), `${fusedName('kvcounter')}.wasm`), fused);
  return [
    { form: 'composed', file: join(backendDir('quickjs'), 'kvcounter.composed.wasm') },
    { form: 'fused', file: fused },
  ];
}

describe('witbus serve <file.wasm>', () => {
  for (const { form, file } of binaries()) {
    it(`serves the ${form} kvcounter with the keyvalue provider, /healthz and /metrics`, async () => {
      const links = await wasmAppLinks(file);
      expect(links.receivers).toEqual({ 'wasmcloud:httpserver': links.app });
      expect(links.components).toHaveLength(1);
      const running = await serve({ app: file, kv: 'memory', port: 0, workers: 1 });
      try {
        expect(await getJson(`${running.url}/hello?amount=5`)).toEqual({ status: 200, body: { counter: 5 } });
        expect(await getJson(`${running.url}/hello?amount=2`)).toEqual({ status: 200, body: { counter: 7 } });
        expect(await getJson(`${running.url}/healthz`)).toEqual({ status: 200, body: { status: 'ok' } });
        const metrics = (await (await fetch(`${running.url}/metrics`)).text()).split('\n');
        expect(metrics).toContain('witbus_http_requests_total{route="/hello",method="GET",status="200"} 2');
        expect(metrics).toContain('witbus_bus_messages_total{contract="wasmcloud:keyvalue",outcome="ok"} 2');
        expect(metrics).toContain('witbus_traps_total 0');
      } finally {
        await running.close();
      }
    });
  }

  it('refuses a component with no wasmbus sender import, and a file that is not a component', async () => {
    await expect(wasmAppLinks(join(componentDir('quickjs', 'kvcounter'), 'kvcounter.wasm'))).rejects.toThrow(
      'imports no wasmbus sender',
    );
    const text = join(scratch, 'not.wasm');
    copyFileSync(new URL(import.meta.url).pathname, text);
    await expect(wasmAppLinks(text)).rejects.toThrow('not a WebAssembly component');
  });

  it("runs code from its transpile cache only when the cache is this user's alone", async () => {
    const [, fused] = binaries();
    await wasmAppLinks(fused!.file);
    const cache = join(tmpdir(), `witbus-serve-${process.getuid!()}`);
    expect(statSync(cache).mode & 0o777).toBe(0o700);
    // Open to others, anyone could have put code under a hash they can compute.
    chmodSync(cache, 0o777);
    try {
      await expect(wasmAppLinks(fused!.file)).rejects.toThrow(`error: ${cache} is not a private folder of this user`);
    } finally {
      chmodSync(cache, 0o700);
    }
  });
});
