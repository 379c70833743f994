/**
 * Bundles a TypeScript or JavaScript entry into one ES module for a JS engine inside a component.
 * WIT import specifiers (`ns:pkg/iface`) stay external: the componentizer binds them, except those
 * the guest satisfies itself (a fused component's contracts), which are bundled from a module.
 */
import { build } from 'esbuild';
import { dirname, resolve } from 'node:path';

/** `witModules`: WIT import specifier → the source of the JS module bundled in its place. */
export async function bundleGuest(sourcePath: string, witModules: Record<string, string> = {}): Promise<string> {
  const result = await build({
    entryPoints: [sourcePath],
    // Paths in the bundle's comments are relative to this, and the bundle is part of the cache
    // key: relative to the working folder, the same app built from elsewhere would be rebuilt.
    absWorkingDir: dirname(resolve(sourcePath)),
    bundle: true,
    format: 'esm',
    target: 'es2022',
    platform: 'neutral',
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
    // Anything shaped like a WIT interface id is a component import.
    plugins: [
      {
        name: 'wit-imports',
        setup(b) {
          b.onResolve({ filter: /^[a-z][a-z0-9-]*:[a-z]/ }, (args) =>
            witModules[args.path] === undefined
              ? { path: args.path, external: true }
              : { path: args.path, namespace: 'wit-module' },
          );
          b.onLoad({ filter: /.*/, namespace: 'wit-module' }, (args) => ({
            contents: witModules[args.path]!,
            loader: 'js',
            resolveDir: dirname(sourcePath),
          }));
        },
      },
    ],
  });
  return result.outputFiles[0]!.text;
}
