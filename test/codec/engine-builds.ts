/**
 * A generated codec bundled as the interpreted engines run it (one IIFE exposing the module's
 * exports as `codec`), with the runtime's native fast paths on, or off as the reference: the
 * threshold from which they apply (INTERPRETED_NATIVE_MIN) raised beyond any input.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const RUNTIME = fileURLToPath(new URL('../../src/codec/runtime.ts', import.meta.url));
const THRESHOLD = 'const INTERPRETED_NATIVE_MIN = 64;';

export async function bundleCodec(source: string, fastPaths: boolean): Promise<string> {
  const runtime = readFileSync(RUNTIME, 'utf8');
  if (!runtime.includes(THRESHOLD)) throw new Error(`runtime.ts no longer declares ${THRESHOLD}`);
  const result = await build({
    stdin: { contents: source, resolveDir: fileURLToPath(new URL('../../src/codec/', import.meta.url)), loader: 'ts' },
    bundle: true,
    format: 'iife',
    globalName: 'codec',
    platform: 'neutral',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    plugins: [
      {
        name: 'native-min',
        setup(b) {
          b.onLoad({ filter: /runtime\.ts$/ }, () => ({
            contents: fastPaths ? runtime : runtime.replace(THRESHOLD, 'const INTERPRETED_NATIVE_MIN = Infinity;'),
            loader: 'ts',
          }));
        },
      },
    ],
  });
  return result.outputFiles[0]!.text;
}
