import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import witbus from '../../src/plugin/esbuild.ts';
import { fixtureCopy, TRANSPORTS } from './fixture.ts';

const fixture = fixtureCopy('app');
afterAll(fixture.dispose);

async function bundle(entry: string, options: Parameters<typeof witbus>[0] = {}): Promise<string> {
  const outfile = join(fixture.dir, 'dist', entry.replace(/\.js$/, '.mjs'));
  await build({
    entryPoints: [join(fixture.dir, entry)],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    logLevel: 'silent',
    alias: { 'witbus/transports': TRANSPORTS },
    plugins: [witbus({ config: join(fixture.dir, 'witbus.config.json'), ...options })],
  });
  return outfile;
}

describe('the esbuild plugin', () => {
  it('bundles a sender and a receiver imported from a .wit file, which talk in process with no Wasm', async () => {
    const out = await bundle('roundtrip.js');
    expect(readFileSync(out, 'utf8')).not.toMatch(/WebAssembly|\.wasm/);
    const { run } = await import(pathToFileURL(out).href);
    // What the contract says each call answers, computed by hand from the fixture's implementation.
    expect(run()).toEqual({
      seen: [{ value: 'hé 👋', exists: true }, { value: '', exists: false }, 41, 42, true],
      error: { tag: 'not-implemented' },
    });
  });

  it('gives the contract of a virtual:witbus id, found in the config, sending wasmbus messages', async () => {
    const { run } = await import(pathToFileURL(await bundle('virtual.js')).href);
    const result = run();
    expect(result).toMatchObject({
      got: { value: 'x', exists: true },
      contains: false,
      contractId: 'wasmcloud:keyvalue',
      witId: 'wasmcloud:keyvalue/key-value@0.1.0',
      receiverContract: 'wasmcloud:keyvalue',
    });
    // wasmbus methods are `Service.Operation`; a single parameter is its JSON value (the seed's codec).
    expect(result.messages).toEqual([
      { method: 'KeyValue.Get', arg: '"a"', contractName: 'wasmcloud:keyvalue', linkName: undefined },
      { method: 'KeyValue.Contains', arg: '"b"', contractName: 'wasmcloud:keyvalue', linkName: undefined },
    ]);
  });
});
