/**
 * `witbus wit <file|dir>`: loads a WIT package (modern, or the 2022 dialect) and prints its root
 * package as canonical WIT, like `wasm-tools component wit`, or as the `Resolve` JSON with --json.
 */
import { parseCommandArgs, usageError, type CliCommand } from '../command.ts';
import { WitLoadError } from '../../wit/load.ts';
import { UserError, witUserError } from '../../service/errors.ts';
import { loadWitFromDisk, nodeWitFs } from '../../node/wit-fs.ts';
import { printWit } from '../../wit/print/index.ts';
import { resolveToJson } from '../../wit/resolve-json.ts';

const HELP = `usage: witbus wit <file|dir> [--features a,b | --all-features] [--json]

Prints the root package of a WIT file or package directory (with its deps/) as canonical WIT.

options:
  --features a,b   keep @unstable items of these features
  --all-features   keep every @unstable item
  --json           print the resolved model as JSON (wasm-tools component wit --json)
  -h, --help       show this help
`;

async function run(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs('wit', HELP, argv, {
    features: { type: 'string' },
    'all-features': { type: 'boolean' },
    json: { type: 'boolean' },
  });
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) return usageError('wit', HELP, `expected one path, got ${positionals.length}`);
  const path = positionals[0]!;
  if (nodeWitFs.kind(path) === null) throw new UserError(`witbus wit: no such file or directory: ${path}`);
  const features = (values.features ?? '').split(',').map((f) => f.trim()).filter((f) => f !== '');
  try {
    const { resolve, packages } = await loadWitFromDisk(path, {
      features,
      allFeatures: values['all-features'] ?? false,
    });
    process.stdout.write(values.json ? `${resolveToJson(resolve)}\n` : printWit(resolve, packages[0]!, packages.slice(1)));
    return 0;
  } catch (e) {
    if (e instanceof WitLoadError) throw witUserError(e, path);
    throw e;
  }
}

export const command: CliCommand = {
  summary: 'print a WIT package as canonical WIT, or its resolved model as JSON',
  run,
};
