import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Bus } from '../../src/host/bus.ts';
import { keyValueProvider } from '../../src/host/providers/keyvalue.ts';
import { messageEndpoint, type MessageEndpointOptions } from '../../src/host/providers/message-endpoint.ts';
import { inProcess } from '../../src/plugin/transports/in-process.ts';

let server: Server | undefined;
const close = (s: Server) => new Promise((done) => s.close(done));
afterEach(async () => {
  if (server !== undefined) await close(server);
  server = undefined;
});

async function endpoint(options: MessageEndpointOptions): Promise<string> {
  const bus = new Bus();
  bus.register(keyValueProvider());
  server = createServer(messageEndpoint(bus, options));
  await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

const message = { 'witbus-method': 'KeyValue.Contains', 'witbus-contract': 'wasmcloud:keyvalue' };

describe('the host message endpoint', () => {
  it('refuses a payload over its limit with 413, and takes one at the limit', async () => {
    const url = await endpoint({ maxBodyBytes: 5 });
    expect((await fetch(url, { method: 'POST', headers: message, body: '"abcd"' })).status).toBe(413);
    const res = await fetch(url, { method: 'POST', headers: message, body: '"abc"' });
    expect([res.status, res.headers.get('witbus-reply'), await res.text()]).toEqual([200, 'ok', 'false']);
  });

  it('answers CORS preflights and marks replies for the allowed origin only when asked', async () => {
    const url = await endpoint({ allowOrigin: 'https://app.example' });
    const preflight = await fetch(url, { method: 'OPTIONS' });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(preflight.headers.get('access-control-allow-headers')).toBe(
      'content-type, witbus-method, witbus-contract, witbus-link',
    );
    const res = await fetch(url, { method: 'POST', headers: message, body: '"a"' });
    expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(res.headers.get('access-control-expose-headers')).toBe('witbus-reply');
    await close(server!);
    const sameOrigin = await endpoint({});
    expect(
      (await fetch(sameOrigin, { method: 'POST', headers: message, body: '"a"' })).headers.get(
        'access-control-allow-origin',
      ),
    ).toBeNull();
  });
});

describe('the in-process transport', () => {
  const receiver = (contractId: string) => ({ contractId, receive: () => new TextEncoder().encode(contractId) });

  it('delivers to the receiver of the message contract, and fails a contract with none as the bus does', () => {
    const send = inProcess(receiver('acme:a'), receiver('acme:b'));
    const msg = { method: 'X.Y', arg: new Uint8Array() };
    expect(new TextDecoder().decode(send(msg, 'acme:b', undefined))).toBe('acme:b');
    expect(() => send(msg, 'acme:c', undefined)).toThrow(
      expect.objectContaining({ tag: 'host-error', val: 'no receiver for the contract acme:c' }),
    );
  });

  it('refuses two receivers of one contract', () => {
    expect(() => inProcess(receiver('acme:a'), receiver('acme:a'))).toThrow(
      'inProcess: two receivers of the contract acme:a',
    );
  });
});
