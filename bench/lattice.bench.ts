/**
 * kvcounter's whole HTTP path over a NATS lattice, its parts in separate processes (`witbus
 * provider httpserver`, `witbus serve --nats` as one then two replicas of one worker each, then as
 * one replica of two workers, and `witbus provider keyvalue`), against the same app with the
 * in-process bus (`witbus serve`), under wrk in the same run; and, as the floor, a plain NATS
 * request/reply of the size of one HTTP request message.
 *
 * Latency is compared unloaded (one connection, one request at a time): under load a request's
 * latency is mostly its wait behind the others (p50 ≈ connections / throughput), which says how
 * fast the path serves, not how long it takes. The in-process path, the lattice and the floor are
 * measured in turns, `ROUNDS` times, and each figure is the median of its rounds, so that a
 * machine busy with something else for a while weighs on all three alike. Throughput is measured
 * apart, at `LOAD`, with the CPU time all the path's processes (and nats-server) spent per request
 * and how many cores they, and the whole machine, kept busy: on two cores, a second replica of the
 * actor host can only help while the path leaves CPU idle, and a second worker in one replica
 * overlaps one worker's wait for its keyvalue answer with the other's work.
 *
 * `latticeCost.addedOverFloor` is the latency the lattice adds to the in-process path in units of
 * the floor's request/reply (issue 13's target: at most 2). A request crosses the lattice `hops`
 * times (counted at the NATS server: HTTP provider → actor host → keyvalue provider), so
 * `addedOverPathFloor` sets the same figure against `hops` floors, the least any lattice can add;
 * and `addedOverRelay` against the same two hops made by plain NATS clients in three processes
 * (this one → a relay → a responder), which pay each hop's process switches as the lattice does.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { kvcounterComponents, REPO_ROOT } from '../examples/kvcounter/components.ts';
import { encodeHttpRequest } from '../generated/wasmcloud-httpserver/http-server/codec.ts';
import { buildComponents } from '../src/component/build.ts';
import { generateTarget } from '../src/service/generate.ts';
import { writeOutputs } from '../src/service/output.ts';
import { serve } from '../src/service/serve.ts';
import { startNatsServer, type NatsServer } from '../test/lattice/nats-server.ts';
import { requireWrk, wrk, type WrkOptions, type WrkResult } from './wrk.ts';

const LOAD: WrkOptions = { threads: 1, connections: 16, seconds: 6 };
const UNLOADED: WrkOptions = { threads: 1, connections: 1, seconds: 4 };
const WARMUP: WrkOptions = { ...LOAD, seconds: 2 };
const ROUNDS = 3;
/** Request/replies of the floor per round, after as many to warm up. */
const FLOOR_REQUESTS = 4000;
/** Sequential HTTP requests whose NATS messages are counted to find the hops of one request. */
const HOP_REQUESTS = 100;
const WITBUS_BIN = join(REPO_ROOT, 'scripts/witbus-dev.mjs');
const RELAY = join(REPO_ROOT, 'bench/nats-relay.ts');
/** Linux's clock ticks per second, the unit of /proc/<pid>/stat's CPU times. */
const CLOCK_TICKS = 100;

const round = (n: number, digits = 3): number => Number(n.toFixed(digits));
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** The kvcounter app folder on QuickJS, built (or found in the cache) as `npm run demo` does. */
async function appFolder(): Promise<string> {
  const generatedDir = join(REPO_ROOT, 'generated');
  const adapters = await generateTarget({ wit: join(REPO_ROOT, 'wit'), out: generatedDir });
  writeOutputs([{ dir: generatedDir, files: adapters.files }]);
  const out = join(REPO_ROOT, '.witbus-cache', 'kvcounter', 'quickjs');
  await buildComponents(kvcounterComponents(adapters, generatedDir, 'quickjs'), { outDir: out });
  return out;
}

/** `witbus <args>` from the sources, once it has printed a line matching `ready`. */
async function witbus(args: string[], ready: RegExp): Promise<{ child: ChildProcess; line: string }> {
  const child = spawn(process.execPath, ['--conditions=witbus-source', WITBUS_BIN, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  const line = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = stdout.split('\n').find((l) => ready.test(l));
      if (m !== undefined) resolve(m);
    });
    child.once('exit', (code) => reject(new Error(`witbus ${args.join(' ')} exited with ${code}`)));
  });
  return { child, line };
}

/** The CPU time (user and system, all threads) of processes so far, in milliseconds. */
function cpuMs(pids: number[]): number {
  return pids.reduce((sum, pid) => {
    // The fields after the command's `(name)`: utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return sum + ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  }, 0);
}

/** The CPU time the whole machine has spent busy so far (every process, this bench's or not), in milliseconds. */
function machineBusyMs(): number {
  // `cpu  user nice system idle iowait irq softirq steal ...`, in clock ticks.
  const ticks = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = ticks[3]! + ticks[4]!;
  return ((ticks.slice(0, 8).reduce((a, b) => a + b, 0) - idle) * 1000) / CLOCK_TICKS;
}

async function check(base: string, path: string): Promise<void> {
  const answer = await fetch(`${base}${path}`);
  if (answer.status !== 200) throw new Error(`${base} answered ${answer.status} ${await answer.text()}`);
  await answer.arrayBuffer();
}

async function load(base: string, options: WrkOptions): Promise<WrkResult> {
  const result = await wrk(`${base}/load?amount=2`, options);
  if (result.errors > 0) throw new Error(`${base}: ${result.errors} of ${result.requests} requests failed under wrk`);
  return result;
}

interface Loaded extends WrkResult {
  /** CPU time the path's processes spent per request. */
  cpuMsPerRequest: number;
  /** How many of the machine's cores the path's processes kept busy, on average. */
  pathCores: number;
  /** How many cores the whole machine kept busy meanwhile: the path, wrk, and anything else running. */
  machineCores: number;
}

/** Throughput under `LOAD`, and the CPU the path's processes (and the machine) spent meanwhile. */
async function loaded(base: string, cpu: () => number): Promise<Loaded> {
  const before = { path: cpu(), machine: machineBusyMs(), at: performance.now() };
  const result = await load(base, LOAD);
  const ms = performance.now() - before.at;
  const path = cpu() - before.path;
  return {
    ...result,
    cpuMsPerRequest: round(path / result.requests),
    pathCores: round(path / ms, 2),
    machineCores: round((machineBusyMs() - before.machine) / ms, 2),
  };
}

interface Unloaded {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/** The medians of the rounds' unloaded figures. */
const medianOf = (rounds: Unloaded[]): Unloaded => ({
  requestsPerSecond: median(rounds.map((r) => r.requestsPerSecond)),
  p50Ms: median(rounds.map((r) => r.p50Ms)),
  p99Ms: median(rounds.map((r) => r.p99Ms)),
});

const unloaded = async (base: string): Promise<Unloaded> => {
  const { requestsPerSecond, p50Ms, p99Ms } = await load(base, UNLOADED);
  return { requestsPerSecond, p50Ms, p99Ms };
};

/** The NATS request/replies one HTTP request makes: the messages the server takes in, two per request/reply. */
async function hops(base: string, nats: NatsServer): Promise<number> {
  const before = await nats.messagesIn();
  for (let i = 0; i < HOP_REQUESTS; i++) await check(base, '/hops');
  return round(((await nats.messagesIn()) - before) / (2 * HOP_REQUESTS), 2);
}

/** Plain NATS requests on `subject`, one at a time, with a body the size of wrk's request message. */
async function requestReplies(url: string, subject: string, payload: Uint8Array): Promise<Unloaded> {
  const requester = await connect({ servers: url });
  const times: number[] = [];
  const started = performance.now();
  for (let sent = 0; sent < 2 * FLOOR_REQUESTS; sent++) {
    const t = performance.now();
    await requester.request(subject, payload, { timeout: 5000 });
    if (sent >= FLOOR_REQUESTS) times.push(performance.now() - t);
  }
  const seconds = (performance.now() - started) / 2000;
  await requester.close();
  times.sort((a, b) => a - b);
  const at = (p: number): number => round(times[Math.floor((times.length - 1) * p)]!, 3);
  return { requestsPerSecond: round(FLOOR_REQUESTS / seconds, 1), p50Ms: at(0.5), p99Ms: at(0.99) };
}

/** One request/reply between two connections: the floor of one hop. */
async function floor(url: string, payload: Uint8Array): Promise<Unloaded> {
  const responder = await connect({ servers: url });
  responder.subscribe('floor', { callback: (_err, msg) => void msg.respond(payload) });
  await responder.flush();
  const figures = await requestReplies(url, 'floor', payload);
  await responder.close();
  return figures;
}

/** A plain NATS client process (nats-relay.ts), once it is subscribed. */
async function natsClient(args: string[]): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', RELAY, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`nats-relay.ts ${args.join(' ')} exited with ${code}`)));
  });
  return child;
}

export async function bench(): Promise<Record<string, unknown>> {
  await requireWrk();
  const app = await appFolder();
  const request = encodeHttpRequest({
    method: 'GET',
    path: '/load',
    queryString: 'amount=2',
    header: [['host', '127.0.0.1:8080']],
    body: new Uint8Array(),
  });

  const local = await serve({ app, kv: 'memory', port: 0, workers: 1 });
  const nats = await startNatsServer();
  const children: ChildProcess[] = [];
  const start = async (args: string[], ready: RegExp): Promise<{ child: ChildProcess; line: string }> => {
    const started = await witbus([...args, '--nats', nats.url, '--lattice', 'bench'], ready);
    children.push(started.child);
    return started;
  };
  const stop = async (child: ChildProcess): Promise<void> => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    children.splice(children.indexOf(child), 1);
  };
  const replica = async (workers: number): Promise<ChildProcess> =>
    (await start(['serve', app, '--workers', String(workers)], /^wasmbus\.rpc\./)).child;
  const latticeCpu = (): number => cpuMs([nats.pid(), ...children.map((c) => c.pid!)]);
  const ownCpu = (): number => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };
  try {
    await start(['provider', 'keyvalue'], /^wasmbus\.rpc\./);
    const first = await replica(1);
    const url = (await start(['provider', 'httpserver', '--port', '0'], /^http:\/\//)).line;
    // Counted before any load: wrk leaves requests in flight on the connections it drops.
    const pathHops = await hops(url, nats);
    for (const base of [local.url, url]) await wrk(`${base}/warm`, WARMUP);
    // The lattice path's hops with plain NATS clients: this process → a relay process → a responder process.
    const relayProcesses = [
      await natsClient([nats.url, 'relay.end']),
      await natsClient([nats.url, 'relay', 'relay.end']),
    ];
    children.push(...relayProcesses);
    const rounds: { floor: Unloaded; relay: Unloaded; inProcess: Unloaded; lattice: Unloaded }[] = [];
    for (let r = 0; r < ROUNDS; r++)
      rounds.push({
        floor: await floor(nats.url, request),
        relay: await requestReplies(nats.url, 'relay', request),
        inProcess: await unloaded(local.url),
        lattice: await unloaded(url),
      });
    for (const child of relayProcesses) await stop(child);
    const floorFigures = { payloadBytes: request.byteLength, ...medianOf(rounds.map((r) => r.floor)) };
    const relay = medianOf(rounds.map((r) => r.relay));
    const inProcess = { unloaded: medianOf(rounds.map((r) => r.inProcess)), loaded: await loaded(local.url, ownCpu) };
    const oneReplica = { unloaded: medianOf(rounds.map((r) => r.lattice)), loaded: await loaded(url, latticeCpu) };
    const second = await replica(1);
    await wrk(`${url}/warm`, WARMUP);
    const twoReplicas = { unloaded: await unloaded(url), loaded: await loaded(url, latticeCpu) };
    await stop(first);
    await stop(second);
    await replica(2);
    await wrk(`${url}/warm`, WARMUP);
    const oneReplicaTwoWorkers = { unloaded: await unloaded(url), loaded: await loaded(url, latticeCpu) };
    const added = oneReplica.unloaded.p50Ms - inProcess.unloaded.p50Ms;
    return {
      load: LOAD,
      unloaded: { ...UNLOADED, rounds: ROUNDS },
      inProcess,
      lattice: { oneReplica, twoReplicas, oneReplicaTwoWorkers },
      floor: floorFigures,
      relay,
      latticeCost: {
        hops: pathHops,
        addedP50Ms: round(added),
        addedOverFloor: round(added / floorFigures.p50Ms, 2),
        addedOverPathFloor: round(added / (pathHops * floorFigures.p50Ms), 2),
        addedOverRelay: round(added / relay.p50Ms, 2),
        throughputVsInProcess: round(oneReplica.loaded.requestsPerSecond / inProcess.loaded.requestsPerSecond),
        twoReplicasVsOne: round(twoReplicas.loaded.requestsPerSecond / oneReplica.loaded.requestsPerSecond),
        twoWorkersVsOne: round(oneReplicaTwoWorkers.loaded.requestsPerSecond / oneReplica.loaded.requestsPerSecond),
      },
    };
  } finally {
    await local.close();
    await Promise.all(
      children.map((child) => {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        return exited;
      }),
    );
    await nats.kill();
  }
}
