/**
 * `witbusHost` runs private copies of its builds: a worker started after a refused swap (a
 * restarted one here) loads the build the host runs, not the one built since; the copies go when
 * the host closes, and those of hosts whose process is gone go when a host starts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HotPayload } from 'vite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readManifest } from '../../src/component/build.ts';
import type { WorkerPoolHost } from '../../src/host/worker/pool.ts';
import { witbusHost } from '../../src/plugin/vite.ts';
import { appLinks } from '../../src/service/serve-app.ts';
import type { RunningServe, ServeOptions } from '../../src/service/serve.ts';
import { startDevServer, type DevServer } from './dev-server.ts';
import { fixtureCopy, REPO } from './fixture.ts';

/** The hosts started, and while `failSwaps` holds, every host's `replace` fails as a refused swap does. */
const state = vi.hoisted(() => ({ failSwaps: false, started: [] as RunningServe[] }));
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
      state.started.push(running);
      return running;
    },
  };
});

const fixture = fixtureCopy('dev-host');
const logic = join(fixture.dir, 'logic.js');
const original = readFileSync(logic, 'utf8');
const version = (v: string) => original.replace("VERSION = 'one'", `VERSION = '${v}'`);
const out = join(fixture.dir, 'host-out');
const snapshotRoot = join(out, '.swaps');
/** Snapshots of a host whose process is gone, of an older witbus, and of a process that runs. */
const gone = `${spawnSync(process.execPath, ['-e', '']).pid}-abc123`;
const legacy = 'logic-0123456789abcdef';
const live = `${process.ppid}-abc123`;

const host = witbusHost({
  app: 'logic.js',
  wit: join(REPO, 'wit'),
  world: 'kvcounter',
  backend: 'quickjs',
  // One worker, so that restarting it leaves none that loaded the build before.
  workers: 1,
  out: 'host-out',
});
let dev: DevServer | undefined;
let sent: HotPayload[];

beforeAll(async () => {
  for (const name of [gone, legacy, live]) mkdirSync(join(snapshotRoot, name, 'logic'), { recursive: true });
  dev = await startDevServer({ root: fixture.dir, plugins: [host] });
  ({ sent } = dev);
}, 240_000);
afterAll(async () => {
  await dev?.close();
  fixture.dispose();
});

const ask = async (): Promise<string> => {
  const r = await fetch(`${host.api.url}/`);
  if (r.status !== 200) throw new Error(`the host answered ${r.status}: ${await r.text()}`);
  return ((await r.json()) as { version: string }).version;
};

/** Restarts the pool's one worker; the next request waits for the new one. */
async function restartWorker(): Promise<void> {
  const pool = state.started[0]!.host as WorkerPoolHost;
  const { replaced } = pool.stats();
  await pool.restartWorker(pool.stats().workers[0]!.threadId);
  await vi.waitFor(() => expect(pool.stats().replaced).toBe(replaced + 1));
}

/** This host's snapshot folder: the one of this process. */
const ours = () => readdirSync(snapshotRoot).filter((n) => n.startsWith(`${process.pid}-`));

describe("witbusHost's snapshots", () => {
  it('removes the snapshots of hosts whose process is gone as it starts, and keeps those of running ones', () => {
    expect(readdirSync(snapshotRoot).sort()).toEqual([live, ...ours()].sort());
    expect(ours()).toHaveLength(1);
  });

  it('keeps running the build the host runs when a worker restarts after a refused swap', async () => {
    expect(await ask()).toBe('one');
    state.failSwaps = true;
    dev!.edit(logic, version('two'));
    await vi.waitFor(() => expect(sent.map((p) => p.type)).toContain('error'), { timeout: 240_000 });
    // The build folder holds the refused build; the host's copy, the one it runs.
    const links = await appLinks(out);
    const running = await readManifest(join(snapshotRoot, ours()[0]!, links.app));
    expect(running?.key).toBeDefined();
    expect((await readManifest(join(out, links.app)))?.key).not.toBe(running?.key);
    await restartWorker();
    expect(await ask()).toBe('one');

    state.failSwaps = false;
    dev!.edit(logic, version('two'));
    await vi.waitFor(async () => expect(await ask()).toBe('two'), { timeout: 240_000, interval: 50 });
    await restartWorker();
    expect(await ask()).toBe('two');
    // One copy of each linked component: the swapped one's replaced the first.
    expect(readdirSync(join(snapshotRoot, ours()[0]!))).toHaveLength(links.components.length);
  }, 300_000);

  it('removes its snapshots when it closes', async () => {
    const [folder] = ours();
    await dev!.close();
    dev = undefined;
    expect(existsSync(join(snapshotRoot, folder!))).toBe(false);
    expect(readdirSync(snapshotRoot)).toEqual([live]);
  });
});
