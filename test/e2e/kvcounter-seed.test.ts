/**
 * The seed's own kvcounter: adapters generated from the seed's 2022-dialect files verbatim
 * (`wit/seed/`, whose bus interfaces are its own `wasmbus-sender` and `wasmbus-receiver`), linked
 * by the host, over real HTTP, on both engines.
 */
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKvcounter, type RunningKvcounter } from '../../examples/kvcounter/app.ts';
import { SEED } from '../../examples/kvcounter/components.ts';
import { BACKENDS } from '../../src/component/types.ts';
import { readManifest } from '../../src/component/build.ts';
import { appLinks } from '../../src/service/serve-app.ts';
import { backendDir, componentDir, requireKvcounter } from '../setup/paths.ts';

for (const backend of BACKENDS) {
  describe(`the seed's kvcounter on ${backend}`, () => {
    let app: RunningKvcounter;
    beforeAll(async () => {
      requireKvcounter();
      app = await startKvcounter({ componentsDir: backendDir(backend), port: 0, workers: 0, set: SEED });
    });
    afterAll(() => app?.close());

    it('binds the seed bus interfaces, found by shape', async () => {
      expect((await readManifest(componentDir(backend, SEED.sender)))!.wasmbus).toEqual({
        sender: 'witbus:seed/wasmbus-sender',
      });
      expect((await readManifest(componentDir(backend, SEED.receiver)))!.wasmbus).toEqual({
        receiver: 'witbus:seed/wasmbus-receiver',
      });
    });

    it('records the contract ids the seed config gives, so witbus serve routes and checks by them', async () => {
      // The seed's Rust code called its contracts wasmcloud:keyvalue and wasmcloud:httpserver (witbus.config.ts).
      expect((await readManifest(componentDir(backend, SEED.sender)))!.contract).toBe('wasmcloud:keyvalue');
      expect((await readManifest(componentDir(backend, SEED.receiver)))!.contract).toBe('wasmcloud:httpserver');
      const folder = mkdtempSync(join(tmpdir(), 'witbus-seed-app-'));
      try {
        for (const name of [SEED.app, SEED.sender, SEED.receiver]) {
          symlinkSync(componentDir(backend, name), join(folder, name), 'dir');
        }
        const links = await appLinks(folder);
        expect(links.sends).toEqual(['wasmcloud:keyvalue']);
        expect(links.receivers).toEqual({ 'wasmcloud:httpserver': SEED.receiver });
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    });

    it('counts per path, with the amount from the query', async () => {
      const get = async (path: string) => {
        const r = await fetch(app.url + path);
        return { status: r.status, body: (await r.json()) as unknown };
      };
      expect(await get('/hello?amount=5')).toEqual({ status: 200, body: { counter: 5 } });
      expect(await get('/hello')).toEqual({ status: 200, body: { counter: 6 } });
      expect(await get('/other')).toEqual({ status: 200, body: { counter: 1 } });
      expect(app.store!.get('counter::hello')).toEqual({ value: '6', exists: true });
      expect(app.host.traps).toEqual([]);
    });
  });
}
