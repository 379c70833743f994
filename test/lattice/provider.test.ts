/**
 * Providers and an actor host joined by a lattice, across processes: `witbus provider keyvalue` in
 * a child process, kvcounter's actor host and the HTTP provider in this one. The answers are
 * kvcounter's (a counter per path, plus `amount`); what reaches no handler is a 503 at once.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpServerProvider, type RunningProvider } from '../../src/service/provider.ts';
import { serveOnLattice, type RunningLatticeServe } from '../../src/service/serve-lattice.ts';
import { kvcounterAppFolder } from '../serve/app-folder.ts';
import { startNatsServer, type NatsServer } from './nats-server.ts';
import { startWitbus, type WitbusProcess } from './processes.ts';

const getJson = async (url: string): Promise<{ status: number; body: unknown }> => {
  const r = await fetch(url);
  return { status: r.status, body: await r.json() };
};

describe('witbus provider on a lattice', () => {
  let nats: NatsServer;
  let app: string;
  let keyvalue: WitbusProcess;
  let actors: RunningLatticeServe;
  let http: RunningProvider;
  beforeAll(async () => {
    nats = await startNatsServer();
    app = kvcounterAppFolder('quickjs');
    keyvalue = await startWitbus(
      ['provider', 'keyvalue', '--nats', nats.url, '--lattice', 'kv-test', '--kv', 'memory'],
      /^wasmbus\.rpc\./,
    );
    actors = await serveOnLattice({ app, nats: nats.url, lattice: 'kv-test', workers: 1 });
    http = await httpServerProvider({ nats: nats.url, lattice: 'kv-test', port: 0 });
  });
  afterAll(async () => {
    await http?.close();
    await actors?.close();
    await keyvalue?.stop('SIGKILL');
    await nats?.kill();
    rmSync(app, { recursive: true, force: true });
  });

  it('prints what it serves, and the actor host what it answers', () => {
    expect(keyvalue.ready).toBe('wasmbus.rpc.kv-test.wasmcloud:keyvalue.default');
    expect(keyvalue.stdout()).toContain(`serving wasmcloud:keyvalue (keyvalue: memory) on ${nats.url}`);
    expect(actors.subjects).toEqual(['wasmbus.rpc.kv-test.wasmcloud:httpserver.default']);
    expect(http.subject).toBe('wasmbus.rpc.kv-test.wasmcloud:httpserver.default');
  });

  it('answers HTTP requests through the actor host and the keyvalue process', async () => {
    expect(await getJson(`${http.url}/hello?amount=5`)).toEqual({ status: 200, body: { counter: 5 } });
    expect(await getJson(`${http.url}/hello`)).toEqual({ status: 200, body: { counter: 6 } });
    expect(await getJson(`${http.url}/other`)).toEqual({ status: 200, body: { counter: 1 } });
  });

  it("fails the app's send when the keyvalue provider has gone, and a request with no actor host is a 503", async () => {
    expect(await keyvalue.stop('SIGTERM')).toBe(0);
    const noStore = await getJson(`${http.url}/hello`);
    expect(noStore.status).toBe(500);
    expect(JSON.stringify(noStore.body)).toContain(
      'nothing serves wasmcloud:keyvalue (default) on the lattice kv-test',
    );
    await actors.close();
    expect(await getJson(`${http.url}/hello`)).toEqual({
      status: 503,
      body: { error: 'host-error: nothing serves wasmcloud:httpserver (default) on the lattice kv-test' },
    });
  });
});
