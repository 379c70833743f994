import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import witbus from '../../src/plugin/vite.ts';
import { fixtureCopy, TRANSPORTS } from './fixture.ts';

const fixture = fixtureCopy('app');
afterAll(fixture.dispose);

describe('the Vite plugin', () => {
  it("builds .wit and virtual:witbus imports for production, reading the project's witbus.config", async () => {
    const outDir = join(fixture.dir, 'dist-vite');
    await build({
      configFile: false,
      root: fixture.dir,
      logLevel: 'silent',
      resolve: { alias: { 'witbus/transports': TRANSPORTS } },
      // No `config` option: the virtual id is found through the root's witbus.config.json.
      plugins: [witbus()],
      build: {
        outDir,
        minify: false,
        lib: {
          entry: { roundtrip: 'roundtrip.js', virtual: 'virtual.js' },
          formats: ['es'],
          fileName: (_format, name) => `${name}.mjs`,
        },
      },
    });
    const roundtrip = await import(pathToFileURL(join(outDir, 'roundtrip.mjs')).href);
    expect(roundtrip.run()).toEqual({
      seen: [{ value: 'hé 👋', exists: true }, { value: '', exists: false }, 41, 42, true],
      error: { tag: 'not-implemented' },
    });
    const virtual = await import(pathToFileURL(join(outDir, 'virtual.mjs')).href);
    expect(virtual.run()).toMatchObject({
      got: { value: 'x', exists: true },
      contains: false,
      witId: 'wasmcloud:keyvalue/key-value@0.1.0',
    });
  });
});
