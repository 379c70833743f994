/**
 * The whole HTTP path of kvcounter (HTTP → receiver → logic → sender → bus → keyvalue provider)
 * under wrk, against a plain Node handler doing the same increment in the same run:
 * - each form (runtime-linked, composed, fused) on both engines: size, build time, cold start,
 *   throughput, p50/p99, and one 1 MiB POST;
 * - the engines' build options that trade size for call cost, on the fused form;
 * - 1 and 2 worker threads (and the main thread) on the fastest form, and Redis against the
 *   in-memory keyvalue there.
 * Every build is cold, in a fresh folder, all in this one process (as `witbus build` runs them):
 * the first StarlingMonkey build also pays for warming V8 up.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startKvcounter, type KvcounterOptions } from '../examples/kvcounter/app.ts';
import {
  FORMS,
  fusedKvcounter,
  KVCOUNTER,
  kvcounterComponents,
  REPO_ROOT,
  type KvcounterForm,
} from '../examples/kvcounter/components.ts';
import { buildComponents, writeBinaryComponent } from '../src/component/build.ts';
import { bundleGuest } from '../src/component/compile-ts.ts';
import { componentizeGuest, ENGINE_OPTIONS, type EngineOptions } from '../src/component/componentize.ts';
import { BACKENDS, type Backend, type ComponentSpec, type WasmbusInterfaces } from '../src/component/types.ts';
import { redisKeyValueProvider } from '../src/host/providers/keyvalue-redis.ts';
import { writeComposedComponent } from '../src/service/build.ts';
import { composeBuiltApp } from '../src/service/compose.ts';
import { generateTarget, type TargetOutput } from '../src/service/generate.ts';
import { writeOutputs } from '../src/service/output.ts';
import { resolveTargets } from '../src/service/targets.ts';
import { startRedisServer } from '../test/host/redis-server.ts';
import { requireWrk, wrk, type WrkOptions, type WrkResult } from './wrk.ts';

/** One wrk thread: the other core is left to the server (and its worker threads). */
const LOAD: WrkOptions = { threads: 1, connections: 32, seconds: 4 };
/** A short wrk run before the measured ones, so the JIT, the pool and the connections are warm. */
const WARMUP: WrkOptions = { ...LOAD, seconds: 2 };
/** Measured runs of each subject, interleaved with the others' (see measureInRounds). */
const ROUNDS = 3;
const POST_BYTES = 1024 * 1024;
/** Each 1 MiB POST takes seconds through the components: one warm-up, then the median of these. */
const POST_REQUESTS = 3;

/** Variants of the engines' build options whose size (and, where the host can run them, speed) is compared. */
const VARIANTS: Record<Backend, { name: string; options: EngineOptions }> = {
  sm: { name: 'wasiFeaturesOn', options: { ...ENGINE_OPTIONS, sm: { disableFeatures: [] } } },
  quickjs: { name: 'optSize', options: { ...ENGINE_OPTIONS, quickjs: { ...ENGINE_OPTIONS.quickjs, optSize: true } } },
};

const round = (n: number, digits = 3): number => Number(n.toFixed(digits));
const seconds = (ms: number): number => round(ms / 1000, 1);

interface HttpFigures {
  wrk: WrkResult;
  /**
   * CPU time the server (this process, worker threads included) got during the wrk run, in cores:
   * on a machine busy with other work it shows how much of the figure is the machine's.
   */
  serverCores: number;
  /** Median time of one 1 MiB POST, answered once the whole body has been through the handler. */
  post1MiBMs?: number;
}

async function expectCounter(url: string, init?: RequestInit): Promise<void> {
  const r = await fetch(url, init);
  const body = await r.text();
  if (r.status !== 200 || !/^\{"counter":\d+\}$/.test(body)) throw new Error(`${url} answered ${r.status} ${body}`);
}

async function measurePost(base: string): Promise<number> {
  // Every byte value, so the body's JSON (an array of numbers) has its typical length.
  const body = Uint8Array.from({ length: POST_BYTES }, (_, i) => i & 255);
  await expectCounter(`${base}/post-warm`, { method: 'POST', body });
  const times: number[] = [];
  for (let i = 0; i < POST_REQUESTS; i++) {
    const t = performance.now();
    await expectCounter(`${base}/post`, { method: 'POST', body });
    times.push(performance.now() - t);
  }
  return round(times.sort((a, b) => a - b)[Math.floor(POST_REQUESTS / 2)]!, 1);
}

/** One wrk run; a failed request makes the figure worthless, so it throws. */
async function measureOnce(base: string): Promise<HttpFigures> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await wrk(`${base}/load?amount=2`, LOAD);
  const used = process.cpuUsage(cpu);
  const serverCores = round((used.user + used.system) / 1000 / (performance.now() - started), 2);
  if (result.errors > 0) throw new Error(`${base}: ${result.errors} of ${result.requests} requests failed under wrk`);
  return { wrk: result, serverCores };
}

/** The baseline: the same counting in a Node handler, with no components in between. */
async function plainNode(): Promise<Subject> {
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
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

/** A server under test. */
interface Subject {
  url: string;
  /** From starting it to its first answer (kvcounter only). */
  coldStartMs?: number;
  close(): Promise<void>;
}

async function kvcounter(options: KvcounterOptions): Promise<Subject> {
  const started = performance.now();
  const app = await startKvcounter(options);
  await expectCounter(`${app.url}/first`);
  return { url: app.url, coldStartMs: round(performance.now() - started, 0), close: () => app.close() };
}

/**
 * Measures running subjects in turn, ROUNDS times, and keeps each one's fastest run: the machine's
 * changing load then falls on all of them alike, and the fastest run is the least disturbed. Then
 * the 1 MiB POST of those named in `post`. Closes them all.
 */
async function measureInRounds(
  subjects: Record<string, Subject>,
  post: string[] = [],
): Promise<Record<string, HttpFigures & { coldStartMs?: number }>> {
  const best: Record<string, HttpFigures & { coldStartMs?: number }> = {};
  try {
    for (const { url } of Object.values(subjects)) {
      await expectCounter(`${url}/check`);
      await wrk(`${url}/warm`, WARMUP);
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, { url }] of Object.entries(subjects)) {
        const figures = await measureOnce(url);
        if (figures.wrk.requestsPerSecond > (best[name]?.wrk.requestsPerSecond ?? -1)) best[name] = figures;
      }
    }
    for (const [name, subject] of Object.entries(subjects)) {
      if (subject.coldStartMs !== undefined) best[name]!.coldStartMs = subject.coldStartMs;
      if (post.includes(name)) best[name]!.post1MiBMs = await measurePost(subject.url);
    }
    return best;
  } finally {
    for (const subject of Object.values(subjects)) await subject.close();
  }
}

/** Throughput and latency as multiples of the plain handler's. */
function vsPlain(figures: HttpFigures, plain: HttpFigures): Record<string, number> {
  return {
    throughput: round(figures.wrk.requestsPerSecond / plain.wrk.requestsPerSecond, 3),
    p50: round(figures.wrk.p50Ms / plain.wrk.p50Ms, 1),
    p99: round(figures.wrk.p99Ms / plain.wrk.p99Ms, 1),
    ...(figures.post1MiBMs !== undefined && plain.post1MiBMs !== undefined
      ? { post1MiB: round(figures.post1MiBMs / plain.post1MiBMs, 1) }
      : {}),
  };
}

interface FormBuild {
  bytes: number;
  buildSeconds: number;
}

/** Builds the three forms of kvcounter on `backend` into `out`, as `witbus build --compose --fuse` does. */
async function buildForms(
  output: TargetOutput,
  generated: string,
  backend: Backend,
  out: string,
): Promise<{ builds: Record<KvcounterForm, FormBuild>; fused: ComponentSpec; wasmbus: WasmbusInterfaces }> {
  let t = performance.now();
  const linked = kvcounterComponents(output, generated, backend);
  const reports = await buildComponents(linked, { outDir: out });
  const linkedMs = performance.now() - t;
  t = performance.now();
  const app = linked.find((spec) => spec.name === KVCOUNTER)!;
  const composed = await writeComposedComponent(reports, await composeBuiltApp(reports, app.sourcePath, out));
  const composeMs = performance.now() - t;
  t = performance.now();
  const fused = fusedKvcounter(output, generated, backend).spec;
  const [fusedReport] = await buildComponents([fused], { outDir: out });
  const fusedMs = performance.now() - t;
  return {
    fused,
    wasmbus: fusedReport!.manifest.wasmbus,
    builds: {
      linked: { bytes: reports.reduce((sum, r) => sum + r.manifest.size, 0), buildSeconds: seconds(linkedMs) },
      // The composite nests the linked set's binaries: its build is theirs plus composing.
      composed: { bytes: composed.size, buildSeconds: seconds(linkedMs + composeMs) },
      fused: { bytes: fusedReport!.manifest.size, buildSeconds: seconds(fusedMs) },
    },
  };
}

/** The fused form built with the engine's other option variant, into `<out>/<fused name>/`. */
async function buildVariant(fused: ComponentSpec, wasmbus: WasmbusInterfaces, out: string): Promise<FormBuild> {
  const t = performance.now();
  const jsSource = await bundleGuest(fused.sourcePath, fused.witModules);
  const bytes = await componentizeGuest({ ...fused, jsSource }, VARIANTS[fused.backend].options);
  const buildSeconds = seconds(performance.now() - t);
  await writeBinaryComponent(out, bytes, {
    name: fused.name,
    world: fused.world,
    backend: fused.backend,
    key: VARIANTS[fused.backend].name,
    wasmbus,
  });
  return { bytes: bytes.byteLength, buildSeconds };
}

async function generate(generated: string): Promise<TargetOutput> {
  const { targets } = await resolveTargets({ wit: 'wit', cwd: REPO_ROOT, config: 'witbus.config.ts' });
  const output = await generateTarget({ ...targets[0]!, out: generated });
  writeOutputs(
    [output, { files: fusedKvcounter(output, generated, BACKENDS[0]!).files }].map((o) => ({
      dir: generated,
      files: o.files,
    })),
  );
  return output;
}

export async function bench(): Promise<Record<string, unknown>> {
  await requireWrk();
  // Started first, so a missing redis-server fails the run before minutes of building; idle until used.
  const redisServer = await startRedisServer();
  const work = await mkdtemp(join(tmpdir(), 'witbus-bench-http-'));
  try {
    // The transpiled components are ES modules in `.js` files; outside this package, the worker
    // threads' loader would read them as CommonJS.
    await writeFile(join(work, 'package.json'), '{ "type": "module" }\n');
    const generated = join(work, 'generated');
    const output = await generate(generated);

    const built: Record<string, { builds: Record<KvcounterForm, FormBuild>; variant: FormBuild }> = {};
    for (const backend of BACKENDS) {
      process.stderr.write(`bench: http-path: building the ${backend} forms\n`);
      const { builds, fused, wasmbus } = await buildForms(output, generated, backend, join(work, backend));
      const variant = await buildVariant(fused, wasmbus, join(work, `${backend}-${VARIANTS[backend].name}`));
      built[backend] = { builds, variant };
    }

    process.stderr.write('bench: http-path: the forms, in rounds\n');
    const formKey = (backend: Backend, form: KvcounterForm): string => `${backend} ${form}`;
    const subjects: Record<string, Subject> = { plain: await plainNode() };
    for (const backend of BACKENDS) {
      for (const form of FORMS) {
        subjects[formKey(backend, form)] = await kvcounter({
          componentsDir: join(work, backend),
          port: 0,
          workers: 1,
          form,
        });
      }
    }
    // Only the QuickJS variant runs in the witbus host: SM's WASI features need imports it does not give.
    const variantDir = join(work, `quickjs-${VARIANTS.quickjs.name}`);
    subjects['quickjs variant'] = await kvcounter({ componentsDir: variantDir, port: 0, workers: 1, form: 'fused' });
    const measured = await measureInRounds(subjects, [
      'plain',
      ...BACKENDS.flatMap((b) => FORMS.map((f) => formKey(b, f))),
    ]);
    const plain = measured['plain']!;

    const forms: Record<string, Record<string, unknown>> = {};
    const buildOptions: Record<string, unknown> = {};
    for (const backend of BACKENDS) {
      const { builds, variant } = built[backend]!;
      forms[backend] = Object.fromEntries(
        FORMS.map((form) => {
          const figures = measured[formKey(backend, form)]!;
          return [form, { ...builds[form], ...figures, vsPlain: vsPlain(figures, plain) }];
        }),
      );
      const variantHttp = backend === 'quickjs' ? measured['quickjs variant']! : undefined;
      buildOptions[backend] = {
        default: { options: ENGINE_OPTIONS[backend], bytes: builds.fused.bytes },
        [VARIANTS[backend].name]: {
          options: VARIANTS[backend].options[backend],
          ...variant,
          sizeVsDefault: round(variant.bytes / builds.fused.bytes, 3),
          ...(variantHttp === undefined
            ? {}
            : {
                ...variantHttp,
                throughputVsDefault: round(
                  variantHttp.wrk.requestsPerSecond / measured[formKey(backend, 'fused')]!.wrk.requestsPerSecond,
                  3,
                ),
              }),
        },
      };
    }

    const candidates = BACKENDS.flatMap((backend) => FORMS.map((form) => ({ backend, form })));
    const best = candidates.reduce((a, b) =>
      measured[formKey(b.backend, b.form)]!.wrk.requestsPerSecond >
      measured[formKey(a.backend, a.form)]!.wrk.requestsPerSecond
        ? b
        : a,
    );
    process.stderr.write(`bench: http-path: workers and keyvalue on ${best.backend} ${best.form}, in rounds\n`);
    const at = (workers: number): KvcounterOptions => ({
      componentsDir: join(work, best.backend),
      port: 0,
      workers,
      form: best.form,
    });
    const keyvalue = await redisKeyValueProvider({ url: redisServer.url });
    let runs: Awaited<ReturnType<typeof measureInRounds>>;
    try {
      runs = await measureInRounds({
        plain: await plainNode(),
        one: await kvcounter(at(1)),
        two: await kvcounter(at(2)),
        mainThread: await kvcounter(at(0)),
        redis: await kvcounter({ ...at(1), keyvalue }),
      });
    } finally {
      await keyvalue.close();
    }
    const plainAgain = runs['plain']!;
    const against = (name: string): Record<string, unknown> => ({
      ...runs[name]!.wrk,
      serverCores: runs[name]!.serverCores,
      vsPlain: vsPlain(runs[name]!, plainAgain),
    });

    const bestVsPlain = measured[formKey(best.backend, best.form)]!.wrk.requestsPerSecond / plain.wrk.requestsPerSecond;
    const fusedVsLinked = (backend: Backend): number =>
      round(built[backend]!.builds.fused.bytes / built[backend]!.builds.linked.bytes, 3);
    const twoVsOne = runs['two']!.wrk.requestsPerSecond / runs['one']!.wrk.requestsPerSecond;
    return {
      note: `wrk ${LOAD.threads} thread, ${LOAD.connections} connections; each figure is the fastest of ${ROUNDS} runs of ${LOAD.seconds} s, interleaved with the other subjects of its group, after ${WARMUP.seconds} s of warm-up; forms run in 1 worker thread; sizes in bytes (linked: the three components together); builds cold, in one process; post1MiB is the median of ${POST_REQUESTS} sequential 1 MiB POSTs; vsPlain against the plain handler of the same group (plainNode for the forms, plainNodeAgain for workers and keyvalue); serverCores: the CPU the server process got during that run`,
      rounds: ROUNDS,
      plainNode: plain,
      ...forms,
      buildOptions,
      best,
      workers: {
        one: against('one'),
        two: against('two'),
        mainThread: against('mainThread'),
        twoVsOne: round(twoVsOne, 3),
      },
      keyvalue: {
        memory: against('one'),
        redis: against('redis'),
        redisVsMemory: round(runs['redis']!.wrk.requestsPerSecond / runs['one']!.wrk.requestsPerSecond, 3),
      },
      plainNodeAgain: plainAgain,
      targets: {
        bestVsPlainThroughput: { target: 0.4, value: round(bestVsPlain, 3), met: bestVsPlain >= 0.4 },
        fusedVsLinkedSize: Object.fromEntries(
          BACKENDS.map((b) => [
            b,
            { target: round(1 / 3, 3), value: fusedVsLinked(b), met: fusedVsLinked(b) <= 1 / 3 },
          ]),
        ),
        twoWorkersVsOne: { target: 1.4, value: round(twoVsOne, 3), met: twoVsOne >= 1.4 },
      },
    };
  } finally {
    await redisServer.kill();
    await rm(work, { recursive: true, force: true });
  }
}
