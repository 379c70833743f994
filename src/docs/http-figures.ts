/**
 * The README's table of the HTTP-path figures, from the `http-path` entry that `npm run bench`
 * writes into bench/results.json (bench/http-path.bench.ts gives its shape).
 */

interface Wrk {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

interface FormFigures {
  bytes: number;
  buildSeconds: number;
  coldStartMs: number;
  wrk: Wrk;
  post1MiBMs: number;
  vsPlain: { throughput: number };
}

interface Target {
  target: number;
  value: number;
  met: boolean;
}

/** The part of the `http-path` entry the table shows. */
export interface HttpPathResults {
  measuredAt: string;
  machine: { node: string; cpus: number; cpu: string };
  plainNode: { wrk: Wrk; post1MiBMs: number };
  plainNodeAgain: { wrk: Wrk };
  buildOptions: {
    sm: { wasiFeaturesOn: { sizeVsDefault: number } };
    quickjs: { optSize: { sizeVsDefault: number; throughputVsDefault: number } };
  };
  sm: Record<string, FormFigures>;
  quickjs: Record<string, FormFigures>;
  best: { backend: 'sm' | 'quickjs'; form: string };
  workers: {
    one: Wrk;
    two: Wrk & { vsPlain: { throughput: number } };
    mainThread: Wrk & { vsPlain: { throughput: number } };
  };
  keyvalue: { redis: Wrk & { vsPlain: { throughput: number } } };
  targets: {
    bestVsPlainThroughput: Target;
    fusedVsLinkedSize: Record<'sm' | 'quickjs', Target>;
    twoWorkersVsOne: Target;
  };
}

const ENGINES = { sm: 'StarlingMonkey', quickjs: 'QuickJS' } as const;
const FORMS = { linked: 'runtime-linked', composed: 'composed', fused: 'fused' } as const;

const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;
const ms = (n: number): string => (n >= 100 ? `${Math.round(n)} ms` : `${n.toFixed(1)} ms`);
const rps = (n: number): string => Math.round(n).toLocaleString('en-US');
const times = (n: number): string => `${n.toFixed(2)}×`;
const met = (t: Target): string => `${t.value} (target ${t.met ? 'met' : 'not met'}: ${t.target})`;

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

export function httpFiguresTable(r: HttpPathResults): string {
  const header = [
    'form',
    'engine',
    'size',
    'build',
    'cold start',
    'requests/s',
    'vs plain',
    'p50',
    'p99',
    '1 MiB POST',
  ];
  const lines = [
    row(header),
    row(header.map(() => '---')),
    row([
      'plain Node handler',
      '—',
      '—',
      '—',
      '—',
      rps(r.plainNode.wrk.requestsPerSecond),
      '1×',
      ms(r.plainNode.wrk.p50Ms),
      ms(r.plainNode.wrk.p99Ms),
      ms(r.plainNode.post1MiBMs),
    ]),
  ];
  for (const engine of ['quickjs', 'sm'] as const) {
    for (const [form, label] of Object.entries(FORMS)) {
      const f = r[engine][form]!;
      lines.push(
        row([
          label,
          ENGINES[engine],
          mb(f.bytes),
          `${f.buildSeconds} s`,
          ms(f.coldStartMs),
          rps(f.wrk.requestsPerSecond),
          times(f.vsPlain.throughput),
          ms(f.wrk.p50Ms),
          ms(f.wrk.p99Ms),
          ms(f.post1MiBMs),
        ]),
      );
    }
  }
  const best = `${FORMS[r.best.form as keyof typeof FORMS]} on ${ENGINES[r.best.backend]}`;
  const plain = r.plainNode.wrk.requestsPerSecond;
  const variant = (label: string, w: Wrk): string =>
    row([label, rps(w.requestsPerSecond), times(w.requestsPerSecond / plain), ms(w.p50Ms), ms(w.p99Ms)]);
  const options = r.buildOptions;
  return [
    `Measured ${r.measuredAt.slice(0, 10)} on ${r.machine.cpus} cores (${r.machine.cpu}), Node ${r.machine.node}, by \`npm run bench -- http-path\` (wrk, 1 thread, 32 connections; each form in 1 worker thread, in-memory keyvalue).`,
    '',
    ...lines,
    '',
    `The fastest form (${best}), run otherwise:`,
    '',
    row(['run', 'requests/s', 'vs plain', 'p50', 'p99']),
    row(['---', '---', '---', '---', '---']),
    variant('1 worker thread (as above)', r.workers.one),
    variant('2 worker threads', r.workers.two),
    variant('main thread, no workers', r.workers.mainThread),
    variant('Redis keyvalue (1 worker)', r.keyvalue.redis),
    '',
    `The plain handler, measured again at the end of the run, served ${rps(r.plainNodeAgain.wrk.requestsPerSecond)} requests/s: the difference is the noise of the machine.`,
    `Build options: QuickJS's size-optimized runtime (\`optSize\`) makes the fused component ${times(options.quickjs.optSize.sizeVsDefault)} the size, at ${times(options.quickjs.optSize.throughputVsDefault)} the throughput; StarlingMonkey with its WASI features left on is ${times(options.sm.wasiFeaturesOn.sizeVsDefault)} the size.`,
    '',
    `Targets: fastest form vs plain handler ${met(r.targets.bestVsPlainThroughput)}; fused size vs the runtime-linked set ${met(r.targets.fusedVsLinkedSize.quickjs)} on QuickJS, ${met(r.targets.fusedVsLinkedSize.sm)} on StarlingMonkey; 2 workers vs 1 ${met(r.targets.twoWorkersVsOne)}.`,
  ].join('\n');
}
