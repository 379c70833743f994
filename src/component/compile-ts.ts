/**
 * Bundles a TypeScript or JavaScript entry into one ES module for a JS engine inside a component.
 * WIT import specifiers (`ns:pkg/iface`) stay external: the componentizer binds them.
 */
import { build } from 'esbuild';

export async function bundleGuest(sourcePath: string): Promise<string> {
  const result = await build({
    entryPoints: [sourcePath],
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
          b.onResolve({ filter: /^[a-z][a-z0-9-]*:[a-z]/ }, (args) => ({ path: args.path, external: true }));
        },
      },
    ],
  });
  return result.outputFiles[0]!.text;
}
