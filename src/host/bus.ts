/**
 * The host side of `wasmcloud:wasmbus/sender`: routes `send(msg, contract-name, link-name)` to the
 * provider registered for that contract and link. A missing route fails at once instead of
 * leaving a caller waiting.
 *
 * Providers may answer synchronously or with a promise. `request` waits for either, up to the
 * link's deadline; `send` is the synchronous path of a single-thread host, which can take only a
 * synchronous answer (a component's `send` import cannot wait for a promise on the thread it runs on).
 */
import { describe, isRpcError, rpcError, type RpcError } from './rpc-error.ts';

export interface Message {
  method: string;
  arg: Uint8Array;
}

export interface Provider {
  /** e.g. `wasmcloud:keyvalue`. */
  contractId: string;
  /** Defaults to `"default"`. */
  linkName?: string;
  /** This link's deadline for one answer, in milliseconds; defaults to the bus's. */
  deadlineMs?: number;
  /** Answers one message: the reply payload (or a promise of it), or throws/rejects with an rpc-error value. */
  handle(method: string, arg: Uint8Array): Uint8Array | Promise<Uint8Array>;
}

/** A provider that always answers at once: the single-thread host can use it. */
export interface SyncProvider extends Provider {
  handle(method: string, arg: Uint8Array): Uint8Array;
}

export type Reply = { ok: true; payload: Uint8Array } | { ok: false; error: RpcError };

export interface BusOptions {
  /** The deadline of a link whose provider sets none. Default 30000. */
  deadlineMs?: number;
}

export const DEFAULT_LINK = 'default';
export const DEFAULT_DEADLINE_MS = 30_000;

const routeKey = (contractId: string, linkName: string): string => `${contractId}\u0000${linkName}`;

const isPromiseLike = (v: unknown): v is PromiseLike<unknown> =>
  typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';

/** The longest deadline: Node's timers fire at once (after 1 ms) for any longer wait. */
export const MAX_DEADLINE_MS = 2 ** 31 - 1;

/** The deadline, or a RangeError naming it when no timer can wait for it. */
export function checkedDeadline(name: string, value: number | undefined): number | undefined {
  if (value !== undefined && !(Number.isSafeInteger(value) && value > 0 && value <= MAX_DEADLINE_MS)) {
    throw new RangeError(
      `${name} must be a whole number of milliseconds from 1 to ${MAX_DEADLINE_MS} (about 24.8 days), not ${value}`,
    );
  }
  return value;
}

export class Bus {
  readonly #routes = new Map<string, Provider>();
  readonly #deadlineMs: number;
  #lateAnswers = 0;

  constructor(options: BusOptions = {}) {
    this.#deadlineMs = checkedDeadline('deadlineMs', options.deadlineMs) ?? DEFAULT_DEADLINE_MS;
  }

  /** Answers that arrived after their deadline and were dropped. */
  get lateAnswers(): number {
    return this.#lateAnswers;
  }

  /** Registers a provider; replaces the one registered for the same contract and link. */
  register(provider: Provider): void {
    checkedDeadline(`the deadline of ${provider.contractId}`, provider.deadlineMs);
    this.#routes.set(routeKey(provider.contractId, provider.linkName ?? DEFAULT_LINK), provider);
  }

  unregister(contractId: string, linkName: string = DEFAULT_LINK): boolean {
    return this.#routes.delete(routeKey(contractId, linkName));
  }

  /**
   * Delivers a message and answers synchronously. Throws an rpc-error value (never an `Error`) so
   * that jco hands it to the calling component as the `err` of its `send` import. `linkName` is
   * `undefined` for none on StarlingMonkey and `null` on QuickJS.
   */
  send(msg: Message, contractName: string, linkName: string | null | undefined): Uint8Array {
    const link = linkName ?? DEFAULT_LINK;
    const provider = this.#route(contractName, link);
    let answer: Uint8Array | Promise<Uint8Array>;
    try {
      answer = provider.handle(msg.method, msg.arg);
    } catch (e) {
      throw failure(e, contractName, link, msg.method);
    }
    if (isPromiseLike(answer)) {
      // Nobody will read it; keep its rejection from being reported as unhandled.
      Promise.resolve(answer).catch(() => undefined);
      throw rpcError(
        'host-error',
        `provider ${contractName} (${link}) answered ${msg.method} asynchronously, and a single-thread host cannot wait ` +
          'for an answer inside a synchronous component call: run the host with worker threads',
      );
    }
    return answer;
  }

  /**
   * Delivers a message and waits for the answer, at most the link's deadline. Past it the answer
   * is rpc-error `deadline-exceeded`, and the provider's late answer is dropped. Never rejects.
   */
  request(msg: Message, contractName: string, linkName: string | null | undefined): Promise<Reply> {
    return Promise.resolve(this.call(msg, contractName, linkName));
  }

  /**
   * `request`, answered at once when the provider answers synchronously: no promise and no
   * deadline timer for an answer that cannot be late (the worker pool answers sends this way).
   */
  call(msg: Message, contractName: string, linkName: string | null | undefined): Reply | Promise<Reply> {
    const link = linkName ?? DEFAULT_LINK;
    let provider: Provider;
    let answer: Uint8Array | Promise<Uint8Array>;
    try {
      provider = this.#route(contractName, link);
    } catch (e) {
      return { ok: false, error: e as RpcError };
    }
    try {
      answer = provider.handle(msg.method, msg.arg);
    } catch (e) {
      return { ok: false, error: failure(e, contractName, link, msg.method) };
    }
    if (!isPromiseLike(answer)) return { ok: true, payload: answer };
    const deadlineMs = provider.deadlineMs ?? this.#deadlineMs;
    return new Promise<Reply>((resolve) => {
      let settled = false;
      const settle = (reply: Reply): void => {
        if (settled) {
          this.#lateAnswers++;
          return;
        }
        settled = true;
        clearTimeout(timer);
        resolve(reply);
      };
      const timer = setTimeout(() => {
        settle({
          ok: false,
          error: rpcError(
            'deadline-exceeded',
            `provider ${contractName} (${link}) did not answer ${msg.method} within ${deadlineMs} ms`,
          ),
        });
      }, deadlineMs);
      Promise.resolve(answer).then(
        (payload) => settle({ ok: true, payload }),
        (e: unknown) => settle({ ok: false, error: failure(e, contractName, link, msg.method) }),
      );
    });
  }

  /** The import object for components that import `wasmcloud:wasmbus/sender`, answered on this thread. */
  senderImport(): { send: (msg: Message, contractName: string, linkName: string | null | undefined) => Uint8Array } {
    return { send: (msg, contractName, linkName) => this.send(msg, contractName, linkName) };
  }

  #route(contractName: string, link: string): Provider {
    const provider = this.#routes.get(routeKey(contractName, link));
    if (provider === undefined) {
      throw rpcError('host-error', `no provider is linked for contract ${contractName} on link ${link}`);
    }
    return provider;
  }
}

/** A provider's rpc-error passes through; any other failure becomes rpc-error `rpc`. */
function failure(e: unknown, contractName: string, link: string, method: string): RpcError {
  if (isRpcError(e)) return e;
  return rpcError('rpc', `provider ${contractName} (${link}) failed on ${method}: ${describe(e)}`);
}
