/**
 * The browser recipe, in headless Chromium: a page built by Vite imports the keyvalue contract
 * through the plugin and calls a witbus host's keyvalue provider through the fetch transport,
 * posting to the host's message endpoint on another origin (so the browser's CORS checks run too).
 * And the same page from Vite's dev server, where a broken WIT shows in Vite's error overlay.
 */
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import { build, createServer as createViteServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bus } from '../../src/host/bus.ts';
import { keyValueProvider } from '../../src/host/providers/keyvalue.ts';
import { messageEndpoint } from '../../src/host/providers/message-endpoint.ts';
import witbus from '../../src/plugin/vite.ts';
import { fixtureCopy, REPO, TRANSPORTS } from './fixture.ts';

/** Debian's chromium, which .ci/run installs; a browser is never downloaded. */
const CHROMIUM = '/usr/bin/chromium';
const present = existsSync(CHROMIUM);

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript' };

/** Serves a built page's files. */
const staticFiles =
  (dir: string): RequestListener =>
  async (req, res) => {
    const path = normalize(new URL(req.url ?? '/', 'http://x').pathname);
    const body = await readFile(join(dir, path)).catch(() => undefined);
    if (body === undefined) res.writeHead(404).end();
    else res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body);
  };

const listen = async (handler: RequestListener): Promise<{ server: Server; origin: string }> => {
  const server = createServer(handler);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
};

describe.skipIf(!present)(
  present ? 'a Vite page in headless Chromium' : `a Vite page in Chromium (skipped: no ${CHROMIUM})`,
  () => {
    const fixture = fixtureCopy('browser');
    const provider = keyValueProvider();
    const bus = new Bus();
    bus.register(provider);
    const servers: Server[] = [];
    let pageOrigin: string;
    let endpoint: string;

    beforeAll(async () => {
      cpSync(join(REPO, 'wit'), join(fixture.dir, 'wit'), { recursive: true });
      const outDir = join(fixture.dir, 'dist');
      await build({
        configFile: false,
        root: fixture.dir,
        logLevel: 'silent',
        resolve: { alias: { 'witbus/transports': TRANSPORTS } },
        plugins: [witbus()],
        build: { outDir },
      });
      const page = await listen(staticFiles(outDir));
      pageOrigin = page.origin;
      const host = await listen(messageEndpoint(bus, { allowOrigin: pageOrigin }));
      endpoint = `${host.origin}/wasmbus`;
      servers.push(page.server, host.server);
    });
    afterAll(async () => {
      await Promise.all(servers.map((s) => new Promise((done) => s.close(done))));
      fixture.dispose();
    });

    it("shows the answers of the host's keyvalue provider, which holds what the page set", async () => {
      provider.store.set('visits', '41', 0);
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
      try {
        const page = await browser.newPage();
        await page.goto(`${pageOrigin}/index.html?endpoint=${encodeURIComponent(endpoint)}`);
        const result = page.locator('#result[data-done="true"]');
        await result.waitFor();
        expect(JSON.parse((await result.textContent()) ?? '')).toEqual({
          greeting: { value: 'hello from the browser', exists: true },
          visits: 42,
        });
      } finally {
        await browser.close();
      }
      expect(provider.store.get('greeting')).toEqual({ value: 'hello from the browser', exists: true });
      expect(provider.store.get('visits')).toEqual({ value: '42', exists: true });
    });

    it("shows a broken WIT in the dev server's error overlay with its place and code frame, and the page again once fixed", async () => {
      const wit = join(fixture.dir, 'wit/keyvalue.wit');
      const original = readFileSync(wit, 'utf8');
      const broken = original.replace('get: func(key: string)', 'get: func(key: strin)');
      const server = await createViteServer({
        configFile: false,
        root: fixture.dir,
        logLevel: 'silent',
        resolve: { alias: { 'witbus/transports': TRANSPORTS } },
        plugins: [witbus()],
        // The page's HMR websocket shares the dev server's port; edits are reported below, not watched.
        server: { host: '127.0.0.1', port: 0, watch: null },
      });
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
      try {
        await server.listen();
        const devUrl = server.resolvedUrls!.local[0]!;
        // The host's endpoint for pages on the dev server's origin.
        const host = await listen(messageEndpoint(bus, { allowOrigin: new URL(devUrl).origin }));
        servers.push(host.server);
        const page = await browser.newPage();
        await page.goto(`${devUrl}?endpoint=${encodeURIComponent(`${host.origin}/wasmbus`)}`);
        const answered = async () => {
          await page.locator('#result[data-done="true"]').waitFor();
          return JSON.parse((await page.locator('#result').textContent()) ?? '');
        };
        expect(await answered()).toMatchObject({ greeting: { value: 'hello from the browser', exists: true } });

        writeFileSync(wit, broken);
        server.watcher.emit('change', wit);
        // The page reloads, its import of the WIT fails, and the overlay shows why.
        const overlay = page.locator('vite-error-overlay');
        await overlay.locator('.message-body').waitFor();
        const lines = broken.split('\n');
        const line = lines.findIndex((l) => l.includes('func(key: strin)'));
        const column = lines[line]!.indexOf('strin') + 1;
        expect(await overlay.locator('.plugin').textContent()).toBe('[plugin:witbus] ');
        expect(await overlay.locator('.message-body').textContent()).toBe('name `strin` does not exist');
        expect(await overlay.locator('.file').textContent()).toBe(`${wit}:${line + 1}:${column}`);
        expect(await overlay.locator('.frame').textContent()).toContain(`${line + 1} | ${lines[line]}`);

        writeFileSync(wit, original);
        server.watcher.emit('change', wit);
        // The fix reloads the page: no overlay, and the page's calls answered again.
        expect(await answered()).toMatchObject({ greeting: { value: 'hello from the browser', exists: true } });
        expect(await overlay.count()).toBe(0);
      } finally {
        await browser.close();
        await server.close();
      }
    });
  },
);
