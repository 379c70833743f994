/** Loads WIT from in-memory files, for tests that build small packages inline. */
import { readFileSync } from 'node:fs';
import { loadWit, type LoadedWit, type WitFs } from '../../src/wit/load.ts';

/** `files` maps paths (relative to `/`) to text; `root` is the path to load. */
export function loadMemoryWit(files: Record<string, string>, root = '/'): LoadedWit {
  const paths = Object.keys(files).map((p) => `/${p.replace(/^\/+/, '')}`);
  const text = new Map(paths.map((p, i) => [p, Object.values(files)[i]!]));
  const isDir = (p: string) => paths.some((f) => f.startsWith(p.endsWith('/') ? p : `${p}/`));
  const fs: WitFs = {
    readFile(path) {
      const t = text.get(path);
      if (t === undefined) throw new Error(`no such file: ${path}`);
      return t;
    },
    readDir(path) {
      const prefix = path.endsWith('/') ? path : `${path}/`;
      const names = new Map<string, 'file' | 'dir'>();
      for (const f of paths) {
        if (!f.startsWith(prefix)) continue;
        const rest = f.slice(prefix.length);
        const slash = rest.indexOf('/');
        names.set(slash < 0 ? rest : rest.slice(0, slash), slash < 0 ? 'file' : 'dir');
      }
      return [...names].sort().map(([name, kind]) => ({ name, kind }));
    },
    kind(path) {
      if (text.has(path)) return 'file';
      return path === '/' || isDir(path) ? 'dir' : null;
    },
  };
  return loadWit(fs, root);
}

/** A small wasmbus package (the fixture's deps/), for contracts in tests. */
export const WASMBUS_WIT = readFileSync(new URL('../gen/fixtures/things/deps/wasmbus.wit', import.meta.url), 'utf8');
