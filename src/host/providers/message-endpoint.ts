/**
 * The host's message endpoint: a Node HTTP handler that puts wasmbus messages posted by the
 * `fetch` transport (src/plugin/transports/protocol.ts) onto the bus, and answers the reply
 * payload or the rpc-error. Browser and Node apps call the host's providers through it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Message, Reply } from '../bus.ts';
import { CONTRACT_HEADER, LINK_HEADER, METHOD_HEADER, REPLY_HEADER } from '../../plugin/transports/protocol.ts';
import { DEFAULT_MAX_BODY_BYTES } from './httpserver.ts';
import { declaredLength, readBody } from './http-body.ts';

/** Where messages go: the host's `Bus`. */
export interface MessageRouter {
  request(msg: Message, contractName: string, linkName: string | null | undefined): Promise<Reply>;
}

export interface MessageEndpointOptions {
  /** The largest payload accepted; a larger one is answered 413. Default 16 MiB. */
  maxBodyBytes?: number;
  /**
   * The origin allowed to post from a browser page on another origin (`https://app.example`, or
   * `*`): answers CORS preflights and sets `access-control-allow-origin`. Default: same origin only.
   */
  allowOrigin?: string;
}

function answer(res: ServerResponse, status: number, headers: Record<string, string>, body: string | Uint8Array): void {
  res.writeHead(status, headers).end(body);
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/** `http.createServer(messageEndpoint(bus))`, or call it from a server's own routing. */
export function messageEndpoint(bus: MessageRouter, options: MessageEndpointOptions = {}) {
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const cors: Record<string, string> =
    options.allowOrigin === undefined
      ? {}
      : {
          'access-control-allow-origin': options.allowOrigin,
          'access-control-expose-headers': REPLY_HEADER,
          vary: 'origin',
        };
  const text = { ...cors, 'content-type': 'text/plain; charset=utf-8' };
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method === 'OPTIONS' && options.allowOrigin !== undefined) {
      // The protocol's headers make every post a CORS preflighted request.
      answer(
        res,
        204,
        {
          ...cors,
          'access-control-allow-methods': 'POST',
          'access-control-allow-headers': ['content-type', METHOD_HEADER, CONTRACT_HEADER, LINK_HEADER].join(', '),
        },
        '',
      );
      return;
    }
    const method = header(req, METHOD_HEADER);
    const contract = header(req, CONTRACT_HEADER);
    if (req.method !== 'POST' || method === undefined || contract === undefined) {
      req.resume();
      answer(res, 400, text, `a witbus message is a POST with the headers ${METHOD_HEADER} and ${CONTRACT_HEADER}\n`);
      return;
    }
    const declared = declaredLength(req);
    const body =
      declared !== undefined && declared > limit ? 'tooLarge' : await readBody(req, limit).catch(() => undefined);
    if (body === undefined) return; // the client left
    if (body === 'tooLarge') {
      answer(res, 413, { ...text, connection: 'close' }, `the payload is over ${limit} bytes\n`);
      return;
    }
    const reply = await bus.request({ method, arg: body }, contract, header(req, LINK_HEADER));
    if (reply.ok)
      answer(res, 200, { ...cors, 'content-type': 'application/octet-stream', [REPLY_HEADER]: 'ok' }, reply.payload);
    else
      answer(
        res,
        200,
        { ...cors, 'content-type': 'application/json', [REPLY_HEADER]: 'rpc-error' },
        JSON.stringify(reply.error),
      );
  };
}
