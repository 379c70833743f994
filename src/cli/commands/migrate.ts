/**
 * `witbus migrate <files|dir>... -o <dir>`: rewrites a package written in wit-bindgen's 2022
 * dialect (the wasmCloud proof of concept's WIT) as one modern WIT file with a package, its
 * interfaces and the worlds of the seed's modules. Nothing is written unless all of it succeeds.
 */
import { join, resolve } from 'node:path';
import { defineCommand } from '../command.ts';
import { info } from '../output.ts';

interface MigrateArgs {
  inputs: string[];
  out: string;
  package?: string;
}

const command = defineCommand<MigrateArgs>({
  command: 'migrate <inputs..>',
  describe: 'rewrite 2022-dialect WIT (the wasmCloud proof of concept) as modern WIT with worlds',
  builder: (y) =>
    y
      .positional('inputs', {
        type: 'string',
        array: true,
        demandOption: true,
        describe: '2022-dialect .wit files or folders',
      })
      .option('out', {
        alias: 'o',
        type: 'string',
        demandOption: true,
        describe: 'folder to write <name>.wit into (created if missing)',
      })
      .option('package', { type: 'string', describe: 'package name, ns:name[@version] (default witbus:seed)' })
      .epilogue(
        'Each input file (one interface per file, `use * from x`, `name: function(...)`, `expected<T, E>`) ' +
          "becomes an interface named after the file; worlds are added for the seed's modules: " +
          '<contract>-receiver, <contract>-sender and host-sender.',
      )
      .example('$0 migrate wit/seed -o /tmp/seed-modern', "the seed's files as one modern package"),
  async run(args) {
    const { migrateFiles } = await import('../../service/migrate.ts');
    const { writeOutputs } = await import('../../service/output.ts');
    const migrated = migrateFiles(args.inputs, args.package === undefined ? {} : { package: args.package });
    const out = resolve(args.out);
    writeOutputs([{ dir: out, files: [{ path: `${migrated.name}.wit`, content: migrated.text }] }]);
    info(`wrote ${migrated.packageName} to ${join(out, `${migrated.name}.wit`)}`);
    return 0;
  },
});
export default command;
