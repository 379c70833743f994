/** The Node file system as a `WitFs`, and loading WIT from disk with Wasm packages decoded. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadWit, NotUtf8Error, type LoadedWit, type LoadOptions, type WitDirEntry } from '../wit/index.ts';
import { withDecodedPackages, type ByteWitFs } from './binary-wit.ts';

// `ignoreBOM` keeps a leading U+FEFF in the text, as Rust's `str::from_utf8` does.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d];

function kindOf(path: string): 'file' | 'dir' | null {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (stat === undefined) return null;
  return stat.isDirectory() ? 'dir' : 'file';
}

export const nodeWitFs: ByteWitFs = {
  readFile(path: string): string {
    const bytes = readFileSync(path);
    try {
      return strictUtf8.decode(bytes);
    } catch {
      // A package in Wasm form is binary; the loader only looks at its magic.
      if (WASM_MAGIC.every((b, i) => bytes[i] === b)) return bytes.toString('latin1');
      throw new NotUtf8Error(`${path} is not UTF-8`);
    }
  },
  readBytes(path: string): Uint8Array {
    return readFileSync(path);
  },
  readDir(path: string): WitDirEntry[] {
    const entries: WitDirEntry[] = [];
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      // Symlinks count as what they point to; dangling ones are skipped.
      const kind = entry.isSymbolicLink() ? kindOf(join(path, entry.name)) : entry.isDirectory() ? 'dir' : 'file';
      if (kind !== null) entries.push({ name: entry.name, kind });
    }
    return entries;
  },
  kind: kindOf,
};

/**
 * `loadWit` over the Node file system, with the WIT packages stored as Wasm (`.wasm`, `.wat`)
 * that `path` and its `deps/` hold decoded first. Throws `WitLoadError` as `loadWit` does.
 */
export async function loadWitFromDisk(path: string, options: LoadOptions = {}): Promise<LoadedWit> {
  return loadWit(await withDecodedPackages(nodeWitFs, path), path, options);
}
