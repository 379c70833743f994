import { rspack, type Stats } from '@rspack/core';
import { build } from 'esbuild';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import witbus from '../../src/plugin/rspack.ts';
import { fixtureCopy, TRANSPORTS } from './fixture.ts';

const fixture = fixtureCopy('app');
afterAll(fixture.dispose);

describe('the rspack plugin', () => {
  it('builds a sender and a receiver imported from a .wit file', async () => {
    const outDir = join(fixture.dir, 'dist-rspack');
    // rspack bundles the transports as the built package has them, in JS.
    const transports = join(fixture.dir, 'transports.mjs');
    await build({ entryPoints: [TRANSPORTS], outfile: transports, bundle: true, format: 'esm', logLevel: 'silent' });
    const stats = await new Promise<Stats>((done, fail) =>
      rspack(
        {
          mode: 'production',
          context: fixture.dir,
          entry: './roundtrip.js',
          target: 'node',
          optimization: { minimize: false },
          output: { path: outDir, filename: 'roundtrip.mjs', library: { type: 'module' } },
          resolve: { alias: { 'witbus/transports': transports } },
          plugins: [witbus({ config: false })],
        },
        (err: Error | null, s?: Stats) => (err ? fail(err) : done(s!)),
      ),
    );
    expect(stats.toJson({ all: false, errors: true }).errors).toEqual([]);
    // What roundtrip.js answers, computed by hand from its implementation.
    expect((await import(pathToFileURL(join(outDir, 'roundtrip.mjs')).href)).run()).toEqual({
      seen: [{ value: 'hé 👋', exists: true }, { value: '', exists: false }, 41, 42, true],
      error: { tag: 'not-implemented' },
    });
  });
});
