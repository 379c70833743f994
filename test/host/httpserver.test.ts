import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Message } from '../../src/host/bus.ts';
import type { Delivery } from '../../src/host/host.ts';
import {
  HANDLE_REQUEST,
  HTTPSERVER_CONTRACT,
  startHttpServer,
  type HttpServerOptions,
  type RequestLine,
  type RunningHttpServer,
} from '../../src/host/providers/httpserver.ts';

const enc = (v: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(v));
const pathOf = (msg: Message): string => (JSON.parse(new TextDecoder().decode(msg.arg)) as { path: string }).path;
const ok: Delivery = { ok: true, payload: enc({ status_code: 200, header: [], body: [] }) };

/** A raw client, to send requests no well-behaved HTTP client would: stalled, oversized, cut off. */
interface RawClient {
  socket: Socket;
  /** Everything the server sent so far. */
  received(): string;
  /** Resolves when the server has sent `text` (or rejects when the connection ends first). */
  waitFor(text: string): Promise<void>;
  /** Resolves with everything received once the server has closed the connection. */
  closed: Promise<string>;
}

async function rawClient(port: number): Promise<RawClient> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let text = '';
  const waiters: { text: string; resolve: () => void; reject: (e: Error) => void }[] = [];
  const wake = (): void => {
    for (const w of waiters.filter((w) => text.includes(w.text))) w.resolve();
  };
  socket.on('data', (d: Buffer) => {
    text += d.toString('latin1');
    wake();
  });
  // The server closing first may surface as an error on our unsent bytes; either way it is closed.
  socket.on('error', () => {});
  const closed = new Promise<string>((resolve) => socket.once('close', () => resolve(text)));
  void closed.then(() => {
    for (const w of waiters)
      w.reject(new Error(`the connection closed before ${JSON.stringify(w.text)}; got ${JSON.stringify(text)}`));
  });
  return {
    socket,
    received: () => text,
    waitFor: (wanted) =>
      new Promise<void>((resolve, reject) => {
        waiters.push({ text: wanted, resolve, reject });
        wake();
        if (socket.destroyed) reject(new Error(`the connection is closed; got ${JSON.stringify(text)}`));
      }),
    closed,
  };
}

const statusLine = (response: string): string => response.slice(0, response.indexOf('\r\n'));

describe('httpserver provider', () => {
  let server: RunningHttpServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const serve = async (
    answer: (contractId: string, msg: Message, line: RequestLine) => Delivery,
    options: Partial<HttpServerOptions> = {},
  ): Promise<string> => {
    server = await startHttpServer({ deliver: answer }, { port: 0, ...options });
    return `http://127.0.0.1:${server.port}`;
  };

  it('turns a request into HttpServer.HandleRequest and the typed response back into HTTP', async () => {
    let seen: { contractId: string; method: string; request: Record<string, unknown>; line: RequestLine } | undefined;
    const url = await serve((contractId, msg, line) => {
      const request = JSON.parse(new TextDecoder().decode(msg.arg)) as Record<string, unknown>;
      seen = { contractId, method: msg.method, request, line };
      const body = [...(request['body'] as number[])].reverse();
      return {
        ok: true,
        payload: enc({
          status_code: 201,
          header: [
            ['x-reply', 'yes'],
            ['x-reply', 'twice'],
          ],
          body,
        }),
      };
    });
    const r = await fetch(`${url}/a/b?x=1&y=%20`, { method: 'POST', headers: { 'X-Test': 'héllo' }, body: 'abc' });
    expect(r.status).toBe(201);
    expect(r.headers.get('x-reply')).toBe('yes, twice');
    expect(await r.text()).toBe('cba');
    expect(seen).toMatchObject({
      contractId: HTTPSERVER_CONTRACT,
      method: HANDLE_REQUEST,
      request: { method: 'POST', path: '/a/b', query_string: 'x=1&y=%20', body: [97, 98, 99] },
      // The request line beside the message, so a target need not decode the body to route.
      line: { method: 'POST', path: '/a/b' },
    });
    expect(seen!.request['header']).toContainEqual(['x-test', 'héllo']);
  });

  it('delivers an empty body for a request that declares none, and the body of a chunked GET', async () => {
    const bodies: string[] = [];
    await serve((_, msg) => {
      const request = JSON.parse(new TextDecoder().decode(msg.arg)) as { body: number[] };
      bodies.push(String.fromCharCode(...request.body));
      return ok;
    });
    const client = await rawClient(server!.port);
    // Three requests on one keep-alive connection: unread, the bodiless ones must not hold it up.
    client.socket.write('GET /a HTTP/1.1\r\nHost: x\r\n\r\n');
    client.socket.write('POST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n');
    client.socket.write('GET /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n');
    await vi.waitFor(() => expect(client.received().match(/HTTP\/1\.1 200/g)).toHaveLength(3), {
      timeout: 10_000,
      interval: 10,
    });
    client.socket.destroy();
    expect(bodies).toEqual(['', '', 'hello']);
  });

  it('answers a failed delivery with 500 and {"error": ...}', async () => {
    const url = await serve(() => ({ ok: false, error: { tag: 'method-not-handled', val: 'nope' } }));
    const r = await fetch(url);
    expect(r.status).toBe(500);
    expect(await r.json()).toEqual({ error: 'method-not-handled: nope' });
  });

  it('answers a response it cannot read or send with 500, and keeps serving', async () => {
    let answer: Delivery = { ok: true, payload: enc({ status_code: 200, header: [] }) };
    const url = await serve(() => answer);
    const missing = await fetch(url);
    expect(missing.status).toBe(500);
    expect(await missing.json()).toEqual({
      error: 'deser: httpserver response: missing field `body` at line 1 column 31',
    });
    answer = { ok: true, payload: enc({ status_code: 1000, header: [], body: [] }) };
    const badStatus = await fetch(url);
    expect(badStatus.status).toBe(500);
    expect(((await badStatus.json()) as { error: string }).error).toMatch(/^host-error: /);
    answer = { ok: true, payload: enc({ status_code: 204, header: [], body: [] }) };
    expect((await fetch(url)).status).toBe(204);
  });

  describe('body limit', () => {
    const limit = 1000;
    const delivered: string[] = [];
    const serveLimited = (options: Partial<HttpServerOptions> = { maxBodyBytes: limit }): Promise<string> => {
      delivered.length = 0;
      return serve((_, msg) => {
        delivered.push(pathOf(msg));
        return ok;
      }, options);
    };

    it('delivers a body of exactly the limit, chunked or not', async () => {
      const url = await serveLimited();
      const body = new Uint8Array(limit).fill(7);
      expect((await fetch(`${url}/sized`, { method: 'POST', body })).status).toBe(200);
      const stream = new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(body.subarray(0, 600));
          c.enqueue(body.subarray(600));
          c.close();
        },
      });
      const chunked = await fetch(`${url}/chunked`, { method: 'POST', body: stream, duplex: 'half' } as RequestInit);
      expect(chunked.status).toBe(200);
      expect(delivered).toEqual(['/sized', '/chunked']);
    });

    it('answers a Content-Length over the limit with 413 and closes the connection without reading the body', async () => {
      await serveLimited();
      const client = await rawClient(server!.port);
      client.socket.write(`POST /big HTTP/1.1\r\nHost: x\r\nContent-Length: ${limit + 1}\r\n\r\n`);
      await client.waitFor('\r\n\r\n');
      expect(statusLine(client.received())).toBe('HTTP/1.1 413 Payload Too Large');
      // Closed by the server, though not one byte of the announced body was sent.
      const response = await client.closed;
      expect(response.toLowerCase()).toContain('connection: close');
      expect(response).toContain(`{"error":"the request body is larger than ${limit} bytes"}`);
      expect(delivered).toEqual([]);
    });

    it('stops a chunked body at the limit with 413 and closes the connection', async () => {
      await serveLimited();
      const client = await rawClient(server!.port);
      client.socket.write('POST /chunks HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n');
      const chunk = `${(600).toString(16)}\r\n${'a'.repeat(600)}\r\n`;
      client.socket.write(chunk + chunk);
      // The client could go on sending forever; the server answers and hangs up instead.
      const response = await client.closed;
      expect(statusLine(response)).toBe('HTTP/1.1 413 Payload Too Large');
      expect(delivered).toEqual([]);
    });

    it('answers 413 instead of 100 Continue, so an expecting client never sends the body', async () => {
      await serveLimited({});
      const tooBig = await rawClient(server!.port);
      tooBig.socket.write(
        `POST /a HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: ${16 * 1024 * 1024 + 1}\r\n\r\n`,
      );
      expect(statusLine(await tooBig.closed)).toBe('HTTP/1.1 413 Payload Too Large');
      // The default limit is 16 MiB: exactly that may be sent.
      const fits = await rawClient(server!.port);
      fits.socket.write(
        `POST /b HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: ${16 * 1024 * 1024}\r\n\r\n`,
      );
      await fits.waitFor('\r\n\r\n');
      expect(statusLine(fits.received())).toBe('HTTP/1.1 100 Continue');
      fits.socket.destroy();
      expect(delivered).toEqual([]);
    });

    it('refuses a limit that is not a whole number of bytes', async () => {
      for (const maxBodyBytes of [-1, 1.5, Number.NaN]) {
        await expect(startHttpServer({ deliver: () => ok }, { port: 0, maxBodyBytes })).rejects.toThrow(
          `httpserver: maxBodyBytes must be a whole number of at least 0, not ${maxBodyBytes}`,
        );
      }
    });
  });

  describe('request timeout', () => {
    it('answers 408 and closes when the headers stall', async () => {
      await serve(() => ok, { requestTimeoutMs: 200 });
      const client = await rawClient(server!.port);
      client.socket.write('GET /slow HTTP/1.1\r\nHost: x\r\n');
      expect(statusLine(await client.closed)).toBe('HTTP/1.1 408 Request Timeout');
    });

    it('answers 408 and closes when the body stalls, and does not deliver the request', async () => {
      const delivered: string[] = [];
      await serve(
        (_, msg) => {
          delivered.push(pathOf(msg));
          return ok;
        },
        { requestTimeoutMs: 200 },
      );
      const client = await rawClient(server!.port);
      client.socket.write('POST /slow HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc');
      expect(statusLine(await client.closed)).toBe('HTTP/1.1 408 Request Timeout');
      await vi.waitFor(() => expect(server!.dropped).toBe(1));
      expect(delivered).toEqual([]);
    });

    it('refuses a timeout that is not a whole number of milliseconds', async () => {
      await expect(startHttpServer({ deliver: () => ok }, { port: 0, requestTimeoutMs: -5 })).rejects.toThrow(
        'httpserver: requestTimeoutMs must be a whole number of at least 0, not -5',
      );
    });
  });

  describe('clients that leave', () => {
    it('drops a request whose client leaves while its body is arriving', async () => {
      const delivered: string[] = [];
      await serve((_, msg) => {
        delivered.push(pathOf(msg));
        return ok;
      });
      const client = await rawClient(server!.port);
      // Waiting for 100 Continue makes sure the server has the request before the client leaves.
      client.socket.write('POST /gone HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 10\r\n\r\n');
      await client.waitFor('100 Continue');
      client.socket.write('abc');
      client.socket.resetAndDestroy();
      await vi.waitFor(() => expect(server!.dropped).toBe(1));
      expect(delivered).toEqual([]);
    });

    it('drops a queued request whose client leaves while an earlier request is being delivered', async () => {
      const delivered: string[] = [];
      let client: RawClient | undefined;
      await serve((_, msg) => {
        const path = pathOf(msg);
        delivered.push(path);
        // The component is still busy with /first when the client hangs up.
        if (path === '/first') client!.socket.resetAndDestroy();
        return ok;
      });
      client = await rawClient(server!.port);
      // Pipelined: both requests are complete and queued before /first is delivered.
      client.socket.write('GET /first HTTP/1.1\r\nHost: x\r\n\r\nGET /second HTTP/1.1\r\nHost: x\r\n\r\n');
      await vi.waitFor(() => expect(server!.dropped).toBe(1));
      expect(delivered).toEqual(['/first']);
      // The server goes on serving others.
      expect((await fetch(`http://127.0.0.1:${server!.port}/third`)).status).toBe(200);
      expect(delivered).toEqual(['/first', '/third']);
    });
  });

  describe('draining close', () => {
    /** Resolves with the error code of a connection attempt (`ECONNREFUSED`), or `connected`. */
    const tryConnect = (port: number): Promise<string> =>
      new Promise((resolve) => {
        const socket = connect(port, '127.0.0.1');
        socket.once('connect', () => {
          socket.destroy();
          resolve('connected');
        });
        socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
      });

    /** A target whose deliveries wait until the test answers them. */
    const heldTarget = () => {
      const held: (() => void)[] = [];
      const answered: [string, number][] = [];
      return {
        held,
        answered,
        target: {
          deliver: () => new Promise<Delivery>((resolve) => held.push(() => resolve(ok))),
          answered: (line: RequestLine, status: number) => answered.push([line.path, status]),
        },
      };
    };

    it('lets a request in flight finish with 200 and refuses new connections, then resolves', async () => {
      const { held, answered, target } = heldTarget();
      const running = await startHttpServer(target, { port: 0 });
      const pending = fetch(`http://127.0.0.1:${running.port}/slow`);
      await vi.waitFor(() => expect(held).toHaveLength(1));
      let closed = false;
      const closing = running.close().then(() => (closed = true));
      expect(await tryConnect(running.port)).toBe('ECONNREFUSED');
      expect(closed).toBe(false);
      held[0]!();
      const response = await pending;
      expect(response.status).toBe(200);
      // Its connection is not kept for another request.
      expect(response.headers.get('connection')).toBe('close');
      await closing;
      expect(answered).toEqual([['/slow', 200]]);
    });

    it('closes an idle keep-alive connection at once', async () => {
      await serve(() => ok);
      const client = await rawClient(server!.port);
      client.socket.write('GET /a HTTP/1.1\r\nHost: x\r\n\r\n');
      await client.waitFor('200 OK');
      await server!.close();
      expect(statusLine(await client.closed)).toBe('HTTP/1.1 200 OK');
    });

    it('cuts a request still running when closeTimeoutMs is over', async () => {
      const { held, answered, target } = heldTarget();
      const running = await startHttpServer(target, { port: 0, closeTimeoutMs: 20 });
      const client = await rawClient(running.port);
      client.socket.write('GET /never HTTP/1.1\r\nHost: x\r\n\r\n');
      await vi.waitFor(() => expect(held).toHaveLength(1));
      await running.close();
      expect(await client.closed).toBe('');
      expect(answered).toEqual([]);
    });
  });

  it('tells the target the status it wrote for each request', async () => {
    const statuses: [string, number][] = [];
    server = await startHttpServer(
      {
        deliver: (_, msg) =>
          pathOf(msg) === '/fail'
            ? { ok: false, error: { tag: 'other', val: 'no' } }
            : { ok: true, payload: enc({ status_code: 404, header: [], body: [] }) },
        answered: (line, status) => statuses.push([`${line.method} ${line.path}`, status]),
      },
      { port: 0 },
    );
    const base = `http://127.0.0.1:${server.port}`;
    expect((await fetch(`${base}/missing`)).status).toBe(404);
    expect((await fetch(`${base}/fail`, { method: 'POST', body: 'x' })).status).toBe(500);
    expect(statuses).toEqual([
      ['GET /missing', 404],
      ['POST /fail', 500],
    ]);
  });
});
