/**
 * `witbusHost` through a restart of a server whose config is a file: Vite loads the file again,
 * so the new server has a new plugin object, made before the old server closes. Its host waits for
 * the old one to close (they share the build folder and the port), then starts and takes the swaps.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { witbusHost, type DevHostOptions } from '../../src/plugin/vite.ts';
import { freePort } from '../helpers/free-port.ts';
import { startDevServer, type DevServer } from './dev-server.ts';
import { fixtureCopy, REPO } from './fixture.ts';

const fixture = fixtureCopy('dev-host');
const logic = join(fixture.dir, 'logic.js');
const original = readFileSync(logic, 'utf8');
let options: DevHostOptions;
let old: DevServer | undefined;
let dev: DevServer | undefined;

beforeAll(async () => {
  // A fixed port: the new host can take it only once the old one let it go.
  options = {
    app: 'logic.js',
    wit: join(REPO, 'wit'),
    world: 'kvcounter',
    backend: 'quickjs',
    workers: 0,
    port: await freePort(),
  };
  old = await startDevServer({ root: fixture.dir, plugins: [witbusHost(options)] });
}, 240_000);
afterAll(async () => {
  await old?.close();
  await dev?.close();
  fixture.dispose();
});

const ask = async (): Promise<{ version: string; hits: number }> => {
  const r = await fetch(`http://127.0.0.1:${options.port}/`);
  if (r.status !== 200) throw new Error(`the host answered ${r.status}: ${await r.text()}`);
  return (await r.json()) as { version: string; hits: number };
};

describe('witbusHost when a restart loads the config again', () => {
  it("starts the new server's host once the old server's closed", async () => {
    expect(await ask()).toEqual({ version: 'one', hits: 1 });
    const host = witbusHost(options);
    dev = await startDevServer({ root: fixture.dir, plugins: [host] });
    expect(await ask()).toEqual({ version: 'one', hits: 2 });
    await old!.close();
    old = undefined;
    // The new host: a fresh memory store, then the new server's watcher swaps into it.
    await vi.waitFor(async () => expect(await ask()).toEqual({ version: 'one', hits: 1 }), { timeout: 60_000 });
    await vi.waitFor(() => expect(host.api.url).toBe(`http://127.0.0.1:${options.port}`));
    dev.edit(logic, original.replace("VERSION = 'one'", "VERSION = 'two'"));
    await vi.waitFor(async () => expect((await ask()).version).toBe('two'), { timeout: 60_000, interval: 50 });

    await dev.close();
    dev = undefined;
    expect(host.api.url).toBeUndefined();
    await expect(fetch(`http://127.0.0.1:${options.port}/`)).rejects.toThrow();
  }, 180_000);
});
