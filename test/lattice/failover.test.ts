/**
 * The lattice in separate OS processes over one nats-server: `witbus provider httpserver`, two
 * actor hosts (`witbus serve --nats`, replicas in one queue group) and `witbus provider keyvalue`,
 * with kvcounter. Under load one replica is killed; later nats-server itself is restarted.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kvcounterAppFolder } from '../serve/app-folder.ts';
import { startNatsServer, type NatsServer } from './nats-server.ts';
import { startWitbus, type WitbusProcess } from './processes.ts';

const REQUESTS = 240;
const CONCURRENCY = 8;
/** The HTTP provider's deadline: a request in flight on a killed replica is answered 504 after it. */
const DEADLINE_MS = 3000;

interface Answer {
  status: number;
  body: string;
}

const get = async (url: string): Promise<Answer> => {
  const r = await fetch(url);
  return { status: r.status, body: await r.text() };
};

describe('a lattice of processes', () => {
  let nats: NatsServer;
  let app: string;
  const processes: WitbusProcess[] = [];
  let http: WitbusProcess;
  let replicas: WitbusProcess[];
  const start = async (args: string[], ready: RegExp): Promise<WitbusProcess> => {
    const p = await startWitbus(args, ready);
    processes.push(p);
    return p;
  };
  const lattice = (): string[] => ['--nats', nats.url, '--lattice', 'failover'];
  const counter = async (): Promise<number> => {
    const answer = await get(`${http.ready}/count?amount=0`);
    expect(answer.status).toBe(200);
    return (JSON.parse(answer.body) as { counter: number }).counter;
  };

  beforeAll(async () => {
    nats = await startNatsServer();
    app = kvcounterAppFolder('quickjs');
    await start(['provider', 'keyvalue', ...lattice()], /^wasmbus\.rpc\./);
    replicas = await Promise.all(
      [0, 1].map(() => start(['serve', app, ...lattice(), '--workers', '1'], /^wasmbus\.rpc\./)),
    );
    http = await start(
      ['provider', 'httpserver', ...lattice(), '--port', '0', '--deadline', String(DEADLINE_MS)],
      /^http:\/\/127\.0\.0\.1:\d+$/,
    );
  });
  afterAll(async () => {
    for (const p of processes) await p.stop('SIGKILL');
    await nats?.kill();
    rmSync(app, { recursive: true, force: true });
  });

  it('loses no request to a killed replica that had not reached it, retries none, and leaves none hanging', async () => {
    const [victim, survivor] = replicas as [WitbusProcess, WitbusProcess];
    const answers: { answer: Answer; afterFailover: boolean }[] = [];
    let sent = 0;
    let failedOver = false;
    const killed = (async () => {
      while (sent < REQUESTS / 3) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(await victim.stop('SIGKILL')).toBe('SIGKILL');
      // From here the server routes nothing to it: every request sent now must reach the survivor.
      await expect
        .poll(async () => (await nats.clients()).some((name) => name.endsWith(`(pid ${victim.child.pid})`)), {
          interval: 20,
          timeout: 10_000,
        })
        .toBe(false);
      failedOver = true;
    })();
    const client = async (): Promise<void> => {
      while (sent < REQUESTS) {
        sent++;
        const afterFailover = failedOver;
        answers.push({ answer: await get(`${http.ready}/count`), afterFailover });
      }
    };
    await Promise.all([killed, ...Array.from({ length: CONCURRENCY }, client)]);

    expect(answers).toHaveLength(REQUESTS);
    const ok = answers.filter((a) => a.answer.status === 200).length;
    // In flight on the killed replica: no answer can come, so the deadline's rpc-error does.
    for (const { answer } of answers.filter((a) => a.answer.status !== 200)) {
      expect(answer.status).toBe(504);
      expect(answer.body).toContain('deadline-exceeded');
    }
    const after = answers.filter((a) => a.afterFailover);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((a) => a.answer.status === 200)).toBe(true);
    const final = await counter();
    expect(final).toBeGreaterThanOrEqual(ok);
    expect(final).toBeLessThanOrEqual(REQUESTS);
    expect(survivor.child.exitCode).toBeNull();
  });

  it('fails requests at once while nats-server is down, reconnects by itself and resumes', async () => {
    const before = await counter();
    await nats.kill();
    // Until the HTTP provider has seen the connection drop, a request may still go out (and fail
    // as dropped, 500); from then on it refuses them without sending: 503 at once.
    const outage: Answer[] = [];
    await expect
      .poll(async () => outage[outage.push(await get(`${http.ready}/count`)) - 1]!.status, { interval: 20 })
      .toBe(503);
    expect(outage.at(-1)!.body).toContain('is down');
    const dropped = outage.filter((a) => a.status === 500);
    for (const a of dropped) expect(a.body).toContain('dropped before the answer came');
    expect(outage.length - dropped.length).toBe(1);
    await nats.start();
    await expect
      .poll(async () => (await get(`${http.ready}/count`)).status, { interval: 100, timeout: 15_000 })
      .toBe(200);
    // The one 200 counted; a request refused during the outage did not; a dropped one may have.
    const after = await counter();
    expect(after).toBeGreaterThanOrEqual(before + 1);
    expect(after).toBeLessThanOrEqual(before + 1 + dropped.length);
  });
});
