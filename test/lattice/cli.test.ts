/** `witbus provider` and `witbus serve --nats` as a user runs them: what they refuse, and a graceful SIGTERM. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
