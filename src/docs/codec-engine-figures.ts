/**
 * The README's table of the codec inside the engines, from the `codec-engine` entry that
 * `npm run bench -- codec-engine` writes into bench/results.json (bench/codec-engine.bench.ts gives
 * its shape).
 */

interface CaseFigures {
  decodeMs: number;
  decodeRatio: number;
  encodeMs: number;
  encodeRatio: number;
}

/** The part of the `codec-engine` entry the table shows. */
export interface CodecEngineResults {
  measuredAt: string;
  machine: { node: string; cpus: number; cpu: string };
  sm: Record<string, CaseFigures>;
  quickjs: Record<string, CaseFigures>;
  targets: { decodeRatio: number; encodeRatio: number };
}

/** The bench's cases in the table's order, with what each is. */
const CASES: [string, string][] = [
  ['request-small', 'httpserver request without a body'],
  ['request-64k', 'httpserver request, 64 KiB body'],
  ['request-1m', 'httpserver request, 1 MiB body'],
  ['keyvalue-strings-10k', 'keyvalue list of 10k strings'],
  ['records-10k', 'list of 10k records'],
];

const ms = (n: number): string =>
  n >= 10 ? `${n.toFixed(1)} ms` : n >= 1 ? `${n.toFixed(2)} ms` : `${n.toFixed(3)} ms`;
const cell = (time: number, ratio: number): string => `${ms(time)} (${ratio.toFixed(1)}×)`;

export function codecEngineTable(r: CodecEngineResults): string {
  const day = r.measuredAt.slice(0, 10);
  const lines = [
    `Measured ${day} on ${r.machine.cpus} cores (${r.machine.cpu}), Node ${r.machine.node}, by \`npm run bench -- codec-engine\`: time per document inside the engine, and in brackets that time against the same engine's own \`JSON.parse\` (decode) or \`JSON.stringify\` (encode) of the same document. Target: ${r.targets.decodeRatio}×.`,
    '',
    '| payload | StarlingMonkey decode | StarlingMonkey encode | QuickJS decode | QuickJS encode |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const [key, what] of CASES) {
    const sm = r.sm[key];
    const qjs = r.quickjs[key];
    if (sm === undefined || qjs === undefined) throw new Error(`bench/results.json codec-engine has no case ${key}`);
    lines.push(
      `| ${what} | ${cell(sm.decodeMs, sm.decodeRatio)} | ${cell(sm.encodeMs, sm.encodeRatio)} | ${cell(qjs.decodeMs, qjs.decodeRatio)} | ${cell(qjs.encodeMs, qjs.encodeRatio)} |`,
    );
  }
  return lines.join('\n');
}
