/** Reading and printing WIT from disk, with errors as users see them. */
import { dirname } from 'node:path';
import { nodeModulesSource } from '../node/node-modules.ts';
import { loadWitFromDisk, nodeWitFs } from '../node/wit-fs.ts';
import { type LoadedWit, type LoadOptions, printWit, resolveToJson, WitLoadError } from '../wit/index.ts';
import { UserError, witUserError } from './errors.ts';
import { loadNestedOnly } from './nested-only.ts';

const NO_HEADER = 'no `package` header was found in any WIT file for this package';

export interface WitPackageOptions extends LoadOptions {
  /** Find packages the input uses but does not have in node_modules (default true). */
  nodeModules?: boolean;
}

/** Loads the package at `path` (WIT text, the 2022 dialect, or Wasm), or throws a `UserError`. */
export async function loadWitPackage(path: string, options: WitPackageOptions = {}): Promise<LoadedWit> {
  const kind = nodeWitFs.kind(path);
  if (kind === null) throw new UserError(`error: no such file or folder: ${path}`);
  const { nodeModules = true, ...load } = options;
  const from = kind === 'dir' ? path : dirname(path);
  const loadOptions = nodeModules ? { ...load, packageSource: nodeModulesSource(from) } : load;
  try {
    try {
      return await loadWitFromDisk(path, loadOptions);
    } catch (e) {
      // A file of nested packages only has no header: see nested-only.ts.
      if (!(e instanceof WitLoadError) || kind !== 'file' || e.message !== NO_HEADER) throw e;
      const nested = await loadNestedOnly(path, loadOptions);
      if (nested === undefined) throw e;
      return nested;
    }
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
