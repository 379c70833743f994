/** `migrate` as a service: read 2022-dialect WIT files and rewrite them as one modern package. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { nodeWitFs } from '../node/wit-fs.ts';
import {
  isDialect2022,
  migrateDialect2022,
  type MigratedPackage,
  NotUtf8Error,
  renderResolveError,
  type SourceFile,
  WitError,
} from '../wit/index.ts';
import { UserError } from './errors.ts';

/** The `.wit` files named by `inputs`: files as given, folders' `.wit` files in name order. */
function inputFiles(inputs: string[]): string[] {
  const files: string[] = [];
  for (const input of inputs) {
    const stat = statSync(input, { throwIfNoEntry: false });
    if (stat === undefined) throw new UserError(`error: no such file or folder: ${input}`);
    if (!stat.isDirectory()) files.push(input);
    else {
      const names = readdirSync(input)
        .filter((n) => n.endsWith('.wit'))
        .sort();
      if (names.length === 0) throw new UserError(`error: no .wit files in ${input}`);
      files.push(...names.map((n) => join(input, n)));
    }
  }
  return files;
}

function readSource(path: string): SourceFile {
  try {
    return { path, text: nodeWitFs.readFile(path) };
  } catch (e) {
    if (e instanceof NotUtf8Error) throw new UserError(`input file is not valid utf-8 [${path}]`);
    throw e;
  }
}

export function migrateFiles(inputs: string[], options: { package?: string } = {}): MigratedPackage {
  const sources = { files: inputFiles(inputs).map(readSource) };
  const modern = sources.files.find((f) => !isDialect2022(f.text));
  if (modern !== undefined) throw new UserError(`error: ${modern.path} is not WIT in the 2022 dialect`);
  try {
    return migrateDialect2022(sources, options);
  } catch (e) {
    if (e instanceof WitError) throw new UserError(renderResolveError(e, sources));
    // An invalid --package name.
    if (e instanceof RangeError) throw new UserError(`error: ${e.message}`);
    throw e;
  }
}
