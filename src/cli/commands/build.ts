/**
 * `witbus build`: generate the adapters of every contract in a WIT input, then build each sender
 * and receiver (and optionally the application's business logic) into a runnable component. The
 * app's adapters for contracts installed from npm (`witbus pack`) come built from their packages.
 */
import { resolve } from 'node:path';
import { defineCommand } from '../command.ts';
import { info, terminalSafe, verbose } from '../output.ts';

interface BuildArgs {
  wit: string;
  out: string;
  backend: 'sm' | 'quickjs';
  app?: string;
  world?: string;
  generated?: string;
  jobs: number;
  quiet?: boolean;
  nodeModules?: boolean;
  compose?: boolean;
  fuse?: boolean;
}

const command = defineCommand<BuildArgs>({
  command: 'build [wit]',
  describe: 'generate adapters and build them (and an app) into components for Node',
  builder: (y) =>
    y
      .positional('wit', { type: 'string', default: 'wit', describe: 'a WIT file or package folder' })
      .option('out', {
        alias: 'o',
        type: 'string',
        demandOption: true,
        describe: 'output folder: one folder per component',
      })
      .option('backend', {
        choices: ['sm', 'quickjs'] as const,
        default: 'sm' as const,
        describe: 'engine: StarlingMonkey or QuickJS',
      })
      .option('app', { type: 'string', describe: 'also build this business-logic module' })
      .option('world', { type: 'string', describe: "the app's world in <wit> (default: the app file's name)" })
      .option('generated', { type: 'string', describe: 'where the adapter sources go (default: <out>/generated)' })
      .option('node-modules', {
        type: 'boolean',
        default: true,
        describe: 'find WIT packages the input uses in installed npm packages (--no-node-modules: off)',
      })
      .option('compose', {
        type: 'boolean',
        describe: 'also compose the app and the adapters it uses into <out>/<app>.composed.wasm (and <app>.composed/)',
      })
      .option('fuse', {
        type: 'boolean',
        describe:
          'also bundle the app with the adapters it uses into one component: <out>/<app>.fused.wasm (and <app>.fused/)',
      })
      .option('jobs', { alias: 'j', type: 'number', default: 2, describe: 'builds in progress at once' })
      .check((a) => {
        if (!Number.isInteger(a.jobs) || a.jobs < 1)
          throw new Error(`--jobs must be a positive integer, not ${a.jobs}`);
        if (a.compose === true && a.app === undefined)
          throw new Error('--compose needs --app: the business logic to compose');
        if (a.fuse === true && a.app === undefined) throw new Error('--fuse needs --app: the business logic to fuse');
        return true;
      })
      .example('$0 build wit -o build', 'the sender and receiver of every contract in wit/')
      .example(
        '$0 build wit -o build --app src/app.ts --world app --backend quickjs',
        'and the business logic, on QuickJS',
      )
      .example('$0 build wit -o build --app src/app.ts --compose', 'and the app with its adapters as one component')
      .example('$0 build wit -o build --app src/app.ts --fuse', 'and the app with its adapters fused into one engine'),
  async run(args) {
    const { buildProject } = await import('../../service/build.ts');
    const { progressLines } = await import('../../component/progress.ts');
    const progress = args.quiet ? undefined : progressLines(process.stderr);
    try {
      const reports = await buildProject({
        wit: args.wit,
        out: args.out,
        backend: args.backend,
        jobs: args.jobs,
        nodeModules: args.nodeModules !== false,
        ...(args.app !== undefined ? { app: args.app } : {}),
        ...(args.world !== undefined ? { world: args.world } : {}),
        ...(args.generated !== undefined ? { generated: args.generated } : {}),
        ...(args.fuse === true ? { fuse: true } : {}),
        ...(progress !== undefined ? { observer: progress } : {}),
        note: verbose,
      });
      const { packageLabel } = await import('../../service/installed-adapters.ts');
      const installed = reports.filter((r) => r.installed !== undefined);
      // Beside the progress lines of the components that were built, as formatReport writes them.
      if (progress !== undefined) {
        for (const r of installed)
          process.stderr.write(terminalSafe(`${r.spec.name} [${r.spec.backend}] from ${packageLabel(r.installed!)}\n`));
      }
      const built = reports.filter((r) => !r.cached && r.installed === undefined).length;
      const cached = reports.filter((r) => r.cached).length;
      const from = installed.length > 0 ? `, ${installed.length} from installed packages` : '';
      info(`${resolve(args.out)}: ${reports.length} component(s), ${built} built, ${cached} cached${from}`);
      if (args.compose && args.app !== undefined) {
        const { composeBuiltApp } = await import('../../service/compose.ts');
        const { writeComposedComponent } = await import('../../service/build.ts');
        const composed = await composeBuiltApp(reports, args.app, args.out);
        await writeComposedComponent(reports, composed);
        info(`${composed.out}: ${composed.children.join(' + ')}`);
      }
      if (args.fuse && args.app !== undefined) {
        const { fusedOutput } = await import('../../service/fuse.ts');
        const { file, report } = fusedOutput(reports, args.app, args.out);
        info(`${file}: the app and its adapters in one component, ${report.manifest.size} bytes`);
      }
      return 0;
    } finally {
      progress?.close();
    }
  },
});
export default command;
