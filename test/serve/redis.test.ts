/**
 * kvcounter served on Redis in a pool of worker threads: exact counts under concurrency, and a
 * Redis server that dies mid-run: every request is answered (an rpc-error, never a hang), and
 * serving resumes once Redis is back.
 */
import { rmSync } from 'node:fs';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type RunningServe } from '../../src/service/serve.ts';
import { startRedisServer, type RedisServer } from '../host/redis-server.ts';
import { kvcounterAppFolder } from './app-folder.ts';

type Answer = { status: number; body: { counter?: number; error?: string } };
const get = async (url: string): Promise<Answer> => {
  const r = await fetch(url);
  return { status: r.status, body: (await r.json()) as Answer['body'] };
};

/** `total` GETs of `url`, `concurrency` at a time; `each` sees every answer as it comes. */
async function load(
  url: string,
  total: number,
  concurrency: number,
  each: (a: Answer) => void = () => undefined,
): Promise<Answer[]> {
  const answers: Answer[] = [];
  let next = 0;
  const client = async (): Promise<void> => {
    while (next < total) {
      next++;
      const a = await get(url);
      answers.push(a);
      each(a);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  return answers;
}

describe('witbus serve on Redis', () => {
  let redis: RedisServer;
  let app: string;
  let running: RunningServe;
  beforeAll(async () => {
    redis = await startRedisServer();
    app = kvcounterAppFolder('quickjs');
    running = await serve({ app, kv: redis.url, port: 0, workers: 2 });
  });
  afterAll(async () => {
    await running?.close();
    await redis?.kill();
    if (app !== undefined) rmSync(app, { recursive: true, force: true });
  });

  it('counts 5,000 increments at concurrency 100 exactly', async () => {
    const answers = await load(`${running.url}/load`, 5000, 100);
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(answers.map((a) => a.body.counter).sort((x, y) => x! - y!)).toEqual(
      Array.from({ length: 5000 }, (_, i) => i + 1),
    );
    const admin = createClient({ url: redis.url });
    await admin.connect();
    expect(await admin.get('counter::load')).toBe('5000');
    await admin.close();
  });

  it('answers every request with an rpc-error while Redis is down, and serves again once it is back', async () => {
    let ok = 0;
    let killed: Promise<void> | undefined;
    const answers = await load(`${running.url}/outage`, 1500, 50, (a) => {
      if (a.status === 200 && ++ok === 200) killed = redis.kill();
    });
    await killed;
    const failed = answers.filter((a) => a.status !== 200);
    expect(failed.length).toBeGreaterThan(0);
    for (const a of failed) {
      // kvcounter answers an unavailable store with 503 and the rpc-error.
      expect(a.status).toBe(503);
      expect(a.body.error).toMatch(/^ProviderInit\("the keyvalue store at redis:\/\/127\.0\.0\.1:\d+ is unavailable: /);
    }
    // Once Redis has failed, every later call fails at once: nothing waits for a deadline.
    expect(await get(`${running.url}/outage`)).toMatchObject({ status: 503 });

    await redis.restart();
    // The client reconnects in the background (backoff of at most a second).
    let answer = await get(`${running.url}/back`);
    while (answer.status !== 200) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      answer = await get(`${running.url}/back`);
    }
    expect(answer.body).toEqual({ counter: 1 });
    const metrics = await (await fetch(`${running.url}/metrics`)).text();
    expect(metrics).toMatch(
      /^witbus_bus_messages_total\{contract="wasmcloud:keyvalue",outcome="provider-init"\} [1-9]\d*$/m,
    );
  });
});
