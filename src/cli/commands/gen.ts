/** `witbus gen`: generate adapters, check that generated output is current, or watch. */
import { watch } from 'node:fs';
import { resolve } from 'node:path';
import type { GenerateTarget } from '../../config/config.ts';
import type { GenerateResult } from '../../gen/generate.ts';
import { UserError } from '../../service/errors.ts';
import { generateTarget } from '../../service/generate.ts';
import { staleFiles, writeOutputs } from '../../service/output.ts';
import { resolveTargets, type TargetRequest } from '../../service/targets.ts';
import { parseCommandArgs, type CliCommand } from '../command.ts';
import { reportFailure } from '../report.ts';

const HELP = `usage: witbus gen [<wit> -o <dir>] [options]

Generates, per contract interface, the sender and receiver adapters, their world WIT, the codec
module and the contract's TypeScript types. With no <wit>, runs every target of witbus.config.ts.

options:
  -o, --out <dir>        output folder (required with <wit> unless the config has a target for it)
  -c, --config <file>    config file (default: witbus.config.{ts,mts,js,mjs,json} in the cwd)
      --features <a,b>   enable these @unstable features
      --all-features     enable every @unstable feature
      --skip-unsupported generate the functions that can cross a wire and list the others
      --check            write nothing; list stale files and exit 1 if there are any
  -w, --watch            regenerate when a WIT file changes
  -h, --help             show this help`;

function warnSkipped(result: GenerateResult): void {
  for (const c of result.contracts) {
    for (const s of c.skipped) {
      process.stderr.write(`warning: skipped \`${s.func.name}\` of ${c.witId}: it uses ${s.reasons.join(', ')}\n`);
    }
  }
}

async function once(positionals: string[], values: Record<string, unknown>): Promise<number> {
  const { targets } = await resolveTargets(request(positionals, values));
  // Generate every target before writing any, and write all of them or none.
  const results: [GenerateTarget, GenerateResult][] = [];
  for (const t of targets) results.push([t, await generateTarget(t)]);
  for (const [, result] of results) warnSkipped(result);
  const sets = results.map(([t, result]) => ({ dir: t.out, files: result.files }));
  if (values.check === true) {
    const stale = sets.flatMap((set) => staleFiles(set).map((path) => resolve(set.dir, path)));
    for (const path of stale) process.stdout.write(`stale: ${path}\n`);
    if (stale.length === 0) process.stdout.write('generated files are up to date\n');
    return stale.length === 0 ? 0 : 1;
  }
  const { reports } = writeOutputs(sets);
  results.forEach(([t, result], i) => {
    const report = reports[i]!;
    process.stdout.write(
      `${t.wit} -> ${t.out}: ${result.contracts.length} contract(s), ` +
        `${report.written.length} written, ${report.unchanged.length} unchanged\n`,
    );
  });
  return 0;
}

function request(positionals: string[], values: Record<string, unknown>): TargetRequest {
  if (positionals.length > 1) throw new UserError('error: give one <wit> path (see `witbus gen --help`)');
  return {
    ...(positionals[0] !== undefined ? { wit: positionals[0] } : {}),
    ...(typeof values.out === 'string' ? { out: values.out } : {}),
    ...(typeof values.config === 'string' ? { config: values.config } : {}),
    ...(typeof values.features === 'string' ? { features: values.features.split(',').filter(Boolean) } : {}),
    ...(values['all-features'] ? { allFeatures: true } : {}),
    ...(values['skip-unsupported'] ? { skipUnsupported: true } : {}),
  };
}

async function watchMode(positionals: string[], values: Record<string, unknown>): Promise<number> {
  const run = () =>
    once(positionals, values).then(
      () => undefined,
      // A failed run is reported and the watch goes on.
      (e: unknown) => void reportFailure(e, false),
    );
  await run();
  const dirs = [...new Set((await resolveTargets(request(positionals, values))).targets.map((t) => t.wit))];
  let timer: NodeJS.Timeout | undefined;
  for (const dir of dirs) {
    watch(dir, { recursive: true }, (_event, file) => {
      if (file !== null && !String(file).endsWith('.wit')) return;
      clearTimeout(timer);
      timer = setTimeout(() => void run(), 100);
    });
  }
  process.stdout.write(`watching ${dirs.join(', ')} (Ctrl-C to stop)\n`);
  return new Promise(() => {});
}

export const command: CliCommand = {
  summary: 'generate sender/receiver adapters, codecs and types from WIT contracts',
  async run(argv) {
    const parsed = parseCommandArgs('gen', HELP, argv, {
      out: { type: 'string', short: 'o' },
      config: { type: 'string', short: 'c' },
      features: { type: 'string' },
      'all-features': { type: 'boolean' },
      'skip-unsupported': { type: 'boolean' },
      check: { type: 'boolean' },
      watch: { type: 'boolean', short: 'w' },
    });
    if (typeof parsed === 'number') return parsed;
    const { values, positionals } = parsed;
    return values.watch ? watchMode(positionals, values) : once(positionals, values);
  },
};
