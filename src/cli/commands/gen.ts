/** `witbus gen`: generate adapters, check that generated output is current, or watch. */
import { watch } from 'node:fs';
import { resolve } from 'node:path';
import type { GenerateTarget } from '../../config/config.ts';
import type { GenerateResult } from '../../gen/generate.ts';
import { ConfigError, findConfig, loadConfig } from '../../node/config-file.ts';
import { generateTarget, UserError } from '../../node/generate-target.ts';
import { staleFiles, writeFiles } from '../../node/write-files.ts';
import { parseCommandArgs, type CliCommand } from '../command.ts';

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

/** Writes (or checks) one target's files; returns whether they were up to date. */
function emit(target: GenerateTarget, result: GenerateResult, check: boolean): boolean {
  for (const c of result.contracts) {
    for (const s of c.skipped) {
      process.stderr.write(`warning: skipped \`${s.func.name}\` of ${c.witId}: it uses ${s.reasons.join(', ')}\n`);
    }
  }
  if (check) {
    const stale = staleFiles(target.out, result.files);
    for (const path of stale) process.stdout.write(`stale: ${resolve(target.out, path)}\n`);
    return stale.length === 0;
  }
  const report = writeFiles(target.out, result.files);
  process.stdout.write(
    `${target.wit} -> ${target.out}: ${result.contracts.length} contract(s), ` +
      `${report.written.length} written, ${report.unchanged.length} unchanged\n`,
  );
  return true;
}

async function targets(positionals: string[], values: Record<string, unknown>): Promise<GenerateTarget[]> {
  const configFile = typeof values.config === 'string' ? resolve(values.config) : findConfig(process.cwd());
  const config = configFile ? await loadConfig(configFile) : { generate: [] };
  const cli: Partial<GenerateTarget> = {
    ...(typeof values.features === 'string' ? { features: values.features.split(',').filter(Boolean) } : {}),
    ...(values['all-features'] ? { allFeatures: true } : {}),
  };
  const withCli = (t: GenerateTarget): GenerateTarget => ({
    ...t,
    ...cli,
    ...(values['skip-unsupported'] ? { contracts: { ...t.contracts, skipUnsupported: true } } : {}),
  });
  if (positionals.length === 0) {
    if (!configFile) throw new UserError('error: no <wit> given and no witbus.config.ts found (see `witbus gen --help`)');
    return config.generate.map(withCli);
  }
  if (positionals.length > 1) throw new UserError('error: give one <wit> path (see `witbus gen --help`)');
  const wit = resolve(positionals[0]!);
  const out = typeof values.out === 'string' ? resolve(values.out) : undefined;
  // Options for this input come from the config's target for the same WIT path, if any.
  const matching = config.generate.filter((t) => t.wit === wit && (out === undefined || t.out === out));
  if (matching.length > 0) return matching.map(withCli);
  if (out === undefined) throw new UserError(`error: -o <dir> is required: the config has no target for ${wit}`);
  return [withCli({ wit, out })];
}

async function once(positionals: string[], values: Record<string, unknown>): Promise<number> {
  const check = values.check === true;
  // Generate every target before writing any, so an error leaves the disk untouched.
  const results: [GenerateTarget, GenerateResult][] = [];
  for (const t of await targets(positionals, values)) results.push([t, await generateTarget(t)]);
  let upToDate = true;
  for (const [t, result] of results) upToDate = emit(t, result, check) && upToDate;
  if (check && upToDate) process.stdout.write('generated files are up to date\n');
  return upToDate ? 0 : 1;
}

function report(e: unknown): number {
  if (e instanceof UserError || e instanceof ConfigError) {
    process.stderr.write(`${e.message}\n`);
    return 1;
  }
  throw e;
}

async function watchMode(positionals: string[], values: Record<string, unknown>): Promise<number> {
  const run = () =>
    once(positionals, values).then(
      () => undefined,
      (e: unknown) => void report(e),
    );
  await run();
  const dirs = [...new Set((await targets(positionals, values)).map((t) => t.wit))];
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
    try {
      return values.watch ? await watchMode(positionals, values) : await once(positionals, values);
    } catch (e) {
      return report(e);
    }
  },
};
