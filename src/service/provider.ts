/**
 * `witbus provider`: one capability provider as its own process on a wasmbus lattice.
 *
 * - keyvalue: serves `wasmcloud:keyvalue` on a link from a store (`--kv`, as `witbus serve`).
 * - httpserver: an HTTP server whose requests become `HttpServer.HandleRequest` messages on the
 *   lattice subject of `wasmcloud:httpserver` and the link; the actor hosts whose app receives that
 *   contract (`witbus serve --nats`) subscribe to it, in one queue group, so each request goes to
 *   one of them. A request that reaches no actor host (none running, or the NATS connection is
 *   down) is answered 503, one past its deadline 504, any other rpc-error 500.
 *
 * Shutdown is graceful: new requests are refused (HTTP 503, or left to the other replicas of the
 * queue group), those being handled finish, then the store and the connection close.
 */
import { checkedDeadline, DEFAULT_DEADLINE_MS, DEFAULT_LINK, type Message } from '../host/bus.ts';
import type { RpcError } from '../host/rpc-error.ts';
import type { Delivery } from '../host/host.ts';
import { errorText, HTTPSERVER_CONTRACT, startHttpServer, type MessageTarget } from '../host/providers/httpserver.ts';
import { KEYVALUE_CONTRACT } from '../host/providers/keyvalue.ts';
import { isUnavailable, Lattice } from '../lattice/lattice.ts';
import { directResponse, JSON_HEADER } from './direct-response.ts';
import { UserError } from './errors.ts';
import { openKeyValue } from './serve.ts';

export interface LatticeAddress {
  /** The NATS server URL. */
  nats: string;
  lattice: string;
  /** Default `default`. */
  link?: string;
  /** Takes a line for each failed request, with its request id (the CLI writes them to stderr). */
  log?: (line: string) => void;
}

export interface RunningProvider {
  /** The lattice subject the provider serves, or sends to (httpserver). */
  subject: string;
  /** The HTTP server's URL (httpserver only). */
  url?: string;
  close(): Promise<void>;
}

/** The `--deadline` option's value, or a UserError saying which values it takes. */
export function deadlineOption(deadlineMs: number | undefined): number | undefined {
  try {
    return checkedDeadline('--deadline', deadlineMs);
  } catch (e) {
    throw new UserError(`error: ${(e as Error).message}`);
  }
}

/** Joins the lattice, or a UserError saying which NATS server could not be reached. The NATS server shows the client as `<name> (pid <pid>)`. */
export async function joinLattice(address: LatticeAddress, name: string): Promise<Lattice> {
  if (address.lattice === '') throw new UserError('error: --lattice cannot be empty');
  if (address.link === '') throw new UserError('error: --link cannot be empty');
  try {
    return await Lattice.connect({
      url: address.nats,
      lattice: address.lattice,
      name: `${name} (pid ${process.pid})`,
      ...(address.log === undefined ? {} : { log: address.log }),
    });
  } catch (e) {
    throw new UserError(`error: cannot reach NATS at ${address.nats}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export async function keyValueProvider(options: LatticeAddress & { kv: string }): Promise<RunningProvider> {
  const store = await openKeyValue(options.kv);
  let lattice: Lattice;
  try {
    lattice = await joinLattice(options, 'witbus provider keyvalue');
  } catch (e) {
    await store.close?.();
    throw e;
  }
  let served;
  try {
    served = await lattice.serve({
      contractId: KEYVALUE_CONTRACT,
      linkName: options.link ?? DEFAULT_LINK,
      handle: (method, arg) => store.handle(method, arg),
    });
  } catch (e) {
    await lattice.close();
    await store.close?.();
    throw e;
  }
  return {
    subject: served.subject,
    close: async () => {
      await lattice.close();
      await store.close?.();
    },
  };
}

export interface HttpProviderOptions extends LatticeAddress {
  /** 0 picks a free port. */
  port: number;
  /** How long a request may wait for the actor's answer, in milliseconds. Default 30000. */
  deadlineMs?: number;
}

const jsonError = (statusCode: number, error: string): Delivery =>
  directResponse(statusCode, JSON_HEADER, JSON.stringify({ error }));

export async function httpServerProvider(options: HttpProviderOptions): Promise<RunningProvider> {
  const deadlineMs = deadlineOption(options.deadlineMs) ?? DEFAULT_DEADLINE_MS;
  const lattice = await joinLattice(options, 'witbus provider httpserver');
  const link = options.link ?? DEFAULT_LINK;
  let stopping = false;
  const target: MessageTarget = {
    async deliver(contractId: string, msg: Message): Promise<Delivery> {
      if (stopping) return jsonError(503, 'the server is shutting down');
      try {
        return { ok: true, payload: await lattice.request(contractId, link, msg.method, msg.arg, deadlineMs) };
      } catch (e) {
        const error = e as RpcError;
        if (isUnavailable(error)) return jsonError(503, errorText(error));
        if (error.tag === 'deadline-exceeded') return jsonError(504, errorText(error));
        return { ok: false, error };
      }
    },
  };
  let server;
  try {
    server = await startHttpServer(target, { port: options.port });
  } catch (e) {
    await lattice.close();
    throw new UserError(`error: cannot listen on port ${options.port}: ${e instanceof Error ? e.message : String(e)}`);
  }
  return {
    subject: lattice.subject(HTTPSERVER_CONTRACT, link),
    url: `http://127.0.0.1:${server.port}`,
    close: async () => {
      stopping = true;
      await server.close();
      await lattice.close();
    },
  };
}
