/**
 * `npm run bench`: runs every `bench/*.bench.ts` in one process and records their results in
 * `bench/results.json` (committed). Each suite measures witbus against a baseline in the same
 * run, so its ratios mean something on any machine. `npm run bench -- codec` runs one suite and
 * replaces only its entry; `npm run bench -- http-path` measures the whole HTTP path under wrk.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const resultsFile = fileURLToPath(new URL('results.json', import.meta.url));
const only = process.argv.slice(2);
const allSuites = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''))
  .sort();
const suites = allSuites.filter((name) => only.length === 0 || only.includes(name));
const unknown = only.filter((name) => !allSuites.includes(name));
if (unknown.length > 0) throw new Error(`no such bench suite: ${unknown.join(', ')}`);

const machine = { node: process.version, cpus: availableParallelism(), cpu: cpus()[0]?.model ?? 'unknown' };
const previous = existsSync(resultsFile)
  ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as Record<string, unknown>)
  : {};
// The entries of suites that no longer exist go: results.json holds only what a run can repeat.
const results: Record<string, unknown> = Object.fromEntries(
  Object.entries(previous).filter(([name]) => allSuites.includes(name)),
);
for (const name of suites) {
  process.stderr.write(`bench: ${name}...\n`);
  const mod = (await import(`./${name}.bench.ts`)) as { bench(): Promise<Record<string, unknown>> };
  const started = performance.now();
  const result = await mod.bench();
  results[name] = { measuredAt: new Date().toISOString(), machine, ...result };
  process.stderr.write(`bench: ${name} done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  process.stdout.write(`${name}: ${JSON.stringify(result, null, 2)}\n`);
}
const sorted = Object.fromEntries(Object.entries(results).sort(([a], [b]) => (a < b ? -1 : 1)));
writeFileSync(resultsFile, `${JSON.stringify(sorted, null, 2)}\n`);
process.stderr.write(`bench: wrote ${resultsFile}\n`);
