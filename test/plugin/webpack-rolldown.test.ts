import { build } from 'esbuild';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { rolldown } from 'rolldown';
import webpack from 'webpack';
import { afterAll, describe, expect, it } from 'vitest';
import witbusRolldown from '../../src/plugin/rolldown.ts';
import witbusWebpack from '../../src/plugin/webpack.ts';
import { fixtureCopy, TRANSPORTS } from './fixture.ts';

const fixture = fixtureCopy('app');
afterAll(fixture.dispose);

/** What roundtrip.js answers, computed by hand from its implementation. */
const ROUNDTRIP = {
  seen: [{ value: 'hé 👋', exists: true }, { value: '', exists: false }, 41, 42, true],
  error: { tag: 'not-implemented' },
};

describe('the Rolldown and webpack plugins', () => {
  it('Rolldown builds a sender and a receiver imported from a .wit file', async () => {
    const bundle = await rolldown({
      input: join(fixture.dir, 'roundtrip.js'),
      resolve: { alias: { 'witbus/transports': TRANSPORTS } },
      plugins: [witbusRolldown({ config: false })],
    });
    const file = join(fixture.dir, 'dist/rolldown-roundtrip.mjs');
    await bundle.write({ file, format: 'es' });
    await bundle.close();
    expect((await import(pathToFileURL(file).href)).run()).toEqual(ROUNDTRIP);
  });

  it('Rolldown output does not depend on where the project is', async () => {
    const other = fixtureCopy('app');
    try {
      const code = async (dir: string) => {
        const bundle = await rolldown({ cwd: dir, input: join(dir, 'virtual.js'), plugins: [witbusRolldown()] });
        const { output } = await bundle.generate({ format: 'es' });
        await bundle.close();
        return output[0].code;
      };
      const [here, there] = [await code(fixture.dir), await code(other.dir)];
      expect(here).toContain('// \\0witbus-plain:sender:wasmcloud:keyvalue/key-value@0.1.0:wit/keyvalue.wit\n');
      expect(there).toBe(here);
    } finally {
      other.dispose();
    }
  });

  it('webpack builds a sender and a receiver imported from a .wit file', async () => {
    const outDir = join(fixture.dir, 'dist-webpack');
    // webpack reads no TypeScript without a loader: the transports as the built package has them, in JS.
    const transports = join(fixture.dir, 'transports.mjs');
    await build({ entryPoints: [TRANSPORTS], outfile: transports, bundle: true, format: 'esm', logLevel: 'silent' });
    const stats = await new Promise<webpack.Stats>((done, fail) =>
      webpack(
        {
          mode: 'production',
          context: fixture.dir,
          entry: './roundtrip.js',
          target: 'node',
          optimization: { minimize: false },
          experiments: { outputModule: true },
          output: { path: outDir, filename: 'roundtrip.mjs', library: { type: 'module' } },
          resolve: { alias: { 'witbus/transports': transports } },
          plugins: [witbusWebpack({ config: false })],
        },
        (err, s) => (err ? fail(err) : done(s!)),
      ),
    );
    expect(stats.toJson({ all: false, errors: true }).errors).toEqual([]);
    expect((await import(pathToFileURL(join(outDir, 'roundtrip.mjs')).href)).run()).toEqual(ROUNDTRIP);
  });
});
