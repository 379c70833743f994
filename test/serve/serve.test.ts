/**
 * `witbus serve` on kvcounter: what it links, the app's answers, /healthz and /metrics, a SQLite
 * store that outlives a restart, and as a process: the URL line and a graceful SIGTERM.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTPSERVER_RECEIVER, KEYVALUE_SENDER, KVCOUNTER } from '../../examples/kvcounter/components.ts';
import { appLinks } from '../../src/service/serve-app.ts';
import { serve, type RunningServe } from '../../src/service/serve.ts';
import { startRedisServer } from '../host/redis-server.ts';
import { WITBUS_BIN } from '../setup/paths.ts';
import { kvcounterAppFolder } from './app-folder.ts';

const getJson = async (url: string): Promise<{ status: number; body: unknown }> => {
  const r = await fetch(url);
  return { status: r.status, body: await r.json() };
};

describe('witbus serve (in process)', () => {
  let app: string;
  let running: RunningServe;
  beforeAll(async () => {
    app = kvcounterAppFolder('quickjs');
    running = await serve({ app, kv: 'memory', port: 0, workers: 2 });
  });
  afterAll(async () => {
    await running?.close();
    rmSync(app, { recursive: true, force: true });
  });

  it('links the app, the sender of what it imports and the receiver of what it exports, and nothing else', async () => {
    expect(await appLinks(app)).toEqual({
      app: KVCOUNTER,
      components: [KVCOUNTER, KEYVALUE_SENDER, HTTPSERVER_RECEIVER].map((name) => ({ name, dir: join(app, name) })),
      receivers: { 'wasmcloud:httpserver': HTTPSERVER_RECEIVER },
      sends: ['wasmcloud:keyvalue'],
    });
    expect(running.url).toBe(`http://127.0.0.1:${running.port}`);
  });

  it('serves the app, /healthz and the metrics series', async () => {
    expect(await getJson(`${running.url}/hello?amount=5`)).toEqual({ status: 200, body: { counter: 5 } });
    expect(await getJson(`${running.url}/hello/you`)).toEqual({ status: 200, body: { counter: 1 } });
    expect(await getJson(`${running.url}/healthz`)).toEqual({ status: 200, body: { status: 'ok' } });
    const metrics = await fetch(`${running.url}/metrics`);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await metrics.text();
    for (const series of [
      'witbus_http_requests_total{route="/hello",method="GET",status="200"} 2',
      'witbus_http_request_duration_seconds_count{route="/hello",method="GET"} 2',
      'witbus_bus_messages_total{contract="wasmcloud:keyvalue",outcome="ok"} 2',
      'witbus_traps_total 0',
      `witbus_component_reinstantiations{component="${KVCOUNTER}"} 0`,
      'witbus_workers{state="idle"} 2',
      'witbus_worker_queue_length 0',
      'witbus_workers_replaced 0',
    ]) {
      expect(text.split('\n')).toContain(series);
    }
  });

  it('refuses a --kv it does not know, and a folder without one app, in one line', async () => {
    await expect(serve({ app, kv: 'postgres://x', port: 0 })).rejects.toThrow(
      'error: --kv must be memory, sqlite:<file> or a redis:// URL, not "postgres://x"',
    );
    const empty = mkdtempSync(join(tmpdir(), 'witbus-serve-empty-'));
    await expect(serve({ app: empty, kv: 'memory', port: 0 })).rejects.toThrow(
      `error: ${empty} holds no built components`,
    );
    rmSync(empty, { recursive: true });
  });
});

describe('witbus serve on SQLite', () => {
  it('keeps a counter across a restart', async () => {
    const app = kvcounterAppFolder('quickjs');
    const kv = `sqlite:${join(app, 'counters.db')}`;
    const first = await serve({ app, kv, port: 0, workers: 0 });
    expect(await getJson(`${first.url}/c?amount=41`)).toEqual({ status: 200, body: { counter: 41 } });
    await first.close();
    const second = await serve({ app, kv, port: 0, workers: 1 });
    expect(await getJson(`${second.url}/c`)).toEqual({ status: 200, body: { counter: 42 } });
    await second.close();
    rmSync(app, { recursive: true, force: true });
  });
});

describe('witbus serve as a process', () => {
  it('prints its URL, and on SIGTERM refuses new connections, finishes the request in flight, then exits 0', async () => {
    const app = kvcounterAppFolder('quickjs');
    // A Redis server that is stopped (SIGSTOP) holds the request in flight for as long as needed.
    const redis = await startRedisServer();
    const child = spawn(
      process.execPath,
      ['--conditions=witbus-source', WITBUS_BIN, 'serve', app, '--port', '0', '--workers', '1', '--kv', redis.url],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const events: string[] = [];
    const exited = once(child, 'exit').then(([code]) => {
      events.push('exit');
      return code as number | null;
    });
    try {
      let stdout = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          stdout += d.toString();
          const m = /^(http:\/\/127\.0\.0\.1:\d+)$/m.exec(stdout);
          if (m) resolve(m[1]!);
        });
        void exited.then((code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
      });
      expect(stdout).toContain('serving kvcounter (keyvalue: redis)');

      redis.pause();
      const inFlight = getJson(`${url}/slow`).then((r) => {
        events.push('answered');
        return r;
      });
      // The one worker is busy once the request waits on the stopped store.
      while (!(await (await fetch(`${url}/metrics`)).text()).includes('witbus_workers{state="busy"} 1')) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      child.kill('SIGTERM');
      // Once the signal is handled, the server takes no new connections (its idle ones are closed).
      const refused = async (): Promise<boolean> => {
        try {
          return (await fetch(`${url}/healthz`)).status === 503;
        } catch (e) {
          return (e as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED';
        }
      };
      while (!(await refused())) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(events).toEqual([]);
      redis.resume();
      expect(await inFlight).toEqual({ status: 200, body: { counter: 1 } });
      expect(await exited).toBe(0);
      expect(events).toEqual(['answered', 'exit']);
      expect(stderr).toBe('');
    } finally {
      child.kill('SIGKILL');
      redis.resume();
      await redis.kill();
      rmSync(app, { recursive: true, force: true });
    }
  });
});
