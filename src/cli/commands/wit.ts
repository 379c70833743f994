/**
 * `witbus wit <file|dir>`: loads a WIT package (modern, or the 2022 dialect) and prints its root
 * package as canonical WIT, like `wasm-tools component wit`, or as the `Resolve` JSON with --json.
 */
import { commaList, defineCommand } from '../command.ts';
import { result } from '../output.ts';

interface WitArgs {
  path: string;
  features?: string;
  allFeatures?: boolean;
  json?: boolean;
  nodeModules?: boolean;
}

const command = defineCommand<WitArgs>({
  command: 'wit <path>',
  describe: 'print a WIT package as canonical WIT, or its resolved model as JSON',
  builder: (y) =>
    y
      .positional('path', {
        type: 'string',
        demandOption: true,
        describe: 'a .wit file or a package folder (with deps/)',
      })
      .option('features', { type: 'string', describe: 'keep @unstable items of these features (a,b)' })
      .option('all-features', { type: 'boolean', describe: 'keep every @unstable item' })
      .option('node-modules', {
        type: 'boolean',
        default: true,
        describe: 'find WIT packages the input uses in installed npm packages (--no-node-modules: off)',
      })
      .option('json', {
        type: 'boolean',
        describe: 'print the resolved model as JSON (wasm-tools component wit --json)',
      })
      .example('$0 wit wit/keyvalue.wit', 'print one package as canonical WIT')
      .example('$0 wit wit --json', 'the resolved model, as wit-parser writes it'),
  async run(args) {
    const { loadWitPackage, printWitPackage } = await import('../../service/wit.ts');
    const loaded = await loadWitPackage(args.path, {
      features: commaList(args.features) ?? [],
      allFeatures: args.allFeatures ?? false,
      nodeModules: args.nodeModules !== false,
    });
    result(printWitPackage(loaded, args.json ? 'json' : 'wit'));
    return 0;
  },
});
export default command;
