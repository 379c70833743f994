/** A `WitFs` over an in-memory map of file paths to contents; directories are implied by paths. */
import type { WitDirEntry, WitFs } from '../../../src/wit/load.ts';

export function memoryFs(files: ReadonlyMap<string, string>): WitFs {
  const isDir = (path: string) => [...files.keys()].some((f) => f.startsWith(`${path}/`));
  return {
    readFile(path) {
      const text = files.get(path);
      if (text === undefined) throw new Error(`no file ${path}`);
      return text;
    },
    readDir(path) {
      const entries = new Map<string, WitDirEntry>();
      for (const f of files.keys()) {
        if (!f.startsWith(`${path}/`)) continue;
        const rest = f.slice(path.length + 1);
        const slash = rest.indexOf('/');
        const name = slash === -1 ? rest : rest.slice(0, slash);
        entries.set(name, { name, kind: slash === -1 ? 'file' : 'dir' });
      }
      return [...entries.values()];
    },
    kind(path) {
      if (files.has(path)) return 'file';
      return isDir(path) ? 'dir' : null;
    },
  };
}
