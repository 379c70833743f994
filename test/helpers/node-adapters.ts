/**
 * Runs generated adapters in plain Node, before componentization: each adapter is bundled with
 * esbuild and its WIT imports are bound to JS objects, with the error convention of
 * componentize-js imports (an import's err arrives as a thrown object carrying `payload`).
 */
import { build } from 'esbuild';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export type WitImports = Record<string, Record<string, (...args: unknown[]) => unknown>>;

const registry = new Map<string, WitImports>();
let nextId = 0;

/** An import call, as a guest sees it: a plain thrown value becomes `{ payload }`. */
export function asImport(fn: (...args: unknown[]) => unknown): (...args: unknown[]) => unknown {
  return (...args) => {
    try {
      return fn(...args);
    } catch (e) {
      throw Object.assign(new Error('import returned err'), { payload: e });
    }
  };
}

/** Bundles `entry` and imports it with `imports` bound to its WIT specifiers. */
export async function loadAdapter<T>(entry: string, imports: WitImports): Promise<T> {
  const id = `m${nextId++}`;
  registry.set(id, imports);
  (globalThis as { __witbusImports?: typeof registry }).__witbusImports = registry;
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
    logLevel: 'silent',
    plugins: [
      {
        name: 'wit-imports',
        setup(b) {
          b.onResolve({ filter: /^[a-z][a-z0-9-]*:[a-z]/ }, (args) => ({ path: args.path, namespace: 'wit' }));
          b.onLoad({ filter: /.*/, namespace: 'wit' }, (args) => {
            const fns = Object.keys(imports[args.path] ?? {});
            const body = fns
              .map(
                (f) =>
                  `export function ${f}(...a) { return globalThis.__witbusImports.get(${JSON.stringify(id)})[${JSON.stringify(args.path)}].${f}(...a); }`,
              )
              .join('\n');
            return { contents: body, loader: 'js' };
          });
        },
      },
    ],
  });
  const dir = mkdtempSync(join(tmpdir(), 'witbus-adapter-'));
  const file = join(dir, 'adapter.mjs');
  writeFileSync(file, result.outputFiles[0]!.text);
  return (await import(pathToFileURL(file).href)) as T;
}
