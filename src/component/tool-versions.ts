/** Versions of the tools whose output a build depends on: part of every cache key. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const TOOLS = ['@bytecodealliance/componentize-js', 'componentize-qjs', '@bytecodealliance/jco-transpile', 'esbuild'];

/** Node's own lookup, by hand: several of these packages do not export their package.json. */
function packageVersion(name: string): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'node_modules', name, 'package.json'), 'utf8')) as { version: string };
      return pkg.version;
    } catch {
      // not installed at this level: keep climbing
    }
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find the version of ${name}`);
    dir = up;
  }
}

let cached: Record<string, string> | undefined;

export function toolVersions(): Record<string, string> {
  cached ??= Object.fromEntries(TOOLS.map((t) => [t, packageVersion(t)]));
  return cached;
}
