import { build } from 'esbuild';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import witbus from '../../src/plugin/esbuild.ts';
import { fixtureCopy, TRANSPORTS } from './fixture.ts';

const fixture = fixtureCopy('nested');
afterAll(fixture.dispose);

async function bundle(entry: string): Promise<string> {
  const outfile = join(fixture.dir, 'dist', entry.replace(/\.js$/, '.mjs'));
  await build({
    entryPoints: [join(fixture.dir, entry)],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    logLevel: 'silent',
    alias: { 'witbus/transports': TRANSPORTS },
    plugins: [witbus({ config: false })],
  });
  return outfile;
}

describe('a .wit file of nested packages only', () => {
  it("imports as the packages it holds: a contract using another nested package's type round-trips", async () => {
    const { run } = await import(pathToFileURL(await bundle('roundtrip.js')).href);
    expect(run()).toBe('Hello, Ada Lovelace!');
  });

  it('with items outside its packages and no header, still fails as wit-parser fails it', async () => {
    writeFileSync(
      join(fixture.dir, 'wit/loose.wit'),
      'package acme:inner@0.1.0 {\n  interface i {}\n}\n\ninterface outside {}\n',
    );
    writeFileSync(join(fixture.dir, 'loose.js'), "export * from './wit/loose.wit';\n");
    await expect(bundle('loose.js')).rejects.toThrow('no `package` header was found in any WIT file for this package');
  });
});
