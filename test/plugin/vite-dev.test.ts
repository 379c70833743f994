import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HotPayload, ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import witbus from '../../src/plugin/vite.ts';
import { startDevServer, type DevServer } from './dev-server.ts';
import { fixtureCopy, TRANSPORTS } from './fixture.ts';

const fixture = fixtureCopy('app');
const wit = join(fixture.dir, 'wit/keyvalue.wit');
const original = readFileSync(wit, 'utf8');
const broken = original.replace('get: func(key: string)', 'get: func(key: strin)');
let dev: DevServer;
let server: ViteDevServer;
/** The dev server's origin. */
let base: string;
/** What the dev server sent its browser clients (the overlay's payloads among them). */
let sent: HotPayload[];

beforeAll(async () => {
  dev = await startDevServer({
    root: fixture.dir,
    resolve: { alias: { 'witbus/transports': TRANSPORTS } },
    plugins: [witbus()],
  });
  ({ server, base, sent } = dev);
});
afterAll(async () => {
  await dev?.close();
  fixture.dispose();
});

/** Vite handles a change asynchronously, so the checks below wait until the new module is served. */
const edit = (text: string) => dev.edit(wit, text);

describe('the Vite dev server', () => {
  it('regenerates a contract when its WIT changes, fails a broken WIT at its place, and recovers', async () => {
    const load = async () => (await server.ssrLoadModule('/virtual.js')).run();
    expect((await load()).witId).toBe('wasmcloud:keyvalue/key-value@0.1.0');

    edit(original.replace('package wasmcloud:keyvalue@0.1.0;', 'package wasmcloud:keyvalue@0.2.0;'));
    await vi.waitFor(async () => expect((await load()).witId).toBe('wasmcloud:keyvalue/key-value@0.2.0'));

    edit(broken);
    const failed = await vi.waitFor(async () => {
      const e = await load().catch((error: Error) => error);
      expect(e).toBeInstanceOf(Error);
      return e as Error & { loc?: unknown };
    });
    expect(failed.message).toBe('name `strin` does not exist');
    expect(failed.loc).toMatchObject({ file: wit });

    edit(original);
    await vi.waitFor(async () => expect((await load()).got).toEqual({ value: 'x', exists: true }));
  });

  it("sends a broken WIT to the browser's error overlay with its file, line, column and code frame, and a reload once fixed", async () => {
    // The module URL a browser gets for `./wit/keyvalue.wit`, from the page's served code.
    const page = await (await fetch(`${base}/roundtrip.js`)).text();
    const module = `${base}${/from "([^"]*witbus-wit:wit\/keyvalue\.wit\?import)"/.exec(page)![1]}`;
    expect((await fetch(module)).status).toBe(200);

    sent.length = 0;
    edit(broken);
    await vi.waitFor(() => expect(sent).toContainEqual(expect.objectContaining({ type: 'full-reload' })));
    // The browser reloads and asks for the module again.
    expect((await fetch(module)).status).not.toBe(200);
    const errors = sent.filter((p) => p.type === 'error');
    expect(errors).toHaveLength(1);
    // The place, counted by hand in the broken text: 1-based line and column of `strin`.
    const lines = broken.split('\n');
    const line = lines.findIndex((l) => l.includes('func(key: strin)'));
    const column = lines[line]!.indexOf('strin') + 1;
    expect(errors[0]).toEqual({
      type: 'error',
      err: {
        message: 'name `strin` does not exist',
        stack: '',
        id: wit,
        plugin: 'witbus',
        loc: { file: wit, line: line + 1, column },
        frame: [
          '      |',
          ` ${String(line + 1).padStart(4)} | ${lines[line]}`,
          `      | ${' '.repeat(column - 1)}^----`,
        ].join('\n'),
      },
    });

    // The server keeps running: the page is still served.
    expect((await fetch(`${base}/roundtrip.js`)).status).toBe(200);

    sent.length = 0;
    edit(original);
    await vi.waitFor(() => expect(sent).toContainEqual(expect.objectContaining({ type: 'full-reload' })));
    expect(sent.filter((p) => p.type === 'error')).toEqual([]);
    const fixed = await fetch(module);
    expect(fixed.status).toBe(200);
    expect(await fixed.text()).toContain('createSender as keyValue');
  });
});
