/**
 * The lattice transport against a real nats-server: the subject encoding, the wire format as a
 * plain NATS client sees it, round trips, queue groups, and the failures (no responders, deadline,
 * an expired request, the server going away and coming back), each logged with its request id; and
 * a request sent while handling another, bounded by the other's deadline.
 */
import { connect, headers, TimeoutError, type NatsConnection } from '@nats-io/transport-node';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Provider } from '../../src/host/bus.ts';
import { Bus } from '../../src/host/bus.ts';
import { rpcError } from '../../src/host/rpc-error.ts';
import { Lattice } from '../../src/lattice/lattice.ts';
import { decodeToken, encodeToken, parseRpcSubject, rpcSubject } from '../../src/lattice/subject.ts';
import { startNatsServer, type NatsServer } from './nats-server.ts';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const text = (b: Uint8Array): string => new TextDecoder().decode(b);

/** Answers of `Hold` calls, given when the test ends. */
const held: (() => void)[] = [];

/** A provider that answers `Echo` with its argument, `Fail` with an rpc-error and `Hold` when the test ends. */
const echo = (contractId: string, calls: string[] = []): Provider => ({
  contractId,
  handle(method, arg) {
    calls.push(method);
    if (method === 'Echo') return arg;
    if (method === 'Fail') throw rpcError('invalid-parameter', `bad ${text(arg)}`);
    return new Promise<Uint8Array>((resolve) => held.push(() => resolve(arg)));
  },
});

const rejection = async (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => 'resolved',
    (e: unknown) => e,
  );

describe('lattice subjects', () => {
  it('follow wasmbus.rpc.<lattice>.<contract>.<link>, escaping what NATS tokens cannot hold', () => {
    expect(rpcSubject({ lattice: 'default', contractId: 'wasmcloud:keyvalue', linkName: 'default' })).toBe(
      'wasmbus.rpc.default.wasmcloud:keyvalue.default',
    );
    // By hand: '.' is 0x2E, '@' 0x40, ' ' 0x20, '*' 0x2A, '>' 0x3E, '%' 0x25, 'é' is C3 A9 in UTF-8.
    expect(encodeToken('wasmcloud:keyvalue@0.1.0')).toBe('wasmcloud:keyvalue%400%2E1%2E0');
    expect(encodeToken('a b*c>d%é/x')).toBe('a%20b%2Ac%3Ed%25%C3%A9/x');
    expect(() => encodeToken('')).toThrow('cannot be empty');
    expect(() => decodeToken('%41')).toThrow('not the canonical encoding');
    expect(() => decodeToken('a.b')).toThrow('not an encoded lattice subject token');
  });

  it('decode to exactly the address they were made from', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, unit: 'grapheme' }),
        fc.string({ minLength: 1 }),
        fc.string({ minLength: 1, unit: 'binary' }),
        (lattice, contractId, linkName) => {
          const subject = rpcSubject({ lattice, contractId, linkName });
          expect(subject.split('.')).toHaveLength(5);
          expect(subject).toMatch(/^[\x21-\x7e]+$/);
          expect(subject).not.toMatch(/[*>]/);
          expect(parseRpcSubject(subject)).toEqual({ lattice, contractId, linkName });
        },
      ),
    );
  });
});

describe('the lattice over nats-server', () => {
  let nats: NatsServer;
  let raw: NatsConnection;
  const lattices: Lattice[] = [];
  const join = async (lattice = 'test', log?: (line: string) => void): Promise<Lattice> => {
    const l = await Lattice.connect({ url: nats.url, lattice, reconnectWaitMs: 50, ...(log ? { log } : {}) });
    lattices.push(l);
    return l;
  };
  beforeAll(async () => {
    nats = await startNatsServer();
    raw = await connect({ servers: nats.url });
  });
  afterAll(async () => {
    for (const release of held) release();
    await raw?.close();
    for (const l of lattices) await l.close();
    await nats?.kill();
  });

  it('sends the payload as the body and the rest as headers, which a plain NATS client reads', async () => {
    const caller = await join('wire');
    const seen: { subject: string; headers: Record<string, string>; body: string }[] = [];
    const sub = raw.subscribe('wasmbus.rpc.wire.>', {
      callback: (_err, msg) => {
        seen.push({
          subject: msg.subject,
          headers: Object.fromEntries([...msg.headers!.keys()].map((k) => [k, msg.headers!.get(k)])),
          body: text(msg.data),
        });
        msg.respond(bytes('pong'));
      },
    });
    await raw.flush();
    const before = Date.now();
    const reply = await caller.request('wasmcloud:keyvalue@0.1.0', 'cache', 'KeyValue.Get', bytes('ping'), 5000);
    expect(text(reply)).toBe('pong');
    expect(seen).toHaveLength(1);
    const [m] = seen;
    expect(m!.subject).toBe('wasmbus.rpc.wire.wasmcloud:keyvalue%400%2E1%2E0.cache');
    expect(m!.body).toBe('ping');
    expect(m!.headers).toMatchObject({
      'Wasmbus-Method': 'KeyValue.Get',
      'Wasmbus-Contract': 'wasmcloud:keyvalue@0.1.0',
      'Wasmbus-Link': 'cache',
    });
    expect(m!.headers['Wasmbus-Request-Id']).toMatch(/^[0-9A-Za-z]{22}$/);
    const deadline = Number(m!.headers['Wasmbus-Deadline']);
    expect(deadline).toBeGreaterThanOrEqual(before + 5000);
    expect(deadline).toBeLessThanOrEqual(Date.now() + 5000);
    sub.unsubscribe();
  });

  it('answers through the bus: payloads, and rpc-errors marked by a header with the error as JSON', async () => {
    const server = await join();
    const client = await join();
    await server.serve(echo('example:echo'));
    const bus = new Bus();
    bus.register(client.remote('example:echo'));
    await expect(bus.request({ method: 'Echo', arg: bytes('hi') }, 'example:echo', null)).resolves.toEqual({
      ok: true,
      payload: bytes('hi'),
    });
    await expect(bus.request({ method: 'Fail', arg: bytes('x') }, 'example:echo', null)).resolves.toEqual({
      ok: false,
      error: { tag: 'invalid-parameter', val: 'bad x' },
    });
    // The same error as the plain NATS client sees it.
    const h = headers();
    h.set('Wasmbus-Method', 'Fail');
    h.set('Wasmbus-Request-Id', 'r1');
    h.set('Wasmbus-Deadline', String(Date.now() + 5000));
    const reply = await raw.request('wasmbus.rpc.test.example:echo.default', bytes('y'), { timeout: 5000, headers: h });
    expect(reply.headers?.get('Wasmbus-Rpc-Error')).toBe('true');
    expect(reply.headers?.get('Wasmbus-Request-Id')).toBe('r1');
    expect(JSON.parse(text(reply.data))).toEqual({ tag: 'invalid-parameter', val: 'bad y' });
  });

  it('fails at once with host-error when nothing serves the contract (NATS no responders)', async () => {
    const client = await join();
    // Were it waiting for the deadline, the test would time out first.
    const error = await rejection(client.request('example:nobody', 'default', 'Echo', bytes(''), 600_000));
    expect(error).toEqual(rpcError('host-error', 'nothing serves example:nobody (default) on the lattice test'));
  });

  it('fails with deadline-exceeded past the deadline, and does not handle a request that arrives expired', async () => {
    const server = await join('deadline');
    const client = await join('deadline');
    const calls: string[] = [];
    const served = await server.serve(echo('example:slow', calls));
    await expect(rejection(client.request('example:slow', 'default', 'Hold', bytes(''), 200))).resolves.toEqual(
      rpcError('deadline-exceeded', 'example:slow (default) on the lattice deadline did not answer Hold within 200 ms'),
    );
    const h = headers();
    h.set('Wasmbus-Method', 'Echo');
    h.set('Wasmbus-Deadline', String(Date.now() - 1));
    await expect(
      rejection(raw.request(served.subject, bytes(''), { timeout: 300, headers: h })),
    ).resolves.toBeInstanceOf(TimeoutError);
    expect(calls).toEqual(['Hold']);
    expect(served.expired).toBe(1);
  });

  it('logs each failed request with the id it went out with, on the side that sent it and the side that served it', async () => {
    const sent: string[] = [];
    const served: string[] = [];
    const server = await join('logs', (line) => served.push(line));
    const client = await join('logs', (line) => sent.push(line));
    await server.serve(echo('example:echo'));
    // The ids as a plain NATS client sees them on the wire.
    const ids: string[] = [];
    const sub = raw.subscribe('wasmbus.rpc.logs.example:mute.default', {
      callback: (_err, msg) => void ids.push(msg.headers!.get('Wasmbus-Request-Id')),
    });
    const spy = raw.subscribe('wasmbus.rpc.logs.example:echo.default', {
      queue: 'spy',
      callback: (_err, msg) => void ids.push(msg.headers!.get('Wasmbus-Request-Id')),
    });
    await raw.flush();
    await client.request('example:echo', 'default', 'Echo', bytes('fine'), 5000);
    await rejection(client.request('example:echo', 'default', 'Fail', bytes('x'), 5000));
    await rejection(client.request('example:mute', 'default', 'Echo', bytes(''), 200));
    await rejection(client.request('example:nobody', 'default', 'Echo', bytes(''), 5000));
    // The copies to the plain client went out before the answer to its ping.
    await raw.flush();
    sub.unsubscribe();
    spy.unsubscribe();
    expect(ids).toHaveLength(3);
    const [, failed, mute] = ids;
    expect(served).toEqual([
      `request ${failed} to wasmbus.rpc.logs.example:echo.default failed: invalid-parameter: bad x`,
    ]);
    expect(sent).toHaveLength(3);
    expect(sent[0]).toBe(`request ${failed} failed: invalid-parameter: bad x`);
    expect(sent[1]).toBe(
      `request ${mute} failed: deadline-exceeded: example:mute (default) on the lattice logs did not answer Echo within 200 ms`,
    );
    expect(sent[2]).toMatch(
      /^request [0-9A-Za-z]{22} failed: host-error: nothing serves example:nobody \(default\) on the lattice logs$/,
    );
  });

  it("bounds a request sent while handling another by the other's deadline", async () => {
    const lines: string[] = [];
    const relay = await join('nested', (line) => lines.push(line));
    const slow: { deadline: number }[] = [];
    const sub = raw.subscribe('wasmbus.rpc.nested.example:slow.default', {
      callback: (_err, msg) => void slow.push({ deadline: Number(msg.headers!.get('Wasmbus-Deadline')) }),
    });
    await raw.flush();
    // Its own deadline for the nested send is ten minutes: only the outer request's can end it.
    await relay.serve({
      contractId: 'example:relay',
      handle: (method, arg) => relay.request('example:slow', 'default', method, arg, 600_000),
    });
    const deadline = Date.now() + 400;
    const h = headers();
    h.set('Wasmbus-Method', 'Echo');
    h.set('Wasmbus-Request-Id', 'outer-1');
    h.set('Wasmbus-Deadline', String(deadline));
    // The caller here waits longer than the deadline it gave, to hear what the relay answers.
    const reply = await raw.request('wasmbus.rpc.nested.example:relay.default', bytes('x'), {
      timeout: 30_000,
      headers: h,
    });
    sub.unsubscribe();
    expect(slow).toEqual([{ deadline }]);
    expect(reply.headers?.get('Wasmbus-Rpc-Error')).toBe('true');
    const error = JSON.parse(text(reply.data)) as { tag: string; val: string };
    expect(error.tag).toBe('deadline-exceeded');
    expect(error.val).toMatch(
      /^example:slow \(default\) on the lattice nested did not answer Echo within \d+ ms, the rest of the deadline of request outer-1$/,
    );
    expect(lines).toEqual([
      expect.stringMatching(/^request [0-9A-Za-z]{22} \(sent for request outer-1\) failed: deadline-exceeded: /),
      `request outer-1 to wasmbus.rpc.nested.example:relay.default failed: deadline-exceeded: ${error.val}`,
    ]);
  });

  it('fails the requests still waiting when it closes, instead of at their deadlines', async () => {
    const server = await join('closing');
    const client = await Lattice.connect({ url: nats.url, lattice: 'closing' });
    await server.serve(echo('example:echo'));
    // Were it waiting for the deadline, the test would time out first.
    const waiting = rejection(client.request('example:echo', 'default', 'Hold', bytes(''), 600_000));
    await client.close();
    await expect(waiting).resolves.toEqual(
      rpcError('nats', `the lattice connection to ${nats.url} closed before the answer came`),
    );
  });

  it('shares the requests of one subject among its subscribers, each handled once', async () => {
    const a: string[] = [];
    const b: string[] = [];
    await (await join('queue')).serve(echo('example:echo', a));
    await (await join('queue')).serve(echo('example:echo', b));
    const client = await join('queue');
    const replies = await Promise.all(
      Array.from({ length: 40 }, (_, i) => client.request('example:echo', 'default', 'Echo', bytes(String(i)), 5000)),
    );
    expect(replies.map(text)).toEqual(Array.from({ length: 40 }, (_, i) => String(i)));
    expect(a.length + b.length).toBe(40);
    expect(a.length).toBeGreaterThan(0);
    expect(b.length).toBeGreaterThan(0);
  });

  it('fails requests fast while the server is down, including those in flight, and resumes after it restarts', async () => {
    const server = await join('outage');
    const client = await join('outage');
    await server.serve(echo('example:echo'));
    const inFlight = rejection(client.request('example:echo', 'default', 'Hold', bytes(''), 600_000));
    await nats.kill();
    await expect(inFlight).resolves.toMatchObject({ tag: 'nats' });
    expect(client.connected).toBe(false);
    await expect(
      rejection(client.request('example:echo', 'default', 'Echo', bytes(''), 600_000)),
    ).resolves.toMatchObject({
      tag: 'nats',
      val: expect.stringContaining('is down'),
    });
    await nats.start();
    // Both sides reconnect by themselves; the server side's subscription is made again on reconnect.
    await expect.poll(() => client.connected && server.connected, { timeout: 10_000, interval: 50 }).toBe(true);
    let reply: Uint8Array | undefined;
    await expect
      .poll(
        async () =>
          (reply = await client.request('example:echo', 'default', 'Echo', bytes('back'), 2000).catch(() => undefined)),
        { timeout: 10_000, interval: 100 },
      )
      .toBeDefined();
    expect(text(reply!)).toBe('back');
  });
});
