/** Reading and printing WIT from disk, with errors as users see them. */
import { loadWitFromDisk, nodeWitFs } from '../node/wit-fs.ts';
import { WitLoadError, type LoadedWit, type LoadOptions } from '../wit/load.ts';
import { printWit } from '../wit/print/index.ts';
import { resolveToJson } from '../wit/resolve-json.ts';
import { UserError, witUserError } from './errors.ts';

/** Loads the package at `path` (WIT text, the 2022 dialect, or Wasm), or throws a `UserError`. */
export async function loadWitPackage(path: string, options: LoadOptions = {}): Promise<LoadedWit> {
  if (nodeWitFs.kind(path) === null) throw new UserError(`error: no such file or folder: ${path}`);
  try {
    return await loadWitFromDisk(path, options);
  } catch (e) {
    if (e instanceof WitLoadError) throw witUserError(e, path);
    throw e;
  }
}

/** The root package as canonical WIT (its nested packages after it), or the model's JSON. */
export function printWitPackage(loaded: LoadedWit, format: 'wit' | 'json'): string {
  const { resolve, packages } = loaded;
  return format === 'json' ? `${resolveToJson(resolve)}\n` : printWit(resolve, packages[0]!, packages.slice(1));
}
