/** The Node file system as a `WitFs`, for `loadWit`. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { WitDirEntry, WitFs } from '../wit/load.ts';

function kindOf(path: string): 'file' | 'dir' | null {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (stat === undefined) return null;
  return stat.isDirectory() ? 'dir' : 'file';
}

export const nodeWitFs: WitFs = {
  readFile(path: string): string {
    return readFileSync(path, 'utf8');
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
