import { build } from 'esbuild';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bus } from '../../src/host/bus.ts';
import { keyValueProvider } from '../../src/host/providers/keyvalue.ts';
import { messageEndpoint } from '../../src/host/providers/message-endpoint.ts';
import witbus from '../../src/plugin/esbuild.ts';
import { fixtureCopy, TRANSPORTS } from './fixture.ts';

const fixture = fixtureCopy('app');
let server: Server;
let url: string;
let client: (url: string) => Record<string, (...args: unknown[]) => Promise<unknown>>;
const provider = keyValueProvider();

beforeAll(async () => {
  const outfile = join(fixture.dir, 'dist/fetch-client.mjs');
  await build({
    entryPoints: [join(fixture.dir, 'fetch-client.js')],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    logLevel: 'silent',
    alias: { 'witbus/transports': TRANSPORTS },
    plugins: [witbus({ config: false })],
  });
  ({ client } = await import(pathToFileURL(outfile).href));
  const bus = new Bus();
  bus.register(provider);
  server = createServer(messageEndpoint(bus));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/wasmbus`;
});
afterAll(async () => {
  await new Promise((done) => server.close(done));
  fixture.dispose();
});

describe('the fetch transport against the host message endpoint', () => {
  it("calls the in-memory keyvalue provider with the plugin's typed sender", async () => {
    const kv = client(url);
    await kv.set!('a', 'one', 0);
    expect(provider.store.get('a')).toEqual({ value: 'one', exists: true });
    expect(await kv.get!('a')).toEqual({ value: 'one', exists: true });
    expect(await kv.increment!('n', 5)).toBe(5);
    expect(await Promise.all([kv.increment!('n', 1), kv.contains!('a'), kv.contains!('b')])).toEqual([6, true, false]);
    expect(await kv.del!('a')).toBe(true);
  });

  it('rejects with the rpc-error the provider answers', async () => {
    const kv = client(url);
    await kv.set!('text', 'not a number', 0);
    // wasmCloud's keyvalue answers incrementing a non-integer with invalid-parameter.
    await expect(kv.increment!('text', 1)).rejects.toEqual({
      tag: 'invalid-parameter',
      val: 'key text does not hold an integer',
    });
  });

  it('answers what is not a message with 400, and a contract with no provider with its rpc-error', async () => {
    expect((await fetch(url)).status).toBe(400);
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'witbus-method': 'Nope.Get', 'witbus-contract': 'acme:none' },
      body: '"x"',
    });
    expect(res.headers.get('witbus-reply')).toBe('rpc-error');
    expect(await res.json()).toEqual({
      tag: 'host-error',
      val: 'no provider is linked for contract acme:none on link default',
    });
  });
});
