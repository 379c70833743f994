/**
 * The worker-pool host with real components: concurrency across workers, a worker that dies,
 * traps, deadlines of async providers, hot swap, and start failures. No timing is asserted: each
 * test checks an ordering or an outcome.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startKvcounter, type RunningKvcounter } from '../../examples/kvcounter/app.ts';
import { KVCOUNTER } from '../../examples/kvcounter/components.ts';
import type { Provider } from '../../src/host/bus.ts';
import { keyValueProvider } from '../../src/host/providers/keyvalue.ts';
import { startHttpServer, type RunningHttpServer } from '../../src/host/providers/httpserver.ts';
import { WorkerPoolHost } from '../../src/host/worker/pool.ts';
import { backendDir, COMPONENTS_ROOT, componentDir, requireKvcounter } from '../setup/paths.ts';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const text = (b: Uint8Array): string => new TextDecoder().decode(b);
const enc = (v: unknown): Uint8Array => bytes(JSON.stringify(v));

/** A provider whose answers the test gives by hand. */
function heldProvider(contractId: string) {
  const held: { arg: string; resolve(p: Uint8Array): void }[] = [];
  const provider: Provider = {
    contractId,
    handle: (_method, arg) => new Promise<Uint8Array>((resolve) => held.push({ arg: text(arg), resolve })),
  };
  return { provider, held };
}

const echo: Provider = { contractId: 'test:echo', handle: (method, arg) => enc({ method, arg: text(arg) }) };

const probeSend = (contract: string, arg: string) => ({
  method: 'Probe.Send',
  arg: enc({ contract, link: null, method: 'Echo.Say', arg }),
});

async function get(url: string): Promise<{ status: number; body: unknown }> {
  const r = await fetch(url);
  return { status: r.status, body: await r.json() };
}

const busyWorkers = (pool: WorkerPoolHost): number => pool.stats().workers.filter((w) => w.busy).length;

describe('worker pool with kvcounter on quickjs', () => {
  let app: RunningKvcounter;
  beforeAll(async () => {
    requireKvcounter();
    app = await startKvcounter({ componentsDir: backendDir('quickjs'), port: 0, workers: 2 });
  });
  afterAll(() => app?.close());

  it('answers small GETs while a 5 MB POST is still being handled in another worker', async () => {
    const pool = app.host as WorkerPoolHost;
    let bigDone = false;
    const big = fetch(`${app.url}/big`, { method: 'POST', body: new Uint8Array(5 * 1024 * 1024).fill(97) }).then(
      async (r) => {
        const answer = { status: r.status, body: await r.json() };
        bigDone = true;
        return answer;
      },
    );
    // The POST has reached a worker: from here on only the other worker is idle.
    await vi.waitFor(() => expect(busyWorkers(pool)).toBe(1), { timeout: 30_000, interval: 10 });
    const small = await Promise.all(Array.from({ length: 20 }, () => get(`${app.url}/small`)));
    expect(bigDone).toBe(false);
    expect(small.every((r) => r.status === 200)).toBe(true);
    expect(small.map((r) => (r.body as { counter: number }).counter).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    expect(await big).toEqual({ status: 200, body: { counter: 1 } });
  }, 300_000); // decoding 5 MB inside QuickJS takes a while, longer still on busy cores
});

describe('worker pool with the probe component', () => {
  let pool: WorkerPoolHost;
  const hold = heldProvider('test:hold');
  beforeAll(async () => {
    pool = await WorkerPoolHost.start({
      components: [{ name: 'probe', dir: componentDir('quickjs', 'probe-v1') }],
      providers: [hold.provider, echo],
      workers: 2,
    });
  });
  afterAll(() => pool?.close());

  it('replaces a worker that dies, failing only the request that was in it', async () => {
    const stuck = pool.deliver('test:probe', probeSend('test:hold', 'in the dying worker'));
    await vi.waitFor(() => expect(hold.held).toHaveLength(1), { timeout: 10_000, interval: 10 });
    const dying = pool.stats().workers.find((w) => w.busy)!.threadId;
    // The other worker keeps serving while the first one waits for its provider.
    const meanwhile = await pool.deliver('test:probe', probeSend('test:echo', 'meanwhile'));
    expect(meanwhile.ok && JSON.parse(text(meanwhile.payload))).toEqual({ method: 'Echo.Say', arg: 'meanwhile' });

    await pool.restartWorker(dying);
    expect(await stuck).toEqual({
      ok: false,
      error: { tag: 'host-error', val: 'the worker handling Probe.Send stopped before answering: it was restarted' },
    });
    // The answer for the dead worker is dropped, not handed to its successor.
    hold.held[0]!.resolve(bytes('"stale"'));
    const later = await Promise.all(
      Array.from({ length: 10 }, (_, i) => pool.deliver('test:probe', probeSend('test:echo', `later ${i}`))),
    );
    expect(later.map((d) => d.ok && JSON.parse(text(d.payload)).arg)).toEqual(
      Array.from({ length: 10 }, (_, i) => `later ${i}`),
    );
    await vi.waitFor(() => expect(pool.stats().workers).toHaveLength(2), { timeout: 10_000, interval: 10 });
    expect(pool.stats().replaced).toBe(1);
    expect(pool.stats().workers.map((w) => w.threadId)).not.toContain(dying);
  });

  it('recovers from a trap inside the worker', async () => {
    const trapped = await pool.deliver('test:probe', { method: 'Probe.Trap', arg: new Uint8Array() });
    expect(trapped).toMatchObject({
      ok: false,
      error: { tag: 'host-error', val: expect.stringMatching(/^probe failed: /) },
    });
    expect(pool.traps.at(-1)?.component).toBe('probe');
    const after = await Promise.all(
      [1, 2, 3, 4].map((i) => pool.deliver('test:probe', probeSend('test:echo', `after ${i}`))),
    );
    expect(after.every((d) => d.ok)).toBe(true);
    expect(pool.instantiations('probe')).toBe(2);
    expect(pool.stats().replaced).toBe(1);
  });
});

describe('requests a worker holds behind the one it runs', () => {
  let pool: WorkerPoolHost | undefined;
  afterEach(async () => {
    await pool?.close();
    pool = undefined;
  });
  const start = async (workers: number, hold: ReturnType<typeof heldProvider>) =>
    (pool = await WorkerPoolHost.start({
      components: [{ name: 'probe', dir: componentDir('quickjs', 'probe-v1') }],
      providers: [hold.provider, echo],
      workers,
    }));
  const said = (d: { ok: boolean; payload?: Uint8Array }): unknown => d.ok && JSON.parse(text(d.payload!)).arg;

  it('each get their own answer, in one worker, and a trap among them fails only itself', async () => {
    const p = await start(1, heldProvider('test:hold'));
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        i === 7
          ? p.deliver('test:probe', { method: 'Probe.Trap', arg: new Uint8Array() })
          : p.deliver('test:probe', probeSend('test:echo', `request ${i}`)),
      ),
    );
    expect(answers[7]).toMatchObject({ ok: false, error: { tag: 'host-error' } });
    expect(answers.map((d, i) => (i === 7 ? 'trap' : said(d)))).toEqual(
      Array.from({ length: 30 }, (_, i) => (i === 7 ? 'trap' : `request ${i}`)),
    );
  });

  it('are taken back by a worker that becomes idle, so a slow request holds only itself', async () => {
    const hold = heldProvider('test:hold');
    const p = await start(2, hold);
    const slow = p.deliver('test:probe', probeSend('test:hold', 'slow'));
    const second = p.deliver('test:probe', probeSend('test:hold', 'second'));
    await vi.waitFor(() => expect(hold.held).toHaveLength(2), { timeout: 10_000, interval: 10 });
    // Both workers are busy: this one is handed to the worker that holds the slow request.
    const behind = p.deliver('test:probe', probeSend('test:echo', 'behind the slow one'));
    expect(p.stats().queued).toBe(1);
    // The two workers reach the provider in either order.
    const held = (arg: string) => hold.held.find((h) => h.arg === arg)!;
    held('second').resolve(bytes('"second done"'));
    expect(await second).toMatchObject({ ok: true });
    expect(said(await behind)).toBe('behind the slow one');
    held('slow').resolve(bytes('"slow done"'));
    expect(await slow).toMatchObject({ ok: true });
  });

  it('are taken back before newer queued requests, so none of them waits behind a slow one', async () => {
    const hold = heldProvider('test:hold');
    const p = await start(2, hold);
    const answered: string[] = [];
    const deliver = (contract: string, arg: string) =>
      p.deliver('test:probe', probeSend(contract, arg)).then((d) => {
        answered.push(arg);
        return d;
      });
    const slow = deliver('test:hold', 'slow');
    const second = deliver('test:hold', 'second');
    await vi.waitFor(() => expect(hold.held).toHaveLength(2), { timeout: 10_000, interval: 10 });
    // Each busy worker is handed one of these two: one waits behind the slow request.
    const third = deliver('test:echo', 'third');
    const fourth = deliver('test:echo', 'fourth');
    // Queued: whichever worker runs it first blocks on it too.
    const fifth = deliver('test:hold', 'fifth');
    expect(p.stats().queued).toBe(3);
    hold.held.find((h) => h.arg === 'second')!.resolve(bytes('"second done"'));
    // The worker of `second` must take back the request waiting behind `slow` before it starts the
    // newer `fifth` (before, it was handed `fifth` and blocked on it).
    await vi.waitFor(() => expect(hold.held.map((h) => h.arg)).toContain('fifth'), { timeout: 10_000, interval: 10 });
    await vi.waitFor(() => expect([...answered].sort()).toEqual(['fourth', 'second', 'third']), {
      timeout: 10_000,
      interval: 10,
    });
    expect([said(await third), said(await fourth)]).toEqual(['third', 'fourth']);
    for (const h of hold.held.filter((x) => x.arg !== 'second')) h.resolve(bytes('"done"'));
    expect(await Promise.all([slow, second, fifth])).toMatchObject([{ ok: true }, { ok: true }, { ok: true }]);
  });

  it('run before newer ones handed to the other worker, not after a slow one they were handed behind', async () => {
    const hold = heldProvider('test:hold');
    const p = await start(2, hold);
    const answered: string[] = [];
    const slow = p.deliver('test:probe', probeSend('test:hold', 'slow'));
    await vi.waitFor(() => expect(hold.held).toHaveLength(1), { timeout: 10_000, interval: 10 });
    const second = p.deliver('test:probe', probeSend('test:hold', 'second'));
    await vi.waitFor(() => expect(hold.held).toHaveLength(2), { timeout: 10_000, interval: 10 });
    const third = p.deliver('test:probe', probeSend('test:echo', 'third'));
    void third.then(() => answered.push('third'));
    const fourth = p.deliver('test:probe', probeSend('test:hold', 'fourth'));
    hold.held.find((h) => h.arg === 'second')!.resolve(bytes('"second done"'));
    // Before, `third` was handed behind `slow` and `fourth` to the worker of `second`, which ran
    // `fourth` as soon as it was free while `third` waited for `slow`.
    await vi.waitFor(() => expect(hold.held.map((h) => h.arg)).toContain('fourth'), { timeout: 10_000, interval: 10 });
    await vi.waitFor(() => expect(answered).toEqual(['third']), { timeout: 10_000, interval: 10 });
    for (const h of hold.held.filter((x) => x.arg !== 'second')) h.resolve(bytes('"done"'));
    expect(said(await third)).toBe('third');
    expect(await Promise.all([slow, second, fourth])).toMatchObject([{ ok: true }, { ok: true }, { ok: true }]);
  });

  it('are taken back by a busy worker from the slower of two others, with three workers', async () => {
    const hold = heldProvider('test:hold');
    const p = await start(3, hold);
    const answered: string[] = [];
    const deliver = (contract: string, arg: string) =>
      p.deliver('test:probe', probeSend(contract, arg)).then((d) => {
        answered.push(arg);
        return d;
      });
    const held = (arg: string) => hold.held.find((h) => h.arg === arg)!;
    // One request in each worker, begun in this order.
    const slow = deliver('test:hold', 'slow');
    await vi.waitFor(() => expect(hold.held).toHaveLength(1), { timeout: 10_000, interval: 10 });
    const first = deliver('test:hold', 'first');
    await vi.waitFor(() => expect(hold.held).toHaveLength(2), { timeout: 10_000, interval: 10 });
    const last = deliver('test:hold', 'last');
    await vi.waitFor(() => expect(hold.held).toHaveLength(3), { timeout: 10_000, interval: 10 });
    // Each busy worker is handed one more, the latest begun first: `behind last`, `next`, and
    // `behind slow`.
    const behindLast = deliver('test:hold', 'behind last');
    const next = deliver('test:echo', 'next');
    const behindSlow = deliver('test:echo', 'behind slow');
    expect(p.stats().queued).toBe(3);
    held('first').resolve(bytes('"first done"'));
    // The worker of `first` starts `next`, takes back `behind slow` (its worker's request began
    // before `first`), then `behind last` (`last` began before `next`): each is answered or runs
    // while `slow` and `last` still hold their workers.
    await vi.waitFor(() => expect(hold.held.map((h) => h.arg)).toContain('behind last'), {
      timeout: 10_000,
      interval: 10,
    });
    await vi.waitFor(() => expect([...answered].sort()).toEqual(['behind slow', 'first', 'next']), {
      timeout: 10_000,
      interval: 10,
    });
    expect([said(await next), said(await behindSlow)]).toEqual(['next', 'behind slow']);
    for (const arg of ['slow', 'last', 'behind last']) held(arg).resolve(bytes('"done"'));
    expect(await Promise.all([slow, first, last, behindLast])).toMatchObject([
      { ok: true },
      { ok: true },
      { ok: true },
      { ok: true },
    ]);
  });

  it('go to another worker when theirs dies before starting them', async () => {
    const hold = heldProvider('test:hold');
    const p = await start(1, hold);
    const stuck = p.deliver('test:probe', probeSend('test:hold', 'in the dying worker'));
    await vi.waitFor(() => expect(hold.held).toHaveLength(1), { timeout: 10_000, interval: 10 });
    const waiting = p.deliver('test:probe', probeSend('test:echo', 'not started'));
    await p.restartWorker(p.stats().workers[0]!.threadId);
    expect(await stuck).toMatchObject({ ok: false, error: { tag: 'host-error' } });
    expect(said(await waiting)).toBe('not started');
  });
});

describe('async providers past their deadline', () => {
  let app: RunningKvcounter | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('answer deadline-exceeded (HTTP 500) in a worker pool, and their late answer is dropped', async () => {
    requireKvcounter();
    const memory = keyValueProvider();
    const slow = heldProvider(memory.contractId);
    const keyvalue: Provider = {
      contractId: memory.contractId,
      deadlineMs: 300,
      handle: (method, arg) =>
        text(arg).includes('"counter::slow"') ? slow.provider.handle(method, arg) : memory.handle(method, arg),
    };
    app = await startKvcounter({ componentsDir: backendDir('quickjs'), port: 0, workers: 1, keyvalue });
    expect(await get(`${app.url}/slow`)).toEqual({
      status: 500,
      body: {
        error:
          'DeadlineExceeded("provider wasmcloud:keyvalue (default) did not answer KeyValue.Increment within 300 ms")',
      },
    });
    slow.held[0]!.resolve(bytes('999'));
    await vi.waitFor(() => expect(app!.host.bus.lateAnswers).toBe(1), { timeout: 10_000, interval: 10 });
    // The one worker's next sends get their own answers, never the late 999.
    expect(await get(`${app.url}/ok`)).toEqual({ status: 200, body: { counter: 1 } });
    expect(await get(`${app.url}/ok`)).toEqual({ status: 200, body: { counter: 2 } });
  });

  it('are refused on the main thread with an rpc-error that says why', async () => {
    requireKvcounter();
    const keyvalue = heldProvider('wasmcloud:keyvalue').provider;
    app = await startKvcounter({ componentsDir: backendDir('quickjs'), port: 0, workers: 0, keyvalue });
    const r = await get(`${app.url}/x`);
    expect(r.status).toBe(500);
    expect((r.body as { error: string }).error).toContain(
      'a single-thread host cannot wait for an answer inside a synchronous component call',
    );
  });
});

describe('hot swap across a worker pool', () => {
  let pool: WorkerPoolHost;
  let server: RunningHttpServer;
  const kv = keyValueProvider();
  beforeAll(async () => {
    pool = await WorkerPoolHost.start({
      components: [{ name: 'app', dir: componentDir('quickjs', 'probe-v1') }],
      providers: [kv],
      workers: 2,
    });
    server = await startHttpServer(pool, { port: 0 });
  });
  afterAll(async () => {
    await server?.close();
    await pool?.close();
  });

  it('switches every worker to the new build with no failed request', async () => {
    const hit = async (): Promise<{ status: number; version: string }> => {
      const r = await fetch(`http://127.0.0.1:${server.port}/swap`);
      return { status: r.status, version: ((await r.json()) as { version: string }).version };
    };
    const first = Array.from({ length: 100 }, hit);
    const swap = pool.replace('app', componentDir('quickjs', 'probe-v2'));
    const second = Array.from({ length: 100 }, hit);
    await swap;
    const third = await Promise.all(Array.from({ length: 40 }, hit));
    const results = [...(await Promise.all([...first, ...second])), ...third];
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(third.every((r) => r.version === 'v2')).toBe(true);
    expect(kv.store.get('/swap')).toEqual({ value: '240', exists: true });
    expect(pool.instantiations('app')).toBe(2);
  });

  it('keeps every worker on the old build when the new one does not link', async () => {
    await expect(pool.replace('app', componentDir('quickjs', 'ints'))).rejects.toThrow(
      "cannot link app's import witbus:ints/sink: no component exports it",
    );
    const r = await fetch(`http://127.0.0.1:${server.port}/after`);
    expect(((await r.json()) as { version: string }).version).toBe('v2');
  });
});

describe('hot swap of a component rebuilt in its own folder', () => {
  // In the shared cache folder, whose package.json makes the transpiled modules ES modules.
  const dir = mkdtempSync(join(COMPONENTS_ROOT, 'in-place-'));
  const rebuild = (name: string) => {
    rmSync(dir, { recursive: true, force: true });
    cpSync(componentDir('quickjs', name), dir, { recursive: true });
  };
  let pool: WorkerPoolHost | undefined;
  let server: RunningHttpServer | undefined;
  afterAll(async () => {
    await server?.close();
    await pool?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('switches every worker to the new build in the same folder', async () => {
    rebuild('probe-v1');
    pool = await WorkerPoolHost.start({
      components: [{ name: 'app', dir }],
      providers: [keyValueProvider()],
      workers: 2,
    });
    server = await startHttpServer(pool, { port: 0 });
    const versions = async () => {
      const answers = await Promise.all(Array.from({ length: 20 }, () => get(`http://127.0.0.1:${server!.port}/v`)));
      return new Set(answers.map((a) => (a.body as { version: string }).version));
    };
    expect(await versions()).toEqual(new Set(['v1']));
    rebuild('probe-v2');
    await pool.replace('app', dir);
    // Before, a worker took a commit of the folder it already ran as done, and kept the old build.
    expect(await versions()).toEqual(new Set(['v2']));
    expect(pool.stats().workers.length).toBe(2);
  });
});

describe('worker pool start', () => {
  it('fails with the linking error of its workers', async () => {
    requireKvcounter();
    await expect(
      WorkerPoolHost.start({ components: [{ name: KVCOUNTER, dir: componentDir('quickjs', KVCOUNTER) }], workers: 2 }),
    ).rejects.toThrow("cannot link kvcounter's import wasmcloud:keyvalue/key-value: no component exports it");
  });
});
