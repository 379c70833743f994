/**
 * An `HttpServer.HandleRequest` answer that witbus gives itself, without the app: `/healthz`,
 * `/metrics`, and the 503 and 504 of a server shutting down or of a request that reached no app.
 */
import type { Delivery } from '../host/host.ts';
import { encodeHttpResponse } from '../../generated/wasmcloud-httpserver/http-server/codec.ts';

export const JSON_HEADER: [string, string][] = [['content-type', 'application/json']];

export function directResponse(statusCode: number, header: [string, string][], body: string): Delivery {
  return { ok: true, payload: encodeHttpResponse({ statusCode, header, body: new TextEncoder().encode(body) }) };
}
