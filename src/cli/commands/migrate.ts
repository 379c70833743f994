/**
 * `witbus migrate <files|dir>... -o <dir>`: rewrites a package written in wit-bindgen's 2022
 * dialect (the wasmCloud proof of concept's WIT) as one modern WIT file with a package, its
 * interfaces and the worlds of the seed's modules. Nothing is written unless all of it succeeds.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve as resolvePath } from 'node:path';
import { UserError } from '../../service/errors.ts';
import { writeOutputs } from '../../service/output.ts';
import { parseCommandArgs, usageError, type CliCommand } from '../command.ts';
import { WitError, type SourceFile } from '../../wit/diagnostic.ts';
import { renderResolveError } from '../../wit/resolve/errors.ts';
import { DEFAULT_DIALECT2022_PACKAGE, isDialect2022 } from '../../wit/dialect2022/index.ts';
import { migrateDialect2022 } from '../../wit/dialect2022/migrate.ts';

const HELP = `usage: witbus migrate <files|dir>... -o <dir> [--package ns:name[@version]]

Rewrites WIT in wit-bindgen's 2022 dialect (one interface per file, \`use * from x\`,
\`name: function(...)\`, \`expected<T, E>\`) as modern WIT in <dir>/<name>.wit. Each input file
becomes an interface named after the file; worlds are added for the seed's modules:
<contract>-receiver, <contract>-sender and host-sender.

options:
  -o, --out <dir>     directory to write into (created if missing)
  --package <name>    package name (default ${DEFAULT_DIALECT2022_PACKAGE})
  -h, --help          show this help
`;

class UsageError extends Error {}

/** The `.wit` files named by `inputs`: files as given, directories' `.wit` files in name order. */
function inputFiles(inputs: string[]): string[] {
  const files: string[] = [];
  for (const input of inputs) {
    const stat = statSync(input, { throwIfNoEntry: false });
    if (stat === undefined) throw new UsageError(`no such file or directory: ${input}`);
    if (!stat.isDirectory()) files.push(input);
    else {
      const names = readdirSync(input).filter((n) => n.endsWith('.wit')).sort();
      if (names.length === 0) throw new UsageError(`no .wit files in ${input}`);
      files.push(...names.map((n) => join(input, n)));
    }
  }
  return files;
}

async function run(argv: string[]): Promise<number> {
  try {
    const parsed = parseCommandArgs('migrate', HELP, argv, {
      out: { type: 'string', short: 'o' },
      package: { type: 'string' },
    });
    if (typeof parsed === 'number') return parsed;
    const { values, positionals } = parsed;
    if (positionals.length === 0) throw new UsageError('expected input files or a directory');
    if (values.out === undefined) throw new UsageError('expected -o <dir>');
    const files: SourceFile[] = inputFiles(positionals).map((path) => ({ path, text: readFileSync(path, 'utf8') }));
    const modern = files.find((f) => !isDialect2022(f.text));
    if (modern !== undefined) throw new UserError(`witbus migrate: ${modern.path} is not WIT in the 2022 dialect`);
    const sources = { files };
    let migrated;
    try {
      migrated = migrateDialect2022(sources, values.package === undefined ? {} : { package: values.package });
    } catch (e) {
      if (e instanceof WitError) throw new UserError(renderResolveError(e, sources));
      if (e instanceof RangeError) throw new UsageError(e.message);
      throw e;
    }
    const out = resolvePath(values.out);
    writeOutputs([{ dir: out, files: [{ path: `${migrated.name}.wit`, content: migrated.text }] }]);
    process.stdout.write(`wrote ${migrated.packageName} to ${join(out, `${migrated.name}.wit`)}\n`);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) return usageError('migrate', HELP, e.message);
    throw e;
  }
}

export const command: CliCommand = {
  summary: 'rewrite 2022-dialect WIT (the wasmCloud proof of concept) as modern WIT with worlds',
  run,
};
