import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { rollup } from 'rollup';
import { afterAll, describe, expect, it } from 'vitest';
import witbus from '../../src/plugin/rollup.ts';
import { fixtureCopy } from './fixture.ts';

const fixture = fixtureCopy('app');
afterAll(fixture.dispose);

describe('the Rollup plugin', () => {
  it('builds a virtual:witbus import into a bundle that runs in Node', async () => {
    const bundle = await rollup({
      input: join(fixture.dir, 'virtual.js'),
      plugins: [witbus({ config: join(fixture.dir, 'witbus.config.json') })],
    });
    const file = join(fixture.dir, 'dist/rollup-virtual.mjs');
    await bundle.write({ file, format: 'es' });
    // The files the generation read are watch files: the WIT, and the config.
    expect(bundle.watchFiles).toEqual(
      expect.arrayContaining([join(fixture.dir, 'wit/keyvalue.wit'), join(fixture.dir, 'witbus.config.json')]),
    );
    await bundle.close();
    const { run } = await import(pathToFileURL(file).href);
    expect(run()).toMatchObject({
      got: { value: 'x', exists: true },
      contains: false,
      contractId: 'wasmcloud:keyvalue',
    });
  });

  it('fails on a broken WIT with the place and a code frame', async () => {
    writeFileSync(
      join(fixture.dir, 'wit/broken.wit'),
      'package acme:broken@0.1.0;\n\ninterface broken {\n  get: func(key: strin) -> string;\n}\n',
    );
    writeFileSync(join(fixture.dir, 'broken.js'), "export { broken } from './wit/broken.wit';\n");
    const failed = await rollup({ input: join(fixture.dir, 'broken.js'), plugins: [witbus({ config: false })] }).catch(
      (e: Error) => e,
    );
    expect(failed).toBeInstanceOf(Error);
    const message = (failed as Error).message;
    expect(message).toContain(`${join(fixture.dir, 'wit/broken.wit')}:4:18`);
    expect(message).toContain('name `strin` does not exist');
    expect(message).toContain('get: func(key: strin) -> string;');
  });
});
