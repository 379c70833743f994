/**
 * kvcounter's whole HTTP path over a NATS lattice, its parts in separate processes (`witbus
 * provider httpserver`, one then two `witbus serve --nats` replicas, `witbus provider keyvalue`),
 * against the same app with the in-process bus (`witbus serve`), under wrk in the same run; and,
 * as the floor, a plain NATS request/reply of the size of one HTTP request message.
 *
 * A request crosses the lattice twice (HTTP provider → actor host → keyvalue provider), so the
 * lattice's cost is set against twice the floor: `latticeCost.p50OverFloor` is the latency the
 * lattice adds to the in-process path, in units of the floor's request/reply (target: at most 2).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { kvcounterComponents, REPO_ROOT } from '../examples/kvcounter/components.ts';
import { encodeHttpRequest } from '../generated/wasmcloud-httpserver/http-server/codec.ts';
import { buildComponents } from '../src/component/build.ts';
import { generateTarget } from '../src/service/generate.ts';
import { writeOutputs } from '../src/service/output.ts';
import { serve } from '../src/service/serve.ts';
import { startNatsServer } from '../test/lattice/nats-server.ts';
import { requireWrk, wrk, type WrkOptions, type WrkResult } from './wrk.ts';

const LOAD: WrkOptions = { threads: 1, connections: 16, seconds: 6 };
const WARMUP: WrkOptions = { ...LOAD, seconds: 2 };
const FLOOR_REQUESTS = 20_000;
const WITBUS_BIN = join(REPO_ROOT, 'scripts/witbus-dev.mjs');

const round = (n: number, digits = 3): number => Number(n.toFixed(digits));

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

async function measure(base: string): Promise<WrkResult> {
  const check = await fetch(`${base}/check`);
  if (check.status !== 200) throw new Error(`${base} answered ${check.status} ${await check.text()}`);
  await wrk(`${base}/warm`, WARMUP);
  const result = await wrk(`${base}/load?amount=2`, LOAD);
  if (result.errors > 0) throw new Error(`${base}: ${result.errors} of ${result.requests} requests failed under wrk`);
  return result;
}

/** Request/reply between two connections, as many in flight as wrk's connections, with a body the size of wrk's request message. */
async function floor(url: string): Promise<{ payloadBytes: number; p50Ms: number; p99Ms: number }> {
  const payload = encodeHttpRequest({
    method: 'GET',
    path: '/load',
    queryString: 'amount=2',
    header: [['host', '127.0.0.1:8080']],
    body: new Uint8Array(),
  });
  const responder = await connect({ servers: url });
  const requester = await connect({ servers: url });
  responder.subscribe('floor', { callback: (_err, msg) => void msg.respond(payload) });
  await responder.flush();
  const times: number[] = [];
  let sent = 0;
  // As many in flight as wrk keeps connections open; the first quarter warms up.
  const loop = async (): Promise<void> => {
    while (sent < FLOOR_REQUESTS) {
      const warm = sent++ >= FLOOR_REQUESTS / 4;
      const t = performance.now();
      await requester.request('floor', payload, { timeout: 5000 });
      if (warm) times.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: LOAD.connections }, loop));
  await requester.close();
  await responder.close();
  times.sort((a, b) => a - b);
  const at = (p: number): number => round(times[Math.floor((times.length - 1) * p)]!, 3);
  return { payloadBytes: payload.byteLength, p50Ms: at(0.5), p99Ms: at(0.99) };
}

export async function bench(): Promise<Record<string, unknown>> {
  await requireWrk();
  const app = await appFolder();

  const local = await serve({ app, kv: 'memory', port: 0, workers: 1 });
  let inProcess: WrkResult;
  try {
    inProcess = await measure(local.url);
  } finally {
    await local.close();
  }

  const nats = await startNatsServer();
  const children: ChildProcess[] = [];
  const start = async (args: string[], ready: RegExp): Promise<string> => {
    const { child, line } = await witbus([...args, '--nats', nats.url, '--lattice', 'bench'], ready);
    children.push(child);
    return line;
  };
  try {
    const floorFigures = await floor(nats.url);
    await start(['provider', 'keyvalue'], /^wasmbus\.rpc\./);
    await start(['serve', app, '--workers', '1'], /^wasmbus\.rpc\./);
    const url = await start(['provider', 'httpserver', '--port', '0'], /^http:\/\//);
    const oneReplica = await measure(url);
    await start(['serve', app, '--workers', '1'], /^wasmbus\.rpc\./);
    const twoReplicas = await measure(url);
    const added = oneReplica.p50Ms - inProcess.p50Ms;
    return {
      load: LOAD,
      inProcess,
      lattice: { oneReplica, twoReplicas },
      floor: floorFigures,
      latticeCost: {
        addedP50Ms: round(added),
        p50OverFloor: round(added / floorFigures.p50Ms, 1),
        throughputVsInProcess: round(oneReplica.requestsPerSecond / inProcess.requestsPerSecond),
        twoReplicasVsOne: round(twoReplicas.requestsPerSecond / oneReplica.requestsPerSecond),
      },
    };
  } finally {
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
