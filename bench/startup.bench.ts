/**
 * `startup` benchmark: whole processes as a user starts them. `witbus --help` and `witbus gen` of
 * the bundled contracts (wit/ into a temporary folder) run the BUILT CLI (bin/witbus.mjs, after a
 * fresh `npm run build`), next to `jco --help` from node_modules/.bin in the same run. Each reports
 * the median of `RUNS` runs after one untimed warm-up. Targets: `--help` at most 150 ms and at
 * most half of jco's.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const RUNS = 5;
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WITBUS = join(ROOT, 'bin/witbus.mjs');
const JCO = join(ROOT, 'node_modules/.bin/jco');

/** The median wall time of running `file args` to completion (it must exit 0). */
function medianMs(file: string, args: string[]): number {
  const once = (): number => {
    const start = performance.now();
    execFileSync(file, args, { cwd: ROOT, stdio: 'ignore' });
    return performance.now() - start;
  };
  once();
  const times = Array.from({ length: RUNS }, once).sort((a, b) => a - b);
  return Math.round(times[Math.floor(RUNS / 2)]! * 10) / 10;
}

export async function bench(): Promise<Record<string, unknown>> {
  // The bin runs dist/: measure the build of these sources, not a stale one.
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  const out = mkdtempSync(join(tmpdir(), 'witbus-startup-bench-'));
  try {
    const witbusHelpMs = medianMs(process.execPath, [WITBUS, '--help']);
    const jcoHelpMs = medianMs(JCO, ['--help']);
    const witbusGenMs = medianMs(process.execPath, [WITBUS, 'gen', 'wit', '-o', out]);
    const helpToJco = Math.round((witbusHelpMs / jcoHelpMs) * 100) / 100;
    return {
      mode: 'whole processes, built CLI',
      runs: RUNS,
      witbusHelpMs,
      jcoHelpMs,
      helpToJco,
      witbusGenBundledMs: witbusGenMs,
      genToJcoHelp: Math.round((witbusGenMs / jcoHelpMs) * 100) / 100,
      targets: { helpMs: 150, helpToJco: 0.5 },
      meetsTargets: witbusHelpMs <= 150 && helpToJco <= 0.5,
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
