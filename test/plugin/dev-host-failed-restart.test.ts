/**
 * `witbusHost` through a Vite restart that fails after its `configureServer` ran (a later plugin's
 * throws): Vite keeps the old server, whose host serves on, and never closes the new one; the
 * next restart that succeeds runs its host, swaps into it and closes it with its server; and when the
 * old server closes for good instead, the failed one's host does not start in its place.
 */
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { witbusHost, type DevHostOptions } from '../../src/plugin/vite.ts';
import { freePort } from '../helpers/free-port.ts';
import { startDevServer, type DevServer } from './dev-server.ts';
import { fixtureCopy, REPO } from './fixture.ts';

const fixture = fixtureCopy('dev-host');
const logic = join(fixture.dir, 'logic.js');
const original = readFileSync(logic, 'utf8');
let port: number;
let options: DevHostOptions;
let host: ReturnType<typeof witbusHost>;
let dev: DevServer | undefined;
/** While it holds, the plugin after the host's fails the server's start. */
let breakStart = false;
const breaking: Plugin = {
  name: 'breaks-the-start',
  configureServer() {
    if (breakStart) throw new Error('this server cannot start');
  },
};

beforeAll(async () => {
  // A fixed port: a host that starts while another runs cannot take it.
  port = await freePort();
  options = { app: 'logic.js', wit: join(REPO, 'wit'), world: 'kvcounter', backend: 'quickjs', workers: 0, port };
  host = witbusHost(options);
  dev = await startDevServer({ root: fixture.dir, plugins: [host, breaking] });
}, 240_000);
afterAll(async () => {
  await dev?.close();
  fixture.dispose();
});

const ask = async (): Promise<{ version: string; hits: number }> => {
  const r = await fetch(`http://127.0.0.1:${port}/`);
  if (r.status !== 200) throw new Error(`the host answered ${r.status}: ${await r.text()}`);
  return (await r.json()) as { version: string; hits: number };
};

describe('witbusHost when a restart fails', () => {
  it("keeps the old server's host, and runs the next started server's host", async () => {
    expect(await ask()).toEqual({ version: 'one', hits: 1 });
    breakStart = true;
    // Vite logs the failure and keeps the old server.
    await dev!.server.restart();
    expect(await ask()).toEqual({ version: 'one', hits: 2 });
    expect(host.api.url).toBe(`http://127.0.0.1:${port}`);

    breakStart = false;
    await dev!.server.restart();
    // The new server's host: a fresh memory store, then the new server's watcher swaps into it.
    await vi.waitFor(async () => expect(await ask()).toEqual({ version: 'one', hits: 1 }), { timeout: 60_000 });
    dev!.edit(logic, original.replace("VERSION = 'one'", "VERSION = 'two'"));
    await vi.waitFor(async () => expect((await ask()).version).toBe('two'), { timeout: 60_000, interval: 50 });
    await vi.waitFor(() => expect(host.api.url).toBe(`http://127.0.0.1:${port}`));
  }, 180_000);

  it('closes the host with its server', async () => {
    await dev!.close();
    dev = undefined;
    expect(host.api.url).toBeUndefined();
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
  });

  it("does not start a failed server's host when the old server closes for good", async () => {
    dev = await startDevServer({ root: fixture.dir, plugins: [host, breaking] });
    expect(await ask()).toEqual({ version: 'two', hits: 1 });
    breakStart = true;
    await dev.server.restart();
    breakStart = false;
    await dev.close();
    dev = undefined;
    // A server started next (here with a new plugin object, as a config file gives) runs its host
    // at once: no host of a server that never started holds the folder and the port.
    const next = witbusHost(options);
    dev = await startDevServer({ root: fixture.dir, plugins: [next] });
    expect(next.api.url).toBe(`http://127.0.0.1:${port}`);
    expect(await ask()).toEqual({ version: 'two', hits: 1 });
  }, 180_000);
});
