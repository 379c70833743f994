/** Loads WIT from in-memory files, for tests that build small packages inline. */
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

/** The wasmbus package, as the bundled contracts use it. */
export const WASMBUS_WIT = `package wasmcloud:wasmbus@0.1.0;
interface types {
  type payload = list<u8>;
  record message { method: string, arg: payload }
  variant rpc-error { not-implemented, deser(string), ser(string), method-not-handled(string), other(string) }
}
interface receiver {
  use types.{message, payload, rpc-error};
  receive: func(msg: message) -> result<payload, rpc-error>;
}
interface sender {
  use types.{message, payload, rpc-error};
  send: func(msg: message, contract-name: string, link-name: option<string>) -> result<payload, rpc-error>;
}
`;
