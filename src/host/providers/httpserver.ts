/**
 * The `wasmcloud:httpserver` provider: a Node HTTP server that turns each request into an
 * `HttpServer.HandleRequest` message for the component receiving that contract, and the typed
 * response it answers with back into HTTP. A failed delivery becomes a 500 with
 * `{"error": ...}`, and the server keeps serving.
 *
 * Requests are bounded: a body over `maxBodyBytes` is answered 413 and its connection closed, and
 * a request that has not fully arrived within `requestTimeoutMs` is answered 408 (by Node's own
 * request timeout). Complete requests wait in a queue and are delivered one per event-loop turn,
 * so that a target answering synchronously (the single-thread host, whose component calls can be
 * slow) lets Node read sockets between two requests; a request whose client has gone by its turn
 * is dropped instead of delivered. A target answering with a promise (the worker pool) gets the
 * next request without waiting for the previous answer.
 *
 * `close()` drains: the server stops accepting connections and closes idle keep-alive ones at
 * once, lets the requests in flight finish (at most `closeTimeoutMs`), closing each connection as
 * its last answer is written, then cuts whatever is left.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Message } from '../bus.ts';
import type { Delivery } from '../host.ts';
import type { RpcError } from '../rpc-error.ts';
import { decodeHttpResponse, encodeHttpRequest } from '../../../generated/wasmcloud-httpserver/http-server/codec.ts';
import type { HttpResponse } from '../../../generated/wasmcloud-httpserver/http-server/types.ts';
import { declaredLength, hasNoBody, readBody } from './http-body.ts';
import { decodePayload } from './wire.ts';

export const HTTPSERVER_CONTRACT = 'wasmcloud:httpserver';
export const HANDLE_REQUEST = 'HttpServer.HandleRequest';

/** The request line of an HTTP request, beside its message, for targets that route or count by it. */
export interface RequestLine {
  method: string;
  path: string;
}

export interface MessageTarget {
  /** `line` is what the message encodes, so a target need not decode the whole request for it. */
  deliver(contractId: string, msg: Message, line: RequestLine): Delivery | Promise<Delivery>;
  /**
   * Called once a delivered request is answered, with the `line` object given to `deliver` and the
   * status written (500 for a failed delivery or a response that could not be read), so a target
   * can count answers without decoding the response a second time.
   */
  answered?(line: RequestLine, status: number): void;
}

export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;
/** Node's own default for `server.requestTimeout`. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 300_000;
/** How long `close()` waits for the requests in flight by default. */
export const DEFAULT_CLOSE_TIMEOUT_MS = 10_000;
/** Node checks request deadlines on an interval (30 s by default); ours is a tenth of the timeout, at most that. */
const MAX_TIMEOUT_CHECK_MS = 30_000;

export interface HttpServerOptions {
  /** 0 picks a free port. */
  port: number;
  hostname?: string;
  /** The largest request body delivered; a larger one is answered 413. Default 16 MiB. */
  maxBodyBytes?: number;
  /**
   * How long a request (headers and body) may take to arrive before it is answered 408; 0 never
   * times out. Headers must arrive within the smaller of this and 60 s. Default 300000 (5 min).
   */
  requestTimeoutMs?: number;
  /** How long `close()` lets the requests in flight finish before it closes their connections. Default 10000. */
  closeTimeoutMs?: number;
}

export interface RunningHttpServer {
  port: number;
  /** How many requests were not delivered because their connection closed first. */
  readonly dropped: number;
  /**
   * Stops accepting connections, closes idle ones, lets the requests in flight finish (at most
   * `closeTimeoutMs`), then resolves with every connection closed.
   */
  close(): Promise<void>;
}

/** The method, the path and the query string of a request. */
function requestLine(req: IncomingMessage): RequestLine & { queryString: string } {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  return {
    method: req.method ?? 'GET',
    path: q < 0 ? url : url.slice(0, q),
    queryString: q < 0 ? '' : url.slice(q + 1),
  };
}

/** The request as the contract's `http-request` record. */
export function requestMessage(req: IncomingMessage, body: Uint8Array): Message {
  return messageOf(req, requestLine(req), body);
}

function messageOf(req: IncomingMessage, line: RequestLine & { queryString: string }, body: Uint8Array): Message {
  const raw = req.rawHeaders;
  const header = new Array<[string, string]>(raw.length >> 1);
  for (let i = 0; i + 1 < raw.length; i += 2) header[i >> 1] = [raw[i]!.toLowerCase(), raw[i + 1]!];
  const { method, path, queryString } = line;
  return { method: HANDLE_REQUEST, arg: encodeHttpRequest({ method, path, queryString, header, body }) };
}

export function decodeResponse(payload: Uint8Array): HttpResponse {
  return decodePayload('httpserver response', decodeHttpResponse, payload);
}

export function errorText(error: RpcError): string {
  return 'val' in error ? `${error.tag}: ${error.val}` : error.tag;
}

function send(res: ServerResponse, response: HttpResponse): number {
  const flat = response.header.flat();
  res.writeHead(response.statusCode, flat);
  res.end(response.body);
  return response.statusCode;
}

function sendError(res: ServerResponse, error: RpcError): number {
  return send(res, {
    statusCode: 500,
    header: [['content-type', 'application/json']],
    body: Buffer.from(JSON.stringify({ error: errorText(error) })),
  });
}

/**
 * Answers 413 with `Connection: close`, so Node closes the connection once the answer is written
 * instead of reading (and discarding) the rest of the body.
 */
function sendTooLarge(res: ServerResponse, limit: number): void {
  res.writeHead(413, { 'content-type': 'application/json', connection: 'close' });
  res.end(JSON.stringify({ error: `the request body is larger than ${limit} bytes` }));
}

const NO_BODY = new Uint8Array(0);

/** The client has gone, or Node has closed its side: no answer can reach it. */
const clientGone = (req: IncomingMessage): boolean => req.socket.destroyed || !req.socket.writable;

function respond(target: MessageTarget, req: IncomingMessage, res: ServerResponse, body: Uint8Array): void {
  const full = requestLine(req);
  const line: RequestLine = { method: full.method, path: full.path };
  const delivery = target.deliver(HTTPSERVER_CONTRACT, messageOf(req, full, body), line);
  // No named closure per request: run through tsx (keepNames), naming each one costs a defineProperty.
  if (delivery instanceof Promise) void delivery.then((d) => answered(target, line, answer(res, d)));
  else answered(target, line, answer(res, delivery));
}

/** Tells the target, if it asks, the status written (`answered?.(line, answer(...))` would skip the answer). */
function answered(target: MessageTarget, line: RequestLine, status: number): void {
  target.answered?.(line, status);
}

/** Writes the answer to a delivery; returns the status written. */
function answer(res: ServerResponse, delivery: Delivery): number {
  if (!delivery.ok) return sendError(res, delivery.error);
  let response: HttpResponse;
  try {
    response = decodeResponse(delivery.payload);
  } catch (e) {
    return sendError(res, e as RpcError);
  }
  try {
    return send(res, response);
  } catch (e) {
    // Node refuses some statuses and header values; the client still gets an answer.
    if (!res.headersSent) return sendError(res, { tag: 'host-error', val: e instanceof Error ? e.message : String(e) });
    return response.statusCode;
  }
}

function checkedLimit(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 0)
    throw new Error(`httpserver: ${name} must be a whole number of at least 0, not ${value}`);
  return value;
}

export async function startHttpServer(target: MessageTarget, options: HttpServerOptions): Promise<RunningHttpServer> {
  const maxBodyBytes = checkedLimit('maxBodyBytes', options.maxBodyBytes, DEFAULT_MAX_BODY_BYTES);
  const requestTimeout = checkedLimit('requestTimeoutMs', options.requestTimeoutMs, DEFAULT_REQUEST_TIMEOUT_MS);
  const closeTimeout = checkedLimit('closeTimeoutMs', options.closeTimeoutMs, DEFAULT_CLOSE_TIMEOUT_MS);
  let dropped = 0;
  // Requests from their headers until their answer is written or their client leaves.
  const inFlight = new Set<ServerResponse>();
  let closing: Promise<void> | undefined;
  let drained: (() => void) | undefined;
  const track = (res: ServerResponse): void => {
    inFlight.add(res);
    // While closing, each answer closes its connection once written (`Connection: close`).
    if (closing !== undefined) res.shouldKeepAlive = false;
    res.once('close', () => {
      inFlight.delete(res);
      if (inFlight.size === 0) drained?.();
    });
  };
  const queue: { req: IncomingMessage; res: ServerResponse; body: Uint8Array }[] = [];
  let drainScheduled = false;
  // One delivery per turn: between two (synchronous) component calls Node reads sockets, so a
  // client that left while its request waited is known by the time that request's turn comes.
  const deliverNext = (): void => {
    drainScheduled = false;
    const next = queue.shift();
    if (next === undefined) return;
    if (queue.length > 0) scheduleDrain();
    if (clientGone(next.req)) dropped++;
    else respond(target, next.req, next.res, next.body);
  };
  const scheduleDrain = (): void => {
    if (drainScheduled) return;
    drainScheduled = true;
    setImmediate(deliverNext);
  };

  const accept = (req: IncomingMessage, res: ServerResponse): void => {
    if (hasNoBody(req)) {
      queue.push({ req, res, body: NO_BODY });
      return scheduleDrain();
    }
    readBody(req, maxBodyBytes).then(
      (body) => {
        if (body === 'tooLarge') return sendTooLarge(res, maxBodyBytes);
        queue.push({ req, res, body });
        scheduleDrain();
      },
      (e: unknown) => {
        // An aborted request (client gone, or Node answered 408) has no one left to answer.
        if (clientGone(req)) dropped++;
        else sendError(res, { tag: 'host-error', val: `reading the request failed: ${String(e)}` });
      },
    );
  };
  const tooLargeUpFront = (req: IncomingMessage): boolean => (declaredLength(req) ?? 0) > maxBodyBytes;

  const server = createServer(
    {
      requestTimeout,
      connectionsCheckingInterval:
        requestTimeout === 0 ? MAX_TIMEOUT_CHECK_MS : Math.min(MAX_TIMEOUT_CHECK_MS, Math.ceil(requestTimeout / 10)),
    },
    (req, res) => {
      track(res);
      if (tooLargeUpFront(req)) sendTooLarge(res, maxBodyBytes);
      else accept(req, res);
    },
  );
  // A client that waits for `100 Continue` before sending its body never sends one that is too large.
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    track(res);
    if (tooLargeUpFront(req)) return sendTooLarge(res, maxBodyBytes);
    res.writeContinue();
    accept(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.hostname ?? '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    get dropped() {
      return dropped;
    },
    close: () =>
      (closing ??= (async () => {
        let timer: NodeJS.Timeout | undefined;
        const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, closeTimeout)));
        const stopped = new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
        server.closeIdleConnections();
        for (const res of inFlight) if (!res.headersSent) res.shouldKeepAlive = false;
        if (inFlight.size > 0) await Promise.race([new Promise<void>((resolve) => (drained = resolve)), deadline]);
        // Answers whose headers had gone out before close() left their connections open and idle.
        server.closeIdleConnections();
        await Promise.race([stopped, deadline]);
        clearTimeout(timer);
        // Past the deadline: cut the requests still running and the connections still open.
        server.closeAllConnections();
        await stopped;
      })()),
  };
}
