/**
 * Two `witbusHost` plugins in one dev server (two apps, each with its own build folder and port):
 * each runs a host of its own, tells that host's URL, and closes that host with the server.
 */
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { witbusHost, type DevHostOptions } from '../../src/plugin/vite.ts';
import { freePort } from '../helpers/free-port.ts';
import { startDevServer, type DevServer } from './dev-server.ts';
import { fixtureCopy, REPO } from './fixture.ts';

const fixture = fixtureCopy('dev-host');
let a: ReturnType<typeof witbusHost>;
let b: ReturnType<typeof witbusHost>;
let ports: { a: number; b: number };
let dev: DevServer | undefined;

beforeAll(async () => {
  const base: DevHostOptions = {
    app: 'logic.js',
    wit: join(REPO, 'wit'),
    world: 'kvcounter',
    backend: 'quickjs',
    workers: 0,
  };
  ports = { a: await freePort(), b: await freePort() };
  a = witbusHost({ ...base, port: ports.a, out: 'out-a' });
  b = witbusHost({ ...base, port: ports.b, out: 'out-b' });
  dev = await startDevServer({ root: fixture.dir, plugins: [a, b] });
}, 240_000);
afterAll(async () => {
  await dev?.close();
  fixture.dispose();
});

const ask = async (port: number): Promise<unknown> => {
  const r = await fetch(`http://127.0.0.1:${port}/`);
  if (r.status !== 200) throw new Error(`the host answered ${r.status}: ${await r.text()}`);
  return r.json();
};

/** How a fresh connection to `port` ends: a fetch could reuse a kept-alive socket to a host. */
const connecting = (port: number) =>
  new Promise<string>((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.on('connect', () => {
      socket.destroy();
      done('connected');
    });
    socket.on('error', (e: NodeJS.ErrnoException) => done(e.code ?? e.message));
  });

describe('two witbusHost plugins in one dev server', () => {
  it('runs a host for each, each telling its own URL', async () => {
    expect(a.api.url).toBe(`http://127.0.0.1:${ports.a}`);
    expect(b.api.url).toBe(`http://127.0.0.1:${ports.b}`);
    // Two hosts, each with a memory store of its own: each counts its first request.
    expect(await ask(ports.a)).toEqual({ version: 'one', hits: 1 });
    expect(await ask(ports.b)).toEqual({ version: 'one', hits: 1 });
  });

  it('closes both hosts with the server', async () => {
    await dev!.close();
    dev = undefined;
    expect(a.api.url).toBeUndefined();
    expect(b.api.url).toBeUndefined();
    expect(await connecting(ports.a)).toBe('ECONNREFUSED');
    expect(await connecting(ports.b)).toBe('ECONNREFUSED');
  });
});
