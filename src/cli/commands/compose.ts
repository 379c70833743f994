/**
 * `witbus compose <app> <adapter>... -o <file.wasm>`: one deployable component from the business
 * logic's component and its adapters, wired by interface name.
 */
import { defineCommand } from '../command.ts';
import { info } from '../output.ts';
import { formatSize } from '../../component/progress.ts';

interface ComposeArgs {
  app: string;
  adapters: string[];
  out: string;
  backend?: 'sm' | 'quickjs';
}

const command = defineCommand<ComposeArgs>({
  command: 'compose <app> <adapters..>',
  describe: 'compose the business logic and its adapters into one deployable component',
  builder: (y) =>
    y
      .positional('app', {
        type: 'string',
        demandOption: true,
        describe: "the business logic's component: a .wasm file or a folder from witbus build",
      })
      .positional('adapters', {
        type: 'string',
        array: true,
        demandOption: true,
        describe: 'its adapter components, the same way, or installed contract packages by npm name',
      })
      .option('out', {
        alias: 'o',
        type: 'string',
        demandOption: true,
        describe: 'the composite component file to write',
      })
      .option('backend', {
        choices: ['sm', 'quickjs'] as const,
        describe: "the engine of the packages' components (default: the app folder's, or the packages' only one)",
      })
      .epilogue(
        'Each import a child needs is wired to the child exporting that interface; the imports no child provides ' +
          "(the sender's wasmcloud:wasmbus/sender, WASI) become imports of the composite, one per interface, and " +
          "the interfaces no child uses (the receiver's wasmcloud:wasmbus/receiver) its exports.",
      )
      .example('$0 compose app.wasm sender.wasm receiver.wasm -o actor.wasm', 'an app and its adapters as one')
      .example(
        '$0 compose build/app @acme/things-store -o actor.wasm',
        'with the adapters the app uses from an installed contract package',
      ),
  async run(args) {
    const { composeFiles } = await import('../../service/compose.ts');
    const report = await composeFiles({
      components: [args.app, ...args.adapters],
      out: args.out,
      ...(args.backend !== undefined ? { backend: args.backend } : {}),
    });
    info(`${report.out}: ${report.children.length} components, ${formatSize(report.bytes.length)}`);
    info(`  imports: ${report.imports.join(', ') || '(none)'}`);
    info(`  exports: ${report.exports.join(', ')}`);
    return 0;
  },
});
export default command;
