/**
 * A connection to a wasmbus lattice over NATS: `remote` gives a bus `Provider` whose messages go
 * out as NATS requests (subject.ts, wire.ts), and `serve` answers the requests for a contract and
 * link with a local handler, in a queue group so that replicas share the load.
 *
 * Failures are answered at once where NATS can tell: no subscriber on the subject (NATS's 503 "no
 * responders") is rpc-error `host-error`; while the connection is down every request fails with
 * rpc-error `nats` instead of waiting in the client's buffer, and so do the ones in flight when it
 * drops (their answers may never come). Past its deadline a request is `deadline-exceeded`. Nothing
 * is retried: a message may change state (an increment), so only its sender may decide to send it
 * again. The client reconnects by itself, forever, every `reconnectWaitMs`.
 *
 * A request sent while handling one (an actor's send, made for the HTTP request it is answering)
 * is bounded by the deadline of the request being handled: its sender waits no longer than that,
 * so neither need the nested send. Each failed request is logged with its request id.
 *
 * Requests go out as plain publishes whose replies come back on one inbox subscription per
 * connection, matched by the last token of the reply subject: the client's own `request` builds
 * an error, a timer and two promises per request, which the lattice's latency pays on every hop.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import {
  connect,
  createInbox,
  nuid,
  type Msg,
  type MsgHdrs,
  type NatsConnection,
  type Subscription,
} from '@nats-io/transport-node';
import { checkedDeadline, DEFAULT_DEADLINE_MS, DEFAULT_LINK, type Provider } from '../host/bus.ts';
import { errorText } from '../host/providers/httpserver.ts';
import { describe, isRpcError, rpcError, type RpcError } from '../host/rpc-error.ts';
import { rpcSubject } from './subject.ts';
import { errorReply, readReply, readRequestHeaders, requestHeaders, type RequestHeaders } from './wire.ts';

export interface LatticeOptions {
  /** A NATS server URL, e.g. `nats://127.0.0.1:4222`. */
  url: string;
  /** The lattice name: the third token of every subject. */
  lattice: string;
  /** The client name the NATS server shows for this connection. */
  name?: string;
  /** Milliseconds between two reconnect attempts. Default 250. */
  reconnectWaitMs?: number;
  /** Takes one line per failed request, sent or served, naming its request id. Default: none. */
  log?: (line: string) => void;
}

/** What answers the messages of one contract and link: a provider, or an actor host's receiver. */
export type Handler = Pick<Provider, 'contractId' | 'linkName' | 'handle'>;

export interface Served {
  subject: string;
  /** Requests that came after their deadline and were not handled: their sender had stopped waiting. */
  readonly expired: number;
  /** Answers that found the connection draining or closed: nobody was left to hear them. */
  readonly dropped: number;
  /** Stops taking requests, then waits for the answers of those being handled. */
  close(): Promise<void>;
}

const DEFAULT_RECONNECT_WAIT_MS = 250;
/** The longest `close` waits for an answer being made, whatever deadline its sender gave. */
const MAX_CLOSE_WAIT_MS = 60_000;

/** The rpc-errors of requests that reached no handler: nothing serves the subject, or the connection is down. */
const unavailable = new WeakSet<RpcError>();

const unreached = (error: RpcError): RpcError => (unavailable.add(error), error);

/** True for an rpc-error of this process's lattice that says the message reached no handler (HTTP 503). */
export const isUnavailable = (error: RpcError): boolean => unavailable.has(error);

/** The request being handled, in whose async context its handler runs (and makes its sends). */
const requestContext = new AsyncLocalStorage<RequestHeaders>();

/** A request sent, waiting for its reply on the inbox. */
interface Pending {
  requestId: string;
  /** The id of the request being handled when this one was sent, if any. */
  parentId: string | undefined;
  resolve(payload: Uint8Array): void;
  reject(error: RpcError): void;
  /** What the request was, for the messages that name it. */
  where: () => string;
  /** Fails it at its deadline, once it is sent. */
  timer?: NodeJS.Timeout;
}

/** The NATS server's answer to a request that no subscriber took: a 503 status with no body. */
const noResponders = (msg: Msg): boolean => msg.data.length === 0 && msg.headers?.code === 503;

export class Lattice {
  readonly url: string;
  readonly lattice: string;
  readonly #nc: NatsConnection;
  readonly #log: (line: string) => void;
  #connected = true;
  /** The prefix of this connection's reply subjects, `_INBOX.<nuid>.`, and the next request's token after it. */
  readonly #inbox = `${createInbox()}.`;
  #nextToken = 0;
  /** The requests in flight by their reply token, failed at once when the connection drops. */
  readonly #pending = new Map<string, Pending>();
  readonly #subjects = new Map<string, string>();
  readonly #served = new Set<Served>();

  private constructor(nc: NatsConnection, options: LatticeOptions) {
    this.#nc = nc;
    this.url = options.url;
    this.lattice = options.lattice;
    this.#log = options.log ?? (() => undefined);
    nc.subscribe(`${this.#inbox}*`, { callback: (err, msg) => void (err === null && this.#answered(msg)) });
    void this.#watch();
  }

  static async connect(options: LatticeOptions): Promise<Lattice> {
    const nc = await connect({
      servers: options.url,
      ...(options.name === undefined ? {} : { name: options.name }),
      maxReconnectAttempts: -1,
      reconnectTimeWait: options.reconnectWaitMs ?? DEFAULT_RECONNECT_WAIT_MS,
      reconnectJitter: 0,
    });
    return new Lattice(nc, options);
  }

  /** False from a disconnect until the client has reconnected. */
  get connected(): boolean {
    return this.#connected;
  }

  async #watch(): Promise<void> {
    for await (const s of this.#nc.status()) {
      if (s.type === 'disconnect') {
        this.#connected = false;
        const dropped = rpcError('nats', `the lattice connection to ${this.url} dropped before the answer came`);
        for (const [token, pending] of this.#pending)
          this.#settle(token, pending, () => this.#failed(pending, dropped));
      } else if (s.type === 'reconnect') {
        this.#connected = true;
      }
    }
  }

  /** The subject of a contract and link, encoded once. */
  subject(contractId: string, linkName: string = DEFAULT_LINK): string {
    const key = `${contractId}\u0000${linkName}`;
    let subject = this.#subjects.get(key);
    if (subject === undefined)
      this.#subjects.set(key, (subject = rpcSubject({ lattice: this.lattice, contractId, linkName })));
    return subject;
  }

  /** A bus provider for `contractId` on `linkName` whose handler is somewhere on the lattice. */
  remote(contractId: string, linkName: string = DEFAULT_LINK, deadlineMs: number = DEFAULT_DEADLINE_MS): Provider {
    checkedDeadline('deadlineMs', deadlineMs);
    return {
      contractId,
      linkName,
      deadlineMs,
      handle: (method, arg) => this.request(contractId, linkName, method, arg, deadlineMs),
    };
  }

  /**
   * Sends one message and resolves with the reply payload. A deadline that is not a whole number of
   * milliseconds from 1 to the most a timer can wait (`checkedDeadline`) throws a RangeError at
   * once, before any promise; otherwise the promise rejects with an rpc-error value only. Made
   * while handling a request, it waits at most until that request's deadline.
   */
  request(
    contractId: string,
    linkName: string,
    method: string,
    arg: Uint8Array,
    deadlineMs: number,
  ): Promise<Uint8Array> {
    checkedDeadline('deadlineMs', deadlineMs);
    const where = (): string => `${contractId} (${linkName}) on the lattice ${this.lattice}`;
    const requestId = nuid.next();
    const outer = requestContext.getStore();
    const now = Date.now();
    const deadline = outer === undefined ? now + deadlineMs : Math.min(now + deadlineMs, outer.deadline);
    const waitMs = deadline - now;
    const late = (): RpcError =>
      rpcError(
        'deadline-exceeded',
        `${where()} did not answer ${method} within ${waitMs} ms` +
          (waitMs < deadlineMs ? `, the rest of the deadline of request ${outer!.requestId}` : ''),
      );
    return new Promise<Uint8Array>((resolve, reject) => {
      const pending: Pending = { requestId, parentId: outer?.requestId, resolve, reject, where };
      if (!this.#connected)
        return this.#failed(
          pending,
          unreached(
            rpcError('nats', `the lattice connection to ${this.url} is down: ${method} for ${where()} was not sent`),
          ),
        );
      if (waitMs <= 0) return this.#failed(pending, late());
      const token = (this.#nextToken++).toString(36);
      pending.timer = setTimeout(() => this.#settle(token, pending, () => this.#failed(pending, late())), waitMs);
      this.#pending.set(token, pending);
      try {
        this.#nc.publish(this.subject(contractId, linkName), arg, {
          reply: this.#inbox + token,
          headers: requestHeaders(method, contractId, linkName, requestId, deadline),
        });
      } catch (e) {
        this.#settle(token, pending, () =>
          this.#failed(pending, rpcError('nats', `${method} for ${where()} failed: ${describe(e)}`)),
        );
      }
    });
  }

  /** Takes a request out of the pending ones, then settles it with `f`: once, whatever comes first. */
  #settle(token: string, pending: Pending, f: () => void): void {
    if (this.#pending.get(token) !== pending) return;
    this.#pending.delete(token);
    clearTimeout(pending.timer);
    f();
  }

  #failed(pending: Pending, error: RpcError): void {
    const parent = pending.parentId === undefined ? '' : ` (sent for request ${pending.parentId})`;
    this.#log(`request ${pending.requestId}${parent} failed: ${errorText(error)}`);
    pending.reject(error);
  }

  /** A reply on the inbox: its request's answer, unless it came after the request gave up. */
  #answered(msg: Msg): void {
    const token = msg.subject.slice(this.#inbox.length);
    const pending = this.#pending.get(token);
    if (pending === undefined) return;
    this.#settle(token, pending, () => {
      if (noResponders(msg))
        return this.#failed(pending, unreached(rpcError('host-error', `nothing serves ${pending.where()}`)));
      let payload: Uint8Array;
      try {
        payload = readReply(msg.data, msg.headers);
      } catch (e) {
        return this.#failed(pending, e as RpcError);
      }
      pending.resolve(payload);
    });
  }

  /**
   * Answers the requests for the handler's contract and link, sharing them with every other
   * subscriber of the same subject (the subject is the queue group's name). Resolves once the
   * server has the subscription, so that requests sent from then on find it. `close` waits for the
   * answers being made, but no longer than their senders wait for them.
   */
  async serve(handler: Handler): Promise<Served> {
    const subject = this.subject(handler.contractId, handler.linkName ?? DEFAULT_LINK);
    let expired = 0;
    let dropped = 0;
    let handling = 0;
    /** The latest deadline of the requests handled so far: past it, nobody waits for an answer. */
    let latestDeadline = 0;
    let idle: (() => void) | undefined;
    /**
     * nats.js throws from `respond` once the connection drains or closes: an answer that comes
     * after that (a handler slower than its deadline, or failed by the host closing) has nobody to
     * reach, and must not become an unhandled rejection.
     */
    const reply = (msg: Msg, data: Uint8Array, headers?: MsgHdrs): void => {
      try {
        msg.respond(data, headers === undefined ? undefined : { headers });
      } catch {
        dropped++;
      }
    };
    const respond = (msg: Msg, request: RequestHeaders): void => {
      const fail = (e: unknown): void => {
        const error = isRpcError(e)
          ? e
          : rpcError('rpc', `${handler.contractId} failed on ${request.method}: ${describe(e)}`);
        this.#log(`request ${request.requestId || '(no id)'} to ${subject} failed: ${errorText(error)}`);
        const answer = errorReply(error, request.requestId);
        reply(msg, answer.data, answer.headers);
      };
      handling++;
      // The deadline is the sender's word: `close` waits for it no longer than MAX_CLOSE_WAIT_MS.
      latestDeadline = Math.max(latestDeadline, Math.min(request.deadline, Date.now() + MAX_CLOSE_WAIT_MS));
      const done = (): void => {
        if (--handling === 0) idle?.();
      };
      let answer: Uint8Array | Promise<Uint8Array>;
      try {
        // A copy: the client's buffer is reused, and a payload may be handed on to a worker. Its
        // sends are made in the request's context, which bounds their deadline by its own.
        answer = requestContext.run(request, () => handler.handle(request.method, new Uint8Array(msg.data)));
      } catch (e) {
        fail(e);
        return done();
      }
      // A provider that answers at once (a store in memory) is answered in the same turn.
      if (answer instanceof Uint8Array) {
        reply(msg, answer);
        return done();
      }
      void answer.then((payload) => reply(msg, payload), fail).finally(done);
    };
    const sub: Subscription = this.#nc.subscribe(subject, {
      queue: subject,
      callback: (err, msg) => {
        if (err !== null) return;
        const request = readRequestHeaders(msg.headers);
        if (isRpcError(request)) {
          this.#log(`a request to ${subject} without its headers failed: ${errorText(request)}`);
          const answer = errorReply(request, '');
          return reply(msg, answer.data, answer.headers);
        }
        // Its sender has given up: handling it now could only change state nobody will hear of.
        if (Date.now() > request.deadline) return void expired++;
        respond(msg, request);
      },
    });
    const served: Served = {
      subject,
      get expired() {
        return expired;
      },
      get dropped() {
        return dropped;
      },
      close: async () => {
        this.#served.delete(served);
        // Draining needs the server; while the connection is down there is nothing left to drain.
        // (A drain that fails as the connection drops leaves nothing to drain either.)
        if (!sub.isClosed()) await (this.#connected ? sub.drain().catch(() => undefined) : sub.unsubscribe());
        if (handling > 0) {
          let timer: NodeJS.Timeout | undefined;
          await new Promise<void>((resolve) => {
            idle = resolve;
            timer = setTimeout(resolve, Math.max(0, latestDeadline - Date.now()));
          });
          clearTimeout(timer);
        }
        // The answers just written must reach the server before the connection may close.
        if (this.#connected && !this.#nc.isClosed()) await this.#nc.flush().catch(() => undefined);
      },
    };
    this.#served.add(served);
    await this.#nc.flush();
    return served;
  }

  /**
   * Stops serving (letting the requests being handled finish), then closes the connection. The
   * requests still waiting then can no longer hear their answers: they fail at once, not at their
   * deadlines (which would keep the process alive until then).
   */
  async close(): Promise<void> {
    await Promise.all([...this.#served].map((s) => s.close()));
    if (!this.#nc.isClosed()) {
      // While the connection is down (or if draining fails as it drops), close without draining.
      if (this.#connected) await this.#nc.drain().catch(() => this.#nc.close());
      else await this.#nc.close();
    }
    const closed = rpcError('nats', `the lattice connection to ${this.url} closed before the answer came`);
    for (const [token, pending] of this.#pending) this.#settle(token, pending, () => this.#failed(pending, closed));
  }
}
