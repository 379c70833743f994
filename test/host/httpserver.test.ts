import { afterEach, describe, expect, it } from 'vitest';
import type { Message } from '../../src/host/bus.ts';
import type { Delivery } from '../../src/host/host.ts';
import { HANDLE_REQUEST, HTTPSERVER_CONTRACT, startHttpServer, type RunningHttpServer } from '../../src/host/providers/httpserver.ts';

const enc = (v: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(v));

describe('httpserver provider', () => {
  let server: RunningHttpServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const serve = async (answer: (contractId: string, msg: Message) => Delivery): Promise<string> => {
    server = await startHttpServer({ deliver: answer }, { port: 0 });
    return `http://127.0.0.1:${server.port}`;
  };

  it('turns a request into HttpServer.HandleRequest and the typed response back into HTTP', async () => {
    let seen: { contractId: string; method: string; request: Record<string, unknown> } | undefined;
    const url = await serve((contractId, msg) => {
      const request = JSON.parse(new TextDecoder().decode(msg.arg)) as Record<string, unknown>;
      seen = { contractId, method: msg.method, request };
      const body = [...(request['body'] as number[])].reverse();
      return { ok: true, payload: enc({ status_code: 201, header: [['x-reply', 'yes'], ['x-reply', 'twice']], body }) };
    });
    const r = await fetch(`${url}/a/b?x=1&y=%20`, { method: 'POST', headers: { 'X-Test': 'héllo' }, body: 'abc' });
    expect(r.status).toBe(201);
    expect(r.headers.get('x-reply')).toBe('yes, twice');
    expect(await r.text()).toBe('cba');
    expect(seen).toMatchObject({
      contractId: HTTPSERVER_CONTRACT,
      method: HANDLE_REQUEST,
      request: { method: 'POST', path: '/a/b', query_string: 'x=1&y=%20', body: [97, 98, 99] },
    });
    expect(seen!.request['header']).toContainEqual(['x-test', 'héllo']);
  });

  it('answers a failed delivery with 500 and {"error": ...}', async () => {
    const url = await serve(() => ({ ok: false, error: { tag: 'method-not-handled', val: 'nope' } }));
    const r = await fetch(url);
    expect(r.status).toBe(500);
    expect(await r.json()).toEqual({ error: 'method-not-handled: nope' });
  });

  it('answers a response it cannot read or send with 500, and keeps serving', async () => {
    let answer: Delivery = { ok: true, payload: enc({ status_code: 200, header: [] }) };
    const url = await serve(() => answer);
    const missing = await fetch(url);
    expect(missing.status).toBe(500);
    expect(await missing.json()).toEqual({ error: 'deser: httpserver response: missing field `body` at line 1 column 31' });
    answer = { ok: true, payload: enc({ status_code: 1000, header: [], body: [] }) };
    const badStatus = await fetch(url);
    expect(badStatus.status).toBe(500);
    expect(((await badStatus.json()) as { error: string }).error).toMatch(/^host-error: /);
    answer = { ok: true, payload: enc({ status_code: 204, header: [], body: [] }) };
    expect((await fetch(url)).status).toBe(204);
  });
});
