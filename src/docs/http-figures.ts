/**
 * The README's tables of the HTTP-path figures, from the `http-path` entry that `npm run bench`
 * writes into bench/results.json (bench/http-path.bench.ts gives its shape).
 */

interface Wrk {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/** One subject's fastest run: wrk's figures and the CPU the server got meanwhile. */
interface Measured {
  wrk: Wrk;
  serverCores: number;
}

interface FormFigures extends Measured {
  bytes: number;
  buildSeconds: number;
  coldStartMs: number;
  post1MiBMs: number;
  vsPlain: { throughput: number };
}

/** A run of the fastest form, against the plain handler measured with it. */
type Run = Wrk & { serverCores: number; vsPlain: { throughput: number } };

interface Target {
  target: number;
  value: number;
  met: boolean;
}

/** The part of the `http-path` entry the tables show. */
export interface HttpPathResults {
  measuredAt: string;
  machine: { node: string; cpus: number; cpu: string };
  /** Runs of each subject; a figure is the fastest. */
  rounds: number;
  plainNode: Measured & { post1MiBMs: number };
  plainNodeAgain: Measured;
  buildOptions: {
    sm: { wasiFeaturesOn: { sizeVsDefault: number } };
    quickjs: { optSize: { sizeVsDefault: number; throughputVsDefault: number } };
  };
  sm: Record<string, FormFigures>;
  quickjs: Record<string, FormFigures>;
  best: { backend: 'sm' | 'quickjs'; form: string };
  workers: Record<'one' | 'two' | 'mainThread', Run>;
  keyvalue: { redis: Run };
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
const cores = (n: number): string => `${n.toFixed(2)} cores`;
const met = (t: Target): string => `${t.value} (target ${t.target}: ${t.met ? 'met' : 'not met'})`;

const row = (cells: string[]): string => `| ${cells.join(' | ')} |`;
const table = (header: string[], rows: string[][]): string[] => [
  row(header),
  row(header.map(() => '---')),
  ...rows.map(row),
];

export function httpFiguresTable(r: HttpPathResults): string {
  const plain = r.plainNode;
  const forms = (['quickjs', 'sm'] as const).flatMap((engine) =>
    (Object.keys(FORMS) as (keyof typeof FORMS)[]).map((form) => {
      const f = r[engine][form]!;
      return [
        FORMS[form],
        ENGINES[engine],
        mb(f.bytes),
        `${f.buildSeconds} s`,
        ms(f.coldStartMs),
        rps(f.wrk.requestsPerSecond),
        times(f.vsPlain.throughput),
        ms(f.wrk.p50Ms),
        ms(f.wrk.p99Ms),
        ms(f.post1MiBMs),
        cores(f.serverCores),
      ];
    }),
  );
  const run = (label: string, w: Run): string[] => [
    label,
    rps(w.requestsPerSecond),
    times(w.vsPlain.throughput),
    ms(w.p50Ms),
    ms(w.p99Ms),
    cores(w.serverCores),
  ];
  const again = r.plainNodeAgain;
  const best = `${FORMS[r.best.form as keyof typeof FORMS]} on ${ENGINES[r.best.backend]}`;
  const { quickjs, sm } = r.buildOptions;
  const size = r.targets.fusedVsLinkedSize;
  return [
    `Measured ${r.measuredAt.slice(0, 10)} on ${r.machine.cpus} cores (${r.machine.cpu}), Node ${r.machine.node}, by \`npm run bench -- http-path\`: wrk with 1 thread and 32 connections, each form in 1 worker thread with the in-memory keyvalue. Each figure is the fastest of ${r.rounds} runs interleaved with the others of its table; server CPU is what the server process (worker threads included) got during that run, which on a machine busy with other work shows how much of the figure is the machine's.`,
    '',
    ...table(
      [
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
        'server CPU',
      ],
      [
        [
          'plain Node handler',
          '—',
          '—',
          '—',
          '—',
          rps(plain.wrk.requestsPerSecond),
          '1×',
          ms(plain.wrk.p50Ms),
          ms(plain.wrk.p99Ms),
          ms(plain.post1MiBMs),
          cores(plain.serverCores),
        ],
        ...forms,
      ],
    ),
    '',
    `The fastest form (${best}), run otherwise, against the plain handler measured with them (${rps(again.wrk.requestsPerSecond)} requests/s on ${cores(again.serverCores)}):`,
    '',
    ...table(
      ['run', 'requests/s', 'vs plain', 'p50', 'p99', 'server CPU'],
      [
        run('1 worker thread', r.workers.one),
        run('2 worker threads', r.workers.two),
        run('main thread, no workers', r.workers.mainThread),
        run('Redis keyvalue (1 worker)', r.keyvalue.redis),
      ],
    ),
    '',
    `Build options: QuickJS's size-optimized runtime (\`optSize\`) makes the fused component ${times(quickjs.optSize.sizeVsDefault)} the size, at ${times(quickjs.optSize.throughputVsDefault)} the throughput; StarlingMonkey with its WASI features left on is ${times(sm.wasiFeaturesOn.sizeVsDefault)} the size.`,
    '',
    `Targets: fastest form vs the plain handler's throughput ${met(r.targets.bestVsPlainThroughput)}; fused size vs the runtime-linked set ${met(size.quickjs)} on QuickJS and ${met(size.sm)} on StarlingMonkey; 2 workers vs 1 ${met(r.targets.twoWorkersVsOne)}.`,
  ].join('\n');
}
