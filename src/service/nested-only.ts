/**
 * A `.wit` file that holds only nested packages (`package a:b { ... }` blocks, no `package a:b;`
 * header and nothing at the top level). wit-parser loads no such file on its own: a file is one
 * package, and this one has no name. Taken as the packages it holds, it is a useful input (several
 * contracts' packages in one file), so it is loaded as the only file of a package with a made-up,
 * empty root, and the nested packages are the input's packages.
 */
import { basename, dirname, join } from 'node:path';
import { withDecodedPackages, type ByteWitFs } from '../node/binary-wit.ts';
import { nodeWitFs } from '../node/wit-fs.ts';
import { loadWit, type LoadedWit, type LoadOptions } from '../wit/index.ts';

/** The made-up root: a name no real package has, in a file name that sorts after the real one. */
const ROOT_FILE = '\u{10FFFF}witbus-nested-only.wit';
const ROOT_TEXT = 'package witbus-nested-only:root;\n';

/**
 * Loads `file` as its nested packages, or returns undefined when it is not a nested-only file (it
 * has top-level items, or no nested package), for the caller to report the original error.
 */
export async function loadNestedOnly(file: string, options: LoadOptions): Promise<LoadedWit | undefined> {
  const dir = dirname(file);
  const root = join(dir, ROOT_FILE);
  // The folder as the loader sees it: the file and the root's header, no deps/ (a file input reads none).
  const fs: ByteWitFs = {
    readFile: (path) => (path === root ? ROOT_TEXT : nodeWitFs.readFile(path)),
    readBytes: (path) => (path === root ? new TextEncoder().encode(ROOT_TEXT) : nodeWitFs.readBytes(path)),
    readDir: (path) =>
      path === dir
        ? [
            { name: basename(file), kind: 'file' },
            { name: ROOT_FILE, kind: 'file' },
          ]
        : nodeWitFs.readDir(path),
    kind: (path) => (path === root ? 'file' : path === join(dir, 'deps') ? null : nodeWitFs.kind(path)),
  };
  const loaded = loadWit(await withDecodedPackages(fs, dir), dir, options);
  const [main, ...nested] = loaded.packages;
  const made = loaded.resolve.packages[main!]!;
  if (nested.length === 0 || made.interfaces.size > 0 || made.worlds.size > 0) {
    return undefined;
  }
  // The root's file stands for the input file in what was read (the watch files).
  const files = loaded.sources.files.map((f) => (f.path === root ? { ...f, path: file } : f));
  return { ...loaded, packages: nested, sources: { ...loaded.sources, files } };
}
