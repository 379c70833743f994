/**
 * kvcounter's business logic, whichever WIT it is built from: count requests per path in the
 * key-value store. It knows nothing of wasmbus; it gets the typed keyvalue `increment`.
 */
import { amountOf } from './query.ts';
import { utf8 } from './utf8.ts';

/** The request and response shapes both WIT versions (modern and the seed's 2022 files) share. */
export interface CounterRequest {
  path: string;
  queryString: string;
}
export interface CounterResponse {
  statusCode: number;
  header: [string, string][];
  body: Uint8Array;
}

/** The rpc-error a failed import call threw (a guest reads it from `e.payload`), if it is one. */
function rpcErrorOf(e: unknown): { tag: string; val?: unknown } | undefined {
  const p = e !== null && typeof e === 'object' && 'payload' in e ? (e as { payload: unknown }).payload : e;
  return p !== null && typeof p === 'object' && typeof (p as { tag?: unknown }).tag === 'string'
    ? (p as { tag: string; val?: unknown })
    : undefined;
}

/** Rust's `{:?}` of an rpc-error, as the seed's `format!("{:?}", e)` printed it. */
function debugRpcError(e: unknown): string {
  const p = rpcErrorOf(e);
  if (p === undefined) return String(e !== null && typeof e === 'object' && 'payload' in e ? (e as { payload: unknown }).payload : e);
  const { tag, val } = p;
  const name = tag.replace(/(^|-)([a-z])/g, (_, _dash: string, c: string) => c.toUpperCase());
  return val === undefined ? name : `${name}(${JSON.stringify(val)})`;
}

export function handleCounterRequest(
  req: CounterRequest,
  increment: (key: string, value: number) => number,
): CounterResponse {
  const key = `counter:${req.path.replace(/\//g, ':')}`;
  let body: string;
  let statusCode: number;
  try {
    body = JSON.stringify({ counter: increment(key, amountOf(req.queryString)) });
    statusCode = 200;
  } catch (e) {
    body = JSON.stringify({ error: debugRpcError(e) });
    // As the seed did, a failed call is a 500 with the error; a store that is not there (the
    // provider could not reach its backend) is a 503, which tells clients to come back later.
    statusCode = rpcErrorOf(e)?.tag === 'provider-init' ? 503 : 500;
  }
  return { statusCode, header: [], body: utf8(body) };
}
