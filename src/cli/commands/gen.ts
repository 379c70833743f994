/** `witbus gen`: generate adapters, check that generated output is current, or watch. */
import { resolve } from 'node:path';
import type { TargetRequest } from '../../service/targets.ts';
import { commaList, defineCommand } from '../command.ts';
import { info, reportFailure, verbose, warn } from '../output.ts';

interface GenArgs {
  wit?: string;
  out?: string;
  config?: string;
  features?: string;
  allFeatures?: boolean;
  skipUnsupported?: boolean;
  check?: boolean;
  watch?: boolean;
  nodeModules?: boolean;
}

function request(args: GenArgs): TargetRequest {
  const features = commaList(args.features);
  return {
    ...(args.wit !== undefined ? { wit: args.wit } : {}),
    ...(args.out !== undefined ? { out: args.out } : {}),
    ...(args.config !== undefined ? { config: args.config } : {}),
    ...(features !== undefined ? { features } : {}),
    ...(args.allFeatures ? { allFeatures: true } : {}),
    ...(args.skipUnsupported ? { skipUnsupported: true } : {}),
    ...(args.nodeModules === false ? { nodeModules: false } : {}),
  };
}

async function once(args: GenArgs): Promise<{ code: number; watched: string[] }> {
  const { generateTargets } = await import('../../service/generate.ts');
  const { staleFiles, writeOutputs } = await import('../../service/output.ts');
  const run = await generateTargets(request(args));
  for (const { result } of run.results) {
    for (const note of result.notes) verbose(note);
    for (const c of result.contracts) {
      for (const s of c.skipped)
        warn(`warning: skipped \`${s.func.name}\` of ${c.witId}: it uses ${s.reasons.join(', ')}`);
    }
  }
  const sets = run.results.map(({ target, result }) => ({ dir: target.out, files: result.files }));
  if (args.check) {
    const stale = sets.flatMap((set) => staleFiles(set).map((path) => resolve(set.dir, path)));
    for (const path of stale) info(`stale: ${path}`);
    if (stale.length === 0) info('generated files are up to date');
    return { code: stale.length === 0 ? 0 : 1, watched: run.sources };
  }
  const { reports } = writeOutputs(sets);
  run.results.forEach(({ target, result }, i) => {
    const report = reports[i]!;
    info(
      `${target.wit} -> ${target.out}: ${result.contracts.length} contract(s), ` +
        `${report.written.length} written, ${report.unchanged.length} unchanged`,
    );
  });
  return { code: 0, watched: run.sources };
}

/** Regenerates whenever a file the last run read changes (its WIT, its deps, the config). */
async function watchMode(args: GenArgs): Promise<number> {
  const { FileWatcher } = await import('../../service/watch.ts');
  const watcher = new FileWatcher(async () => {
    try {
      return (await once(args)).watched;
    } catch (e) {
      // A failed run is reported and the watch goes on, over the files it had before.
      reportFailure(e);
      return undefined;
    }
  });
  await watcher.start();
  info('watching for changes (Ctrl-C to stop)');
  return new Promise(() => {});
}

export default defineCommand<GenArgs>({
  command: 'gen [wit]',
  describe: 'generate sender/receiver adapters, codecs and types from WIT contracts',
  builder: (y) =>
    y
      .positional('wit', {
        type: 'string',
        describe: 'a WIT file or package folder (with deps/); default: the targets of witbus.config.ts',
      })
      .option('out', {
        alias: 'o',
        type: 'string',
        describe: 'output folder (required with <wit> unless the config has a target for it)',
      })
      .option('config', {
        alias: 'c',
        type: 'string',
        describe: 'config file (default: witbus.config.{ts,mts,js,mjs,json} in the cwd)',
      })
      .option('features', { type: 'string', describe: 'enable these @unstable features (a,b)' })
      .option('all-features', { type: 'boolean', describe: 'enable every @unstable feature' })
      .option('skip-unsupported', {
        type: 'boolean',
        describe: 'generate the functions that can cross a wire and list the others',
      })
      .option('node-modules', {
        type: 'boolean',
        default: true,
        describe: 'find WIT packages the input uses in installed npm packages (--no-node-modules: off)',
      })
      .option('check', { type: 'boolean', describe: 'write nothing; list stale files and exit 1 if there are any' })
      .option('watch', { alias: 'w', type: 'boolean', describe: 'regenerate when an input file changes' })
      .conflicts('check', 'watch')
      .example('$0 gen wit -o generated', 'generate the contracts of wit/ into generated/')
      .example('$0 gen', 'run every target of witbus.config.ts')
      .example('$0 gen --check', 'exit 1 if any generated file is stale (for CI)')
      .example('$0 gen --watch', 'regenerate on every change'),
  async run(args) {
    return args.watch ? watchMode(args) : (await once(args)).code;
  },
});
