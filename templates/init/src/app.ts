/**
 * The business logic: greets whoever the path names and counts the greetings per name in the
 * key-value store. It knows nothing of wasmbus: it imports the typed keyvalue contract and exports
 * the typed httpserver one, with the types `witbus gen` (and `npm run build`) write to generated/.
 */
/// <reference path="../generated/wasmcloud-keyvalue/key-value/modules.d.ts" />
import { increment } from 'wasmcloud:keyvalue/key-value@0.1.0';
import type { HttpRequest, HttpResponse, HttpServer } from '../generated/wasmcloud-httpserver/http-server/types.ts';

/** UTF-8 by hand: the QuickJS engine (`--backend quickjs`) has no TextEncoder. */
function utf8(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return new Uint8Array(out);
}

function json(statusCode: number, value: unknown): HttpResponse {
  return { statusCode, header: [['content-type', 'application/json']], body: utf8(JSON.stringify(value)) };
}

export const httpServer: HttpServer = {
  handleRequest(req: HttpRequest): HttpResponse {
    // `/hello/ada` greets ada; the last path segment is the name.
    const name =
      req.path
        .split('/')
        .filter((s) => s !== '')
        .pop() ?? 'world';
    try {
      return json(200, { greeting: `Hello, ${name}!`, count: increment(`greetings:${name}`, 1) });
    } catch (e) {
      // A failed call to the store arrives as an rpc-error in the thrown value's payload.
      return json(500, { error: (e as { payload?: unknown } | null)?.payload ?? String(e) });
    }
  },
};
