/**
 * `witbusHost` over a dev server's life: a swap that failed is tried again by the next build, even
 * one that finds the build cached; a Vite restart (a config change) closes the old server's host
 * and starts a new one for the new server, which the old one's teardown leaves running; and the
 * page's message endpoint is made once per host, not per request.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HotPayload } from 'vite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MessageRouter } from '../../src/host/providers/message-endpoint.ts';
import { witbusHost } from '../../src/plugin/vite.ts';
import type { RunningServe, ServeOptions } from '../../src/service/serve.ts';
import { freePort } from '../helpers/free-port.ts';
import { startDevServer, type DevServer } from './dev-server.ts';
import { fixtureCopy, REPO } from './fixture.ts';

/** While `failSwaps` holds, every host's `replace` fails as a build its consumers cannot use would. */
const state = vi.hoisted(() => ({ failSwaps: false, endpoints: 0 }));
vi.mock('../../src/service/serve.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/service/serve.ts')>();
  return {
    ...actual,
    serve: async (options: ServeOptions): Promise<RunningServe> => {
      const running = await actual.serve(options);
      const replace = running.host.replace.bind(running.host);
      running.host.replace = async (name, dir) => {
        if (state.failSwaps) throw new Error(`the new ${name} lacks what its consumers use`);
        return replace(name, dir);
      };
      return running;
    },
  };
});
vi.mock('../../src/host/providers/message-endpoint.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/host/providers/message-endpoint.ts')>();
  return {
    ...actual,
    messageEndpoint: (bus: MessageRouter) => {
      state.endpoints++;
      return actual.messageEndpoint(bus);
    },
  };
});

const fixture = fixtureCopy('dev-host');
const logic = join(fixture.dir, 'logic.js');
const original = readFileSync(logic, 'utf8');
const version = (v: string) => original.replace("VERSION = 'one'", `VERSION = '${v}'`);
let port: number;
let host: ReturnType<typeof witbusHost>;
let dev: DevServer | undefined;
let sent: HotPayload[];

beforeAll(async () => {
  // A fixed port: the new server's host can take it only once the old server's host let it go.
  port = await freePort();
  host = witbusHost({
    app: 'logic.js',
    wit: join(REPO, 'wit'),
    world: 'kvcounter',
    backend: 'quickjs',
    workers: 0,
    port,
    endpoint: '/wasmbus',
  });
  dev = await startDevServer({ root: fixture.dir, plugins: [host] });
  ({ sent } = dev);
}, 240_000);
afterAll(async () => {
  await dev?.close();
  fixture.dispose();
});

const save = (text: string) => dev!.edit(logic, text);

const ask = async (): Promise<{ version: string; hits: number }> => {
  const r = await fetch(`http://127.0.0.1:${port}/`);
  if (r.status !== 200) throw new Error(`the host answered ${r.status}: ${await r.text()}`);
  return (await r.json()) as { version: string; hits: number };
};

/** Polls the host until it answers with `v` (a swap or a start is under way). */
const answers = (v: string) =>
  vi.waitFor(async () => expect((await ask()).version).toBe(v), { timeout: 240_000, interval: 50 });

/** The hits the host's keyvalue store holds, read through the dev server's endpoint. */
async function storedHits(base: string): Promise<string> {
  const r = await fetch(`${base}/wasmbus`, {
    method: 'POST',
    headers: { 'witbus-method': 'KeyValue.Get', 'witbus-contract': 'wasmcloud:keyvalue' },
    body: JSON.stringify('hits'),
  });
  expect(r.headers.get('witbus-reply')).toBe('ok');
  return ((await r.json()) as { value: string }).value;
}

describe("witbusHost over its dev server's life", () => {
  it('swaps in a build whose swap failed when it is saved again, though the build is cached', async () => {
    expect(await ask()).toEqual({ version: 'one', hits: 1 });
    state.failSwaps = true;
    save(version('two'));
    await vi.waitFor(() => expect(sent.map((p) => p.type)).toContain('error'), { timeout: 240_000 });
    const error = sent.find((p) => p.type === 'error') as Extract<HotPayload, { type: 'error' }>;
    expect(error.err.message).toContain('lacks what its consumers use');
    expect((await ask()).version).toBe('one');

    state.failSwaps = false;
    save(version('two'));
    await answers('two');
  }, 300_000);

  it('makes the message endpoint once for the host, whatever the number of requests', async () => {
    const { hits } = await ask();
    expect(await storedHits(dev!.base)).toBe(String(hits));
    expect(await storedHits(dev!.base)).toBe(String(hits));
    expect(state.endpoints).toBe(1);
  });

  it("closes the old server's host on a restart, and runs a new one for the new server", async () => {
    const { hits } = await ask();
    expect(hits).toBeGreaterThan(1);
    await dev!.server.restart();
    // The new host: the same port, the logic as saved, and a fresh memory store.
    await answers('two');
    expect((await ask()).hits).toBe(2);
    // Told once the host's start is done, which may be just after it first answers.
    await vi.waitFor(() => expect(host.api.url).toBe(`http://127.0.0.1:${port}`));
    expect(await storedHits(dev!.base)).toBe('2');
    expect(state.endpoints).toBe(2);

    // The new server's watcher swaps into the new host.
    save(version('three'));
    await answers('three');
  }, 300_000);

  it('closes the host with its server', async () => {
    await dev!.close();
    dev = undefined;
    expect(host.api.url).toBeUndefined();
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
  });
});
