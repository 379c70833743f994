/**
 * The lattice across a network: nats-server, `witbus provider keyvalue`, `witbus serve --nats`
 * and `witbus provider httpserver` each in a network namespace of its own, the three linked to
 * the server's by veth pairs, so that every message crosses an interface between hosts (no shared
 * loopback). Then the actor host's link is cut: the requests sent to it are answered 504 at their
 * deadline (the server still counts it among the queue group), and it serves again once the link
 * is back. Needs root and `ip netns` (iproute2); skipped where namespaces cannot be made.
 */
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kvcounterAppFolder } from '../serve/app-folder.ts';
import { startWitbus, type WitbusProcess } from './processes.ts';

const PREFIX = `witbus-${process.pid}`;
const ns = (host: string): string => `${PREFIX}-${host}`;
/** The hosts that reach the server's host over a link of their own, and that link's /30 subnet (10.251.<n>.0). */
const LINKED = ['kv', 'actor', 'http'] as const;
const serverAddress = (host: (typeof LINKED)[number]): string => `10.251.${LINKED.indexOf(host) + 1}.1`;
const hostAddress = (host: (typeof LINKED)[number]): string => `10.251.${LINKED.indexOf(host) + 1}.2`;
const NATS_PORT = 4222;
const MONITOR_PORT = 8222;
const DEADLINE_MS = 1500;

const ip = (...args: string[]): void => {
  const r = spawnSync('ip', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ip ${args.join(' ')}: ${r.stderr || r.error?.message}`);
};

/** Whether this process may make network namespaces (root, and iproute2 with netns support). */
function namespacesWork(): boolean {
  if (process.getuid?.() !== 0) return false;
  try {
    ip('netns', 'add', ns('probe'));
    ip('netns', 'del', ns('probe'));
    return true;
  } catch {
    return false;
  }
}

/** `curl` inside a namespace: the status and the body. */
async function fetchIn(netns: string, url: string): Promise<{ status: number; body: string }> {
  const { stdout } = await promisify(execFile)('ip', [
    'netns',
    'exec',
    netns,
    'curl',
    '-s',
    '-m',
    '20',
    '-w',
    '\n%{http_code}',
    url,
  ]);
  const cut = stdout.lastIndexOf('\n');
  return { status: Number(stdout.slice(cut + 1)), body: stdout.slice(0, cut) };
}

describe.skipIf(!namespacesWork())('the lattice across network namespaces', () => {
  let nats: ChildProcess;
  let app: string;
  const processes: WitbusProcess[] = [];
  let http: WitbusProcess;
  const lattice = (host: (typeof LINKED)[number]): string[] => [
    '--nats',
    `nats://${serverAddress(host)}:${NATS_PORT}`,
    '--lattice',
    'netns',
  ];
  const get = (path: string) => fetchIn(ns('http'), `${http.ready}${path}`);

  beforeAll(async () => {
    for (const host of ['nats', ...LINKED]) {
      ip('netns', 'add', ns(host));
      ip('-n', ns(host), 'link', 'set', 'lo', 'up');
    }
    for (const host of LINKED) {
      ip('link', 'add', 'to-host', 'netns', ns('nats'), 'type', 'veth', 'peer', 'name', 'to-nats', 'netns', ns(host));
      // Both ends are named alike in every namespace; give the server's a name per host.
      ip('-n', ns('nats'), 'link', 'set', 'to-host', 'name', `to-${host}`);
      ip('-n', ns('nats'), 'addr', 'add', `${serverAddress(host)}/30`, 'dev', `to-${host}`);
      ip('-n', ns('nats'), 'link', 'set', `to-${host}`, 'up');
      ip('-n', ns(host), 'addr', 'add', `${hostAddress(host)}/30`, 'dev', 'to-nats');
      ip('-n', ns(host), 'link', 'set', 'to-nats', 'up');
    }
    nats = spawn(
      'ip',
      ['netns', 'exec', ns('nats'), 'nats-server', '-p', String(NATS_PORT), '-m', String(MONITOR_PORT)],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let log = '';
    await new Promise<void>((resolve, reject) => {
      nats.stderr!.on('data', (d: Buffer) => {
        log += d.toString();
        if (log.includes('Server is ready')) resolve();
      });
      nats.once('exit', (code) => reject(new Error(`nats-server exited with ${code}: ${log}`)));
    });
    app = kvcounterAppFolder('quickjs');
    const start = async (host: (typeof LINKED)[number], args: string[], ready: RegExp): Promise<WitbusProcess> => {
      const p = await startWitbus([...args, ...lattice(host)], ready, ns(host));
      processes.push(p);
      return p;
    };
    await start('kv', ['provider', 'keyvalue'], /^wasmbus\.rpc\./);
    await start('actor', ['serve', app, '--workers', '1'], /^wasmbus\.rpc\./);
    http = await start(
      'http',
      ['provider', 'httpserver', '--port', '0', '--deadline', String(DEADLINE_MS)],
      /^http:\/\/127\.0\.0\.1:\d+$/,
    );
  });
  afterAll(async () => {
    for (const p of processes) await p.stop('SIGKILL');
    if (nats !== undefined && nats.exitCode === null) {
      const exited = once(nats, 'exit');
      nats.kill('SIGKILL');
      await exited;
    }
    for (const host of ['nats', ...LINKED]) spawnSync('ip', ['netns', 'del', ns(host)]);
    if (app !== undefined) rmSync(app, { recursive: true, force: true });
  });

  it('counts across the hosts, each connected to the server from its own address', async () => {
    expect(await get('/a?amount=5')).toEqual({ status: 200, body: '{"counter":5}' });
    expect(await get('/a')).toEqual({ status: 200, body: '{"counter":6}' });
    const connz = await fetchIn(ns('nats'), `http://127.0.0.1:${MONITOR_PORT}/connz`);
    const ips = (JSON.parse(connz.body) as { connections: { ip: string }[] }).connections.map((c) => c.ip).sort();
    expect(ips).toEqual(LINKED.map(hostAddress).sort());
  });

  it('answers 504 at the deadline while the actor host is cut off, and serves again once its link is back', async () => {
    ip('-n', ns('actor'), 'link', 'set', 'to-nats', 'down');
    const cut = await get('/a');
    expect(cut.status).toBe(504);
    expect(cut.body).toContain(`did not answer HttpServer.HandleRequest within ${DEADLINE_MS} ms`);
    expect(http.stderr()).toMatch(/^request [0-9A-Za-z]{22} failed: deadline-exceeded: /m);
    ip('-n', ns('actor'), 'link', 'set', 'to-nats', 'up');
    let back = cut;
    let sent = 1;
    for (; back.status !== 200 && sent < 40; sent++) back = await get('/a');
    expect(back.status).toBe(200);
    // Each request sent since the cut counted once at most (none is retried), and the last one did.
    const { counter } = JSON.parse(back.body) as { counter: number };
    expect(counter).toBeGreaterThanOrEqual(7);
    expect(counter).toBeLessThanOrEqual(6 + sent);
  });
});
