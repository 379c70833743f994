import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import witbus from '../../src/plugin/vite.ts';
import { fixtureCopy } from './fixture.ts';

const fixture = fixtureCopy('app');
const wit = join(fixture.dir, 'wit/keyvalue.wit');
let server: ViteDevServer;

beforeAll(async () => {
  server = await createServer({
    configFile: false,
    root: fixture.dir,
    logLevel: 'silent',
    // HMR on (it is what invalidates a changed WIT's importers), with no websocket to serve it over.
    server: { middlewareMode: true, ws: false, watch: null },
    plugins: [witbus()],
  });
});
afterAll(async () => {
  await server.close();
  fixture.dispose();
});

/**
 * What Vite's watcher does on a change, emitted here so that the test waits for no file system
 * event; Vite handles it asynchronously, so the checks below wait until the new module is served.
 */
const edit = (text: string) => {
  writeFileSync(wit, text);
  server.watcher.emit('change', wit);
};

describe('the Vite dev server', () => {
  it('regenerates a contract when its WIT changes, shows a broken WIT with its place, and recovers', async () => {
    const original = readFileSync(wit, 'utf8');
    const load = async () => (await server.ssrLoadModule('/virtual.js')).run();
    expect((await load()).witId).toBe('wasmcloud:keyvalue/key-value@0.1.0');

    edit(original.replace('package wasmcloud:keyvalue@0.1.0;', 'package wasmcloud:keyvalue@0.2.0;'));
    await vi.waitFor(async () => expect((await load()).witId).toBe('wasmcloud:keyvalue/key-value@0.2.0'));

    edit(original.replace('get: func(key: string)', 'get: func(key: strin)'));
    const failed = await vi.waitFor(async () => {
      const e = await load().catch((error: Error) => error);
      expect(e).toBeInstanceOf(Error);
      return e;
    });
    expect((failed as Error).message).toMatch(new RegExp(`${wit.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+`));
    expect((failed as Error).message).toContain('name `strin` does not exist');

    edit(original);
    await vi.waitFor(async () => expect((await load()).got).toEqual({ value: 'x', exists: true }));
  });
});
