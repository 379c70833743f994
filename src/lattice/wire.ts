/**
 * What a wasmbus message looks like on the lattice. The body is the payload bytes as they are; the
 * rest travels in NATS headers:
 *
 * - request: `Wasmbus-Method`, `Wasmbus-Contract`, `Wasmbus-Link`, `Wasmbus-Request-Id` (a NUID)
 *   and `Wasmbus-Deadline` (when the caller stops waiting, in milliseconds since the epoch);
 * - reply: the payload, or, marked by `Wasmbus-Rpc-Error: true`, the rpc-error as JSON
 *   (`{"tag":"invalid-parameter","val":"..."}`, jco's shape) with the request id echoed.
 */
import { headers, type MsgHdrs } from '@nats-io/transport-node';
import { describe, isRpcError, rpcError, type RpcError } from '../host/rpc-error.ts';

export const HEADER = {
  method: 'Wasmbus-Method',
  contract: 'Wasmbus-Contract',
  link: 'Wasmbus-Link',
  requestId: 'Wasmbus-Request-Id',
  deadline: 'Wasmbus-Deadline',
  rpcError: 'Wasmbus-Rpc-Error',
} as const;

export interface RequestHeaders {
  method: string;
  contractId: string;
  linkName: string;
  requestId: string;
  /** Milliseconds since the epoch. */
  deadline: number;
}

export function requestHeaders(
  method: string,
  contractId: string,
  linkName: string,
  requestId: string,
  deadline: number,
): MsgHdrs {
  const h = headers();
  h.set(HEADER.method, method);
  h.set(HEADER.contract, contractId);
  h.set(HEADER.link, linkName);
  h.set(HEADER.requestId, requestId);
  h.set(HEADER.deadline, String(deadline));
  return h;
}

/** The request's headers, or the rpc-error to answer a request that lacks them. */
export function readRequestHeaders(h: MsgHdrs | undefined): RequestHeaders | RpcError {
  const get = (k: string): string => h?.get(k) ?? '';
  const method = get(HEADER.method);
  const deadline = Number(get(HEADER.deadline));
  if (method === '') return rpcError('invalid-parameter', `a lattice request needs a ${HEADER.method} header`);
  if (!Number.isSafeInteger(deadline) || deadline <= 0)
    return rpcError(
      'invalid-parameter',
      `a lattice request needs a ${HEADER.deadline} header in milliseconds since the epoch`,
    );
  return {
    method,
    contractId: get(HEADER.contract),
    linkName: get(HEADER.link),
    requestId: get(HEADER.requestId),
    deadline,
  };
}

export function errorReply(error: RpcError, requestId: string): { data: Uint8Array; headers: MsgHdrs } {
  const h = headers();
  h.set(HEADER.rpcError, 'true');
  if (requestId !== '') h.set(HEADER.requestId, requestId);
  return { data: new TextEncoder().encode(JSON.stringify(error)), headers: h };
}

/** The payload of a reply, or throws the rpc-error it carries. */
export function readReply(data: Uint8Array, h: MsgHdrs | undefined): Uint8Array {
  // A copy: the client's buffer is reused, and a payload may be handed on to a worker.
  if (h?.get(HEADER.rpcError) !== 'true') return new Uint8Array(data);
  let error: unknown;
  try {
    error = JSON.parse(new TextDecoder().decode(data));
  } catch (e) {
    throw rpcError('deser', `a lattice rpc-error reply is not JSON: ${describe(e)}`);
  }
  if (!isRpcError(error)) throw rpcError('deser', `a lattice rpc-error reply is not an rpc-error: ${describe(error)}`);
  throw error;
}
