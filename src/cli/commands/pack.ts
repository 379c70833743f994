/**
 * `witbus pack`: one npm package folder per contract of a WIT input, with the adapter components,
 * plain JS adapters, the WIT and a README, ready for `npm pack` or `npm publish`.
 */
import { commaList, defineCommand } from '../command.ts';
import { info, result } from '../output.ts';

interface PackArgs {
  wit: string;
  out: string;
  backend: string;
  name?: string;
  packageVersion?: string;
  cache?: string;
  jobs: number;
  quiet?: boolean;
  nodeModules?: boolean;
}

const command = defineCommand<PackArgs>({
  command: 'pack <wit>',
  describe: 'pack each contract as an npm package: components, plain JS adapters, WIT and README',
  builder: (y) =>
    y
      .positional('wit', { type: 'string', demandOption: true, describe: 'a WIT file or package folder' })
      .option('out', { alias: 'o', type: 'string', demandOption: true, describe: 'output folder: one package folder per contract' })
      .option('backend', { type: 'string', default: 'sm', describe: 'engines to build the components for (sm,quickjs)' })
      .option('name', { type: 'string', describe: 'npm name template (default @{namespace}/{package}-{interface})' })
      .option('package-version', { type: 'string', describe: "the packages' version (default: the WIT package's)" })
      .option('cache', { type: 'string', describe: 'where components are built and kept between runs (default .witbus-cache/pack)' })
      .option('node-modules', {
        type: 'boolean',
        default: true,
        describe: 'find WIT packages the input uses in installed npm packages (--no-node-modules: off)',
      })
      .option('jobs', { alias: 'j', type: 'number', default: 2, describe: 'builds in progress at once' })
      .check((a) => {
        if (!Number.isInteger(a.jobs) || a.jobs < 1) throw new Error(`--jobs must be a positive integer, not ${a.jobs}`);
        return true;
      })
      .example('$0 pack wit -o packages', 'an npm package per contract in wit/, StarlingMonkey components')
      .example("$0 pack wit -o packages --backend sm,quickjs --name '@acme/{interface}'", 'both engines, named @acme/<interface>'),
  async run(args) {
    const { packBackends, packContracts } = await import('../../service/pack.ts');
    const { progressLines } = await import('../../component/progress.ts');
    const backends = packBackends(commaList(args.backend) ?? []);
    const progress = args.quiet ? undefined : progressLines(process.stderr);
    try {
      const report = await packContracts({
        wit: args.wit,
        out: args.out,
        backends,
        jobs: args.jobs,
        nodeModules: args.nodeModules !== false,
        ...(args.name !== undefined ? { name: args.name } : {}),
        ...(args.packageVersion !== undefined ? { version: args.packageVersion } : {}),
        ...(args.cache !== undefined ? { cache: args.cache } : {}),
        ...(progress !== undefined ? { observer: progress } : {}),
      });
      progress?.close();
      for (const p of report.packages) result(`${p.name}@${p.version}: ${p.dir}\n`);
      const built = report.builds.filter((b) => !b.cached).length;
      info(`${report.packages.length} package(s); components: ${built} built, ${report.builds.length - built} cached`);
      return 0;
    } finally {
      progress?.close();
    }
  },
});
export default command;
