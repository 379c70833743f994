/**
 * `witbusHost` in Vite's dev server: the app's logic runs in a witbus host beside it, and an edit
 * of the logic is built and swapped into the running host (RunningHost.replace) while requests
 * keep coming; a broken edit shows in the overlay and leaves the last build running.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HotPayload } from 'vite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { witbusHost } from '../../src/plugin/vite.ts';
import { startDevServer, type DevServer } from './dev-server.ts';
import { fixtureCopy, REPO } from './fixture.ts';

const fixture = fixtureCopy('dev-host');
const logic = join(fixture.dir, 'logic.js');
const original = readFileSync(logic, 'utf8');
const host = witbusHost({
  app: 'logic.js',
  wit: join(REPO, 'wit'),
  world: 'kvcounter',
  backend: 'quickjs',
  // One worker: a pool swaps its workers one by one, so with several, answers from both builds
  // interleave until `replace` resolves.
  workers: 1,
  endpoint: '/wasmbus',
});
let dev: DevServer;
/** The dev server's origin. */
let base: string;
/** What the dev server sent its browser clients (the overlay's payloads among them). */
let sent: HotPayload[];

beforeAll(async () => {
  dev = await startDevServer({
    root: fixture.dir,
    plugins: [host],
  });
  ({ base, sent } = dev);
});
afterAll(async () => {
  await dev?.close();
  fixture.dispose();
});

const edit = (text: string) => dev.edit(logic, text);

interface Answer {
  version: string;
  hits: number;
}

const ask = async (): Promise<Answer> => {
  const r = await fetch(`${host.api.url}/`);
  if (r.status !== 200) throw new Error(`the host answered ${r.status}: ${await r.text()}`);
  return (await r.json()) as Answer;
};

/**
 * Asks in `lanes` concurrent loops until `done` holds; each lane's answers in order. The lanes
 * pause between requests: the rebuild runs on the same thread as the host's HTTP server.
 */
async function askUntil(lanes: number, done: (last: Answer) => boolean): Promise<Answer[][]> {
  let stop = false;
  return Promise.all(
    Array.from({ length: lanes }, async () => {
      const answers: Answer[] = [];
      while (!stop) {
        const a = await ask();
        answers.push(a);
        if (done(a)) stop = true;
        else await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return answers;
    }),
  );
}

describe('the witbus host in the Vite dev server', () => {
  it('serves the logic, and swaps in an edit with every request answered', async () => {
    // A failed start is sent to the overlay; none is expected.
    expect(sent.filter((p) => p.type === 'error')).toEqual([]);
    expect(host.api.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await ask()).toEqual({ version: 'one', hits: 1 });
    const url = host.api.url;

    const asking = askUntil(3, (a) => a.version === 'two');
    edit(original.replace("VERSION = 'one'", "VERSION = 'two'"));
    const lanes = await asking;

    // Each lane saw the old logic, then the new one, never back; every request reached the logic
    // once, and the store (the host's, not the component's) kept counting across the swap.
    for (const answers of lanes) {
      const versions = answers.map((a) => a.version);
      const old = versions.filter((v) => v === 'one').length;
      expect(versions).toEqual([...Array(old).fill('one'), ...Array(versions.length - old).fill('two')]);
    }
    const hits = lanes.flat().map((a) => a.hits);
    expect(hits.sort((a, b) => a - b)).toEqual(Array.from({ length: hits.length }, (_, i) => i + 2));
    // Swapped, not restarted: the same server answers.
    expect(host.api.url).toBe(url);
  }, 300_000);

  it('shows a broken edit in the overlay and keeps the last build running until it is fixed', async () => {
    sent.length = 0;
    edit(original.replace("VERSION = 'one'", "VERSION = 'three"));
    await vi.waitFor(() => expect(sent.map((p) => p.type)).toContain('error'), { timeout: 240_000 });
    const error = sent.find((p) => p.type === 'error') as Extract<HotPayload, { type: 'error' }>;
    expect(error.err.plugin).toBe('witbus:host');
    expect(error.err.message).toContain('logic.js');
    expect((await ask()).version).toBe('two');

    sent.length = 0;
    edit(original.replace("VERSION = 'one'", "VERSION = 'three'"));
    await askUntil(1, (a) => a.version === 'three');
    // The fix clears the overlay, once the swap is done.
    await vi.waitFor(() => expect(sent).toContainEqual({ type: 'full-reload', path: '*' }));
  }, 300_000);

  it("answers the page's wasmbus messages on the dev server's endpoint path with the host's providers", async () => {
    const { hits } = await ask();
    // The message the fetch transport posts for keyValue.get('hits') (src/plugin/transports/protocol.ts).
    const r = await fetch(`${base}/wasmbus`, {
      method: 'POST',
      headers: { 'witbus-method': 'KeyValue.Get', 'witbus-contract': 'wasmcloud:keyvalue' },
      body: JSON.stringify('hits'),
    });
    expect(r.headers.get('witbus-reply')).toBe('ok');
    expect(await r.json()).toEqual({ value: String(hits), exists: true });
  });
});
