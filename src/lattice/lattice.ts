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
 */
import {
  connect,
  NoRespondersError,
  RequestError,
  TimeoutError,
  type Msg,
  type MsgHdrs,
  type NatsConnection,
  type Subscription,
} from '@nats-io/transport-node';
import { DEFAULT_DEADLINE_MS, DEFAULT_LINK, type Provider } from '../host/bus.ts';
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

/** NATS reports no responders as a `RequestError` whose cause is a `NoRespondersError`. */
const noResponders = (e: unknown): boolean =>
  e instanceof NoRespondersError || (e instanceof RequestError && e.isNoResponders());

export class Lattice {
  readonly url: string;
  readonly lattice: string;
  readonly #nc: NatsConnection;
  #connected = true;
  /** Rejections of the requests in flight, called when the connection drops. */
  readonly #inFlight = new Set<(error: RpcError) => void>();
  readonly #served = new Set<Served>();

  private constructor(nc: NatsConnection, options: LatticeOptions) {
    this.#nc = nc;
    this.url = options.url;
    this.lattice = options.lattice;
    void this.#watch();
  }

  static async connect(options: LatticeOptions): Promise<Lattice> {
    const nc = await connect({
      servers: options.url,
      ...(options.name === undefined ? {} : { name: options.name }),
      maxReconnectAttempts: -1,
      reconnectTimeWait: options.reconnectWaitMs ?? DEFAULT_RECONNECT_WAIT_MS,
      reconnectJitter: 0,
      // A failed request is turned into an rpc-error anyway: no need to capture a stack for each one.
      noAsyncTraces: true,
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
        for (const reject of this.#inFlight) reject(dropped);
        this.#inFlight.clear();
      } else if (s.type === 'reconnect') {
        this.#connected = true;
      }
    }
  }

  subject(contractId: string, linkName: string = DEFAULT_LINK): string {
    return rpcSubject({ lattice: this.lattice, contractId, linkName });
  }

  /** A bus provider for `contractId` on `linkName` whose handler is somewhere on the lattice. */
  remote(contractId: string, linkName: string = DEFAULT_LINK, deadlineMs: number = DEFAULT_DEADLINE_MS): Provider {
    return {
      contractId,
      linkName,
      deadlineMs,
      handle: (method, arg) => this.request(contractId, linkName, method, arg, deadlineMs),
    };
  }

  /** Sends one message and resolves with the reply payload; rejects with an rpc-error value only. */
  request(
    contractId: string,
    linkName: string,
    method: string,
    arg: Uint8Array,
    deadlineMs: number,
  ): Promise<Uint8Array> {
    const where = `${contractId} (${linkName}) on the lattice ${this.lattice}`;
    if (!this.#connected)
      return Promise.reject(
        unreached(
          rpcError('nats', `the lattice connection to ${this.url} is down: ${method} for ${where} was not sent`),
        ),
      );
    return new Promise<Uint8Array>((resolve, reject) => {
      const settle = (f: () => void): void => {
        if (this.#inFlight.delete(reject)) f();
      };
      this.#inFlight.add(reject);
      this.#nc
        .request(this.subject(contractId, linkName), arg, {
          timeout: deadlineMs,
          headers: requestHeaders(method, contractId, linkName, Date.now() + deadlineMs),
        })
        .then(
          (msg) =>
            settle(() => {
              try {
                resolve(readReply(msg.data, msg.headers));
              } catch (e) {
                reject(e);
              }
            }),
          (e: unknown) =>
            settle(() =>
              reject(
                noResponders(e)
                  ? unreached(rpcError('host-error', `nothing serves ${where}`))
                  : e instanceof TimeoutError
                    ? rpcError('deadline-exceeded', `${where} did not answer ${method} within ${deadlineMs} ms`)
                    : rpcError('nats', `${method} for ${where} failed: ${describe(e)}`),
              ),
            ),
        );
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
        // A copy: the client's buffer is reused, and a payload may be handed on to a worker.
        answer = handler.handle(request.method, new Uint8Array(msg.data));
      } catch (e) {
        fail(e);
        return done();
      }
      void Promise.resolve(answer)
        .then((payload) => reply(msg, payload), fail)
        .finally(done);
    };
    const sub: Subscription = this.#nc.subscribe(subject, {
      queue: subject,
      callback: (err, msg) => {
        if (err !== null) return;
        const request = readRequestHeaders(msg.headers);
        if (isRpcError(request)) {
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

  /** Stops serving (letting the requests being handled finish), then closes the connection. */
  async close(): Promise<void> {
    await Promise.all([...this.#served].map((s) => s.close()));
    if (this.#nc.isClosed()) return;
    // While the connection is down (or if draining fails as it drops), close without draining.
    if (this.#connected) await this.#nc.drain().catch(() => this.#nc.close());
    else await this.#nc.close();
  }
}
