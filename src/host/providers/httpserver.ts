/**
 * The `wasmcloud:httpserver` provider: a Node HTTP server that turns each request into an
 * `HttpServer.HandleRequest` message for the component receiving that contract, and the typed
 * response it answers with back into HTTP. A failed delivery becomes a 500 with
 * `{"error": ...}`, and the server keeps serving.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Message } from '../bus.ts';
import type { Delivery } from '../host.ts';
import type { RpcError } from '../rpc-error.ts';
import { decodeHttpResponse, encodeHttpRequest } from '../../../generated/wasmcloud-httpserver/http-server/codec.ts';
import type { HttpResponse } from '../../../generated/wasmcloud-httpserver/http-server/types.ts';
import { decodePayload } from './wire.ts';

export const HTTPSERVER_CONTRACT = 'wasmcloud:httpserver';
export const HANDLE_REQUEST = 'HttpServer.HandleRequest';

export interface MessageTarget {
  deliver(contractId: string, msg: Message): Delivery;
}

export interface HttpServerOptions {
  /** 0 picks a free port. */
  port: number;
  hostname?: string;
}

export interface RunningHttpServer {
  port: number;
  close(): Promise<void>;
}

/** The request as the contract's `http-request` record. */
export function requestMessage(req: IncomingMessage, body: Uint8Array): Message {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const header: [string, string][] = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) header.push([req.rawHeaders[i]!.toLowerCase(), req.rawHeaders[i + 1]!]);
  const request = {
    method: req.method ?? 'GET',
    path: q < 0 ? url : url.slice(0, q),
    queryString: q < 0 ? '' : url.slice(q + 1),
    header,
    body,
  };
  return { method: HANDLE_REQUEST, arg: encodeHttpRequest(request) };
}

export function decodeResponse(payload: Uint8Array): HttpResponse {
  return decodePayload('httpserver response', decodeHttpResponse, payload);
}

export function errorText(error: RpcError): string {
  return 'val' in error ? `${error.tag}: ${error.val}` : error.tag;
}

function send(res: ServerResponse, response: HttpResponse): void {
  const flat = response.header.flat();
  res.writeHead(response.statusCode, flat);
  res.end(response.body);
}

function sendError(res: ServerResponse, error: RpcError): void {
  send(res, { statusCode: 500, header: [['content-type', 'application/json']], body: Buffer.from(JSON.stringify({ error: errorText(error) })) });
}

async function readBody(req: IncomingMessage): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startHttpServer(target: MessageTarget, options: HttpServerOptions): Promise<RunningHttpServer> {
  const server = createServer((req, res) => {
    readBody(req).then(
      (body) => {
        const delivery = target.deliver(HTTPSERVER_CONTRACT, requestMessage(req, body));
        if (!delivery.ok) return sendError(res, delivery.error);
        let response: HttpResponse;
        try {
          response = decodeResponse(delivery.payload);
        } catch (e) {
          return sendError(res, e as RpcError);
        }
        try {
          send(res, response);
        } catch (e) {
          // Node refuses some statuses and header values; the client still gets an answer.
          if (!res.headersSent) sendError(res, { tag: 'host-error', val: e instanceof Error ? e.message : String(e) });
        }
      },
      (e: unknown) => sendError(res, { tag: 'host-error', val: `reading the request failed: ${String(e)}` }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.hostname ?? '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      }),
  };
}
