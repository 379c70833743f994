/**
 * The host's costs: cold build time and size of each kvcounter component on both engines, host
 * cold start, and HTTP latency and throughput of HTTP → receiver → logic → sender → bus →
 * provider against a plain Node handler doing the same increment; and the time of one 1 MiB POST
 * through the same path against the plain handler reading the same body.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startKvcounter } from '../examples/kvcounter/app.ts';
import { kvcounterComponents, REPO_ROOT } from '../examples/kvcounter/components.ts';
import { buildComponents } from '../src/component/build.ts';
import { BACKENDS } from '../src/component/types.ts';
import { generateTarget } from '../src/service/generate.ts';
import { writeOutputs } from '../src/service/output.ts';

const LATENCY_REQUESTS = 400;
const THROUGHPUT_REQUESTS = 2000;
const CONCURRENCY = 32;
const WARMUP = 100;
const POST_BYTES = 1024 * 1024;
/** Each 1 MiB POST takes seconds through the components: one warm-up, then the median of these. */
const POST_REQUESTS = 3;

const round = (n: number, digits = 3): number => Number(n.toFixed(digits));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function hit(url: string): Promise<void> {
  const r = await fetch(url);
  if (r.status !== 200) throw new Error(`${url} answered ${r.status}`);
  await r.arrayBuffer();
}

interface HttpStats {
  p50Ms: number;
  p99Ms: number;
  requestsPerSecond: number;
  /** Median time of one 1 MiB POST, answered once the whole body has been through the handler. */
  post1MiBMs: number;
}

async function post(url: string, body: Uint8Array): Promise<void> {
  const r = await fetch(url, { method: 'POST', body });
  if (r.status !== 200) throw new Error(`POST ${url} answered ${r.status}`);
  await r.arrayBuffer();
}

/** Every byte value, so the body's JSON (an array of numbers) has its typical length. */
const postBody = (): Uint8Array => Uint8Array.from({ length: POST_BYTES }, (_, i) => i & 255);

async function measurePost(base: string): Promise<number> {
  const body = postBody();
  await post(`${base}/post-warm`, body);
  const times: number[] = [];
  for (let i = 0; i < POST_REQUESTS; i++) {
    const t = performance.now();
    await post(`${base}/post`, body);
    times.push(performance.now() - t);
  }
  return round(percentile(times.sort((a, b) => a - b), 50), 1);
}

/** Sequential latency, then throughput with CONCURRENCY requests in flight. */
async function measureHttp(base: string): Promise<HttpStats> {
  for (let i = 0; i < WARMUP; i++) await hit(`${base}/warm`);
  const times: number[] = [];
  for (let i = 0; i < LATENCY_REQUESTS; i++) {
    const t = performance.now();
    await hit(`${base}/latency`);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < THROUGHPUT_REQUESTS) await hit(`${base}/throughput?amount=2`);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const post1MiBMs = await measurePost(base);
  return { p50Ms: round(percentile(times, 50)), p99Ms: round(percentile(times, 99)), requestsPerSecond: round(THROUGHPUT_REQUESTS / seconds, 0), post1MiBMs };
}

/** The baseline: the same counting in a Node handler, with no components in between. */
async function plainNode(): Promise<{ server: Server; url: string }> {
  const counters = new Map<string, number>();
  const server = createServer(async (req, res) => {
    // Like the provider, have the whole body in hand before answering.
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://x');
    const raw = url.searchParams.get('amount');
    const amount = raw !== null && /^[+-]?\d+$/.test(raw) ? Number(raw) : 1;
    const key = `counter:${url.pathname.replace(/\//g, ':')}`;
    const value = (counters.get(key) ?? 0) + amount;
    counters.set(key, value);
    res.writeHead(200).end(JSON.stringify({ counter: value }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

export async function bench(): Promise<Record<string, unknown>> {
  const work = await mkdtemp(join(tmpdir(), 'witbus-bench-'));
  try {
    const generated = join(work, 'generated');
    const adapters = await generateTarget({ wit: join(REPO_ROOT, 'wit'), out: generated });
    if (adapters.contracts.length === 0) throw new Error('witbus gen found no contracts in wit/: nothing to benchmark');
    writeOutputs([{ dir: generated, files: adapters.files }]);
    const result: Record<string, unknown> = {};
    for (const backend of BACKENDS) {
      const out = join(work, backend);
      const buildStarted = performance.now();
      const reports = await buildComponents(kvcounterComponents(adapters, generated, backend), { outDir: out });
      const buildSeconds = round((performance.now() - buildStarted) / 1000, 1);
      const build = Object.fromEntries(
        reports.map((r) => [r.spec.name, { seconds: round(r.ms / 1000, 1), bytes: r.manifest.size }]),
      );
      const started = performance.now();
      const app = await startKvcounter({ componentsDir: out, port: 0 });
      const coldStartMs = round(performance.now() - started, 0);
      try {
        result[backend] = { buildSeconds, build, coldStartMs, http: await measureHttp(app.url) };
      } finally {
        await app.close();
      }
    }
    const baseline = await plainNode();
    let plain: HttpStats;
    try {
      plain = await measureHttp(baseline.url);
      result['plainNode'] = { http: plain };
    } finally {
      baseline.server.close();
      baseline.server.closeAllConnections();
    }
    // The cost of the component path, as multiples of the plain handler measured in this run.
    for (const backend of BACKENDS) {
      const http = (result[backend] as { http: HttpStats }).http;
      result[`${backend}VsPlainNode`] = {
        p50: round(http.p50Ms / plain.p50Ms, 1),
        p99: round(http.p99Ms / plain.p99Ms, 1),
        throughput: round(http.requestsPerSecond / plain.requestsPerSecond, 2),
        post1MiB: round(http.post1MiBMs / plain.post1MiBMs, 1),
      };
    }
    return {
      note: `builds are cold, two at a time in one process (per-component seconds overlap); latency over ${LATENCY_REQUESTS} sequential requests, throughput over ${THROUGHPUT_REQUESTS} with ${CONCURRENCY} in flight; post1MiB is the median of ${POST_REQUESTS} sequential 1 MiB POSTs`,
      ...result,
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
