/**
 * `witbus provider` and `witbus serve --nats` as a user runs them: what they refuse, and a graceful
 * SIGTERM; and the deadlines the Lattice API refuses, as they do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Lattice } from '../../src/lattice/lattice.ts';
import { witbus } from '../helpers/cli.ts';
import { startNatsServer, type NatsServer } from './nats-server.ts';
import { startWitbus } from './processes.ts';
import { freePort } from '../helpers/free-port.ts';

describe('witbus provider and serve --nats on the command line', () => {
  let nats: NatsServer;
  beforeAll(async () => {
    nats = await startNatsServer();
  });
  afterAll(async () => {
    await nats?.kill();
  });

  it('says in one line which NATS server it cannot reach, exit 1', async () => {
    const url = `nats://127.0.0.1:${await freePort()}`;
    const run = witbus(['provider', 'keyvalue', '--nats', url]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^error: cannot reach NATS at ${url}: .+\\n$`));
  });

  it('refuses serve --nats on the main thread, and a provider it does not know', () => {
    const serve = witbus(['serve', 'build', '--nats', nats.url, '--workers', '0']);
    expect(serve.code).toBe(1);
    expect(serve.stderr).toBe('error: --nats needs worker threads (--workers 1 or more): sends wait for the network\n');
    const unknown = witbus(['provider', 'blobstore', '--nats', nats.url]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Invalid values');
  });

  it('refuses a --deadline Node timers cannot wait for, naming the option and its maximum, exit 1', () => {
    const refusal = (value: string) =>
      `error: --deadline must be a whole number of milliseconds from 1 to 2147483647 (about 24.8 days), not ${value}\n`;
    const serve = witbus(['serve', 'build', '--nats', nats.url, '--deadline', '2147483648']);
    expect(serve.code).toBe(1);
    expect(serve.stderr).toBe(refusal('2147483648'));
    const provider = witbus(['provider', 'httpserver', '--nats', nats.url, '--port', '0', '--deadline', '3000000000']);
    expect(provider.code).toBe(1);
    expect(provider.stderr).toBe(refusal('3000000000'));
    const zero = witbus(['provider', 'httpserver', '--nats', nats.url, '--port', '0', '--deadline', '0']);
    expect(zero.code).toBe(1);
    expect(zero.stderr).toBe(refusal('0'));
  });

  it('Lattice.remote and Lattice.request refuse the same deadlines with a RangeError', async () => {
    const lattice = await Lattice.connect({ url: nats.url, lattice: 'deadlines' });
    try {
      const range = 'deadlineMs must be a whole number of milliseconds from 1 to 2147483647 (about 24.8 days)';
      expect(() => lattice.remote('c:x', 'default', 2 ** 31)).toThrow(new RangeError(`${range}, not 2147483648`));
      expect(() => lattice.request('c:x', 'default', 'S.Op', new Uint8Array(), 2 ** 31)).toThrow(
        new RangeError(`${range}, not 2147483648`),
      );
      expect(() => lattice.request('c:x', 'default', 'S.Op', new Uint8Array(), -1)).toThrow(
        new RangeError(`${range}, not -1`),
      );
    } finally {
      await lattice.close();
    }
  });

  it('runs the HTTP provider until SIGTERM, then exits 0, logging each failed request with its id', async () => {
    const http = await startWitbus(
      ['provider', 'httpserver', '--nats', nats.url, '--lattice', 'cli', '--port', '0'],
      /^http:\/\/127\.0\.0\.1:\d+$/,
    );
    expect(http.stdout()).toContain(
      `sending HTTP requests to wasmbus.rpc.cli.wasmcloud:httpserver.default on ${nats.url}`,
    );
    const answer = await fetch(`${http.ready}/x`);
    expect(answer.status).toBe(503);
    expect(await http.stop('SIGTERM')).toBe(0);
    expect(http.stderr()).toMatch(
      /^request [0-9A-Za-z]{22} failed: host-error: nothing serves wasmcloud:httpserver \(default\) on the lattice cli\n$/,
    );
  });

  it('exits 0 on SIGTERM while nats-server is down, without waiting for it', async () => {
    const keyvalue = await startWitbus(['provider', 'keyvalue', '--nats', nats.url], /^wasmbus\.rpc\./);
    await nats.kill();
    expect(await keyvalue.stop('SIGTERM')).toBe(0);
    expect(keyvalue.stderr()).toBe('');
  });
});
