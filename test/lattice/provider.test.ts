/**
 * Providers and an actor host joined by a lattice, across processes: `witbus provider keyvalue` in
 * a child process, kvcounter's actor host and the HTTP provider in this one. The answers are
 * kvcounter's (a counter per path, plus `amount`); what reaches no handler is a 503 at once. And
 * the app's send made for a request ends with that request's deadline, not its own.
 */
import { rmSync } from 'node:fs';
import { connect, headers, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeHttpResponse, encodeHttpRequest } from '../../generated/wasmcloud-httpserver/http-server/codec.ts';
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

describe('an actor host whose send outlives the request it is made for', () => {
  let nats: NatsServer;
  let app: string;
  let raw: NatsConnection;
  let actors: RunningLatticeServe;
  const logged: string[] = [];
  /** The deadlines the keyvalue requests came with. */
  const deadlines: number[] = [];
  beforeAll(async () => {
    nats = await startNatsServer();
    app = kvcounterAppFolder('quickjs');
    // A keyvalue provider that never answers.
    raw = await connect({ servers: nats.url });
    raw.subscribe('wasmbus.rpc.nested.wasmcloud:keyvalue.default', {
      callback: (_err, msg) => void deadlines.push(Number(msg.headers!.get('Wasmbus-Deadline'))),
    });
    await raw.flush();
    // Its own deadline for a send is the default 30 s.
    actors = await serveOnLattice({ app, nats: nats.url, lattice: 'nested', workers: 1, log: (l) => logged.push(l) });
  });
  afterAll(async () => {
    await actors?.close();
    await raw?.close();
    await nats?.kill();
    rmSync(app, { recursive: true, force: true });
  });

  it("fails the app's keyvalue send at the deadline of the HTTP request, with deadline-exceeded", async () => {
    const deadline = Date.now() + 500;
    const h = headers();
    h.set('Wasmbus-Method', 'HttpServer.HandleRequest');
    h.set('Wasmbus-Request-Id', 'outer-1');
    h.set('Wasmbus-Deadline', String(deadline));
    const request = encodeHttpRequest({
      method: 'GET',
      path: '/n',
      queryString: '',
      header: [],
      body: new Uint8Array(),
    });
    // This caller waits well past the deadline it gave, to hear what the app answers.
    const reply = await raw.request('wasmbus.rpc.nested.wasmcloud:httpserver.default', request, {
      timeout: 20_000,
      headers: h,
    });
    expect(deadlines).toEqual([deadline]);
    const response = decodeHttpResponse(reply.data);
    // kvcounter answers a failed send 500 with the rpc-error as Rust's Debug printed it.
    expect(response.statusCode).toBe(500);
    const { error } = JSON.parse(new TextDecoder().decode(response.body)) as { error: string };
    expect(error).toMatch(
      /^DeadlineExceeded\("wasmcloud:keyvalue \(default\) on the lattice nested did not answer KeyValue\.Increment within \d+ ms, the rest of the deadline of request outer-1"\)$/,
    );
    expect(logged).toEqual([
      expect.stringMatching(/^request [0-9A-Za-z]{22} \(sent for request outer-1\) failed: deadline-exceeded: /),
    ]);
  });
});
