/**
 * The seed's kvcounter business logic: count requests per path in the key-value store. It knows
 * nothing of wasmbus; it imports the typed keyvalue contract and exports the typed httpserver one.
 */
/// <reference path="../../generated/wasmcloud-keyvalue/key-value/modules.d.ts" />
import { increment } from 'wasmcloud:keyvalue/key-value@0.1.0';
import type { HttpRequest, HttpResponse, HttpServer } from '../../generated/wasmcloud-httpserver/http-server/types.ts';
import { amountOf } from './query.ts';
import { utf8 } from './utf8.ts';

/** Rust's `{:?}` of an rpc-error, as the seed's `format!("{:?}", e)` printed it. */
function debugRpcError(e: unknown): string {
  const p = e !== null && typeof e === 'object' && 'payload' in e ? (e as { payload: unknown }).payload : e;
  if (p === null || typeof p !== 'object' || typeof (p as { tag?: unknown }).tag !== 'string') return String(p);
  const { tag, val } = p as { tag: string; val?: unknown };
  const name = tag.replace(/(^|-)([a-z])/g, (_, _dash: string, c: string) => c.toUpperCase());
  return val === undefined ? name : `${name}(${JSON.stringify(val)})`;
}

export const httpServer: HttpServer = {
  handleRequest(req: HttpRequest): HttpResponse {
    const key = `counter:${req.path.replace(/\//g, ':')}`;
    let body: string;
    let statusCode: number;
    try {
      body = JSON.stringify({ counter: increment(key, amountOf(req.queryString)) });
      statusCode = 200;
    } catch (e) {
      body = JSON.stringify({ error: debugRpcError(e) });
      statusCode = 500;
    }
    return { statusCode, header: [], body: utf8(body) };
  },
};
