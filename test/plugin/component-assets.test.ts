import { spawnSync } from 'node:child_process';
import { build as esbuild } from 'esbuild';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { rollup } from 'rollup';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import webpack from 'webpack';
import witbusEsbuild from '../../src/plugin/esbuild.ts';
import witbusRollup from '../../src/plugin/rollup.ts';
import witbusVite from '../../src/plugin/vite.ts';
import witbusWebpack from '../../src/plugin/webpack.ts';
import { fixtureCopy, REPO, TRANSPORTS } from './fixture.ts';

// QuickJS core modules use extended constant expressions, still behind a flag in Node 20.
setFlagsFromString('--experimental-wasm-extended-const');

const fixture = fixtureCopy('components');
afterAll(fixture.dispose);

/** Beside the setup's component cache; QuickJS, whose builds are the quick ones. */
const options = { config: false as const, backend: 'quickjs' as const, cacheDir: join(REPO, 'test/.cache/plugin') };
const CONTRACT = 'acme:counter/counter@0.1.0';
/** What instance.js answers, computed by hand: 0 + 2, then + 40, then a counter never incremented. */
const COUNTS = [2, 42, 42, 0];
/** The component binary format's preamble: `\0asm`, version 0x0d, layer 1. */
const COMPONENT_PREAMBLE = [0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00];

/** Rollup and webpack read no TypeScript: the transports as the built package has them, in JS. */
const transports = join(fixture.dir, 'transports.mjs');
beforeAll(() =>
  esbuild({ entryPoints: [TRANSPORTS], outfile: transports, bundle: true, format: 'esm', logLevel: 'silent' }),
);

async function rollupBuild(outDir: string): Promise<void> {
  const bundle = await rollup({
    input: { url: join(fixture.dir, 'url.js'), instance: join(fixture.dir, 'instance.js') },
    external: ['node:fs/promises'],
    onwarn: () => undefined,
    plugins: [
      { name: 'transports', resolveId: (id) => (id === 'witbus/transports' ? transports : null) },
      witbusRollup(options),
    ],
  });
  await bundle.write({ dir: outDir, format: 'es', entryFileNames: '[name].mjs' });
  await bundle.close();
}

/** The component the URL module points to is a real component, with the contract's sender shape. */
async function expectSenderComponent(url: string): Promise<void> {
  const bytes = readFileSync(fileURLToPath(url));
  expect([...bytes.subarray(0, 8)]).toEqual(COMPONENT_PREAMBLE);
  const { transpileBytes } = await import('@bytecodealliance/jco-transpile');
  const parsed = await transpileBytes(bytes, { name: 'check', instantiation: 'async' });
  expect(parsed.exports.map(([name]) => name)).toContain(CONTRACT);
  expect(parsed.imports).toContain('wasmcloud:wasmbus/sender');
}

describe('?component= imports', () => {
  it('Rollup emits the sender component and its transpiled module as assets, and instantiates them', async () => {
    const outDir = join(fixture.dir, 'dist-rollup');
    await rollupBuild(outDir);
    const urls = await import(pathToFileURL(join(outDir, 'url.mjs')).href);
    expect(urls.component).toMatch(
      /\/witbus\/acme-counter-counter-sender\.[0-9a-f]{12}\/acme-counter-counter-sender\.wasm$/,
    );
    await expectSenderComponent(urls.component);
    // The transpiled module and every core module it loads are emitted beside the binary.
    expect(existsSync(fileURLToPath(urls.transpiled))).toBe(true);
    const core = Object.keys(urls.coreModules);
    expect(core.length).toBeGreaterThan(0);
    for (const name of core) expect(readFileSync(fileURLToPath(urls.coreModules[name])).length).toBeGreaterThan(0);
    const { run } = await import(pathToFileURL(join(outDir, 'instance.mjs')).href);
    expect(await run()).toEqual(COUNTS);
  });

  it('are typed by the declarations written beside the WIT, for tsc --noEmit', () => {
    writeFileSync(
      join(fixture.dir, 'typed.ts'),
      `import component, { coreModules } from './wit/counter.wit?component=sender';
import { instantiate } from './wit/counter.wit?component=sender&instance';

export async function check(): Promise<[string, string[], number]> {
  const exports = await instantiate({ 'wasmcloud:wasmbus/sender': { send: () => new Uint8Array() } });
  return [component, Object.keys(coreModules), exports['acme:counter/counter@0.1.0'].increment('a', 1)];
}
`,
    );
    writeFileSync(
      join(fixture.dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: 'es2022',
          module: 'esnext',
          moduleResolution: 'bundler',
          lib: ['es2022'],
          types: [],
        },
        files: ['typed.ts', 'wit/counter.wit.modules.d.ts'],
      }),
    );
    const run = spawnSync(
      process.execPath,
      [join(REPO, 'node_modules/typescript/bin/tsc'), '-p', join(fixture.dir, 'tsconfig.json')],
      { encoding: 'utf8' },
    );
    expect(run.stdout + run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('a second build reuses the cached component instead of building it again', async () => {
    const cached = join(options.cacheDir, 'components/quickjs/acme-counter-counter-sender');
    await rollupBuild(join(fixture.dir, 'dist-first'));
    // A rebuild replaces the component's folder whole, so a file put in it is gone after one.
    writeFileSync(join(cached, 'kept-by-the-cache'), '');
    await rollupBuild(join(fixture.dir, 'dist-second'));
    expect(readdirSync(cached)).toContain('kept-by-the-cache');
    const emitted = (dir: string) => readdirSync(join(fixture.dir, dir, 'witbus'));
    expect(emitted('dist-second')).toEqual(emitted('dist-first'));
  });

  it('a Vite production build emits the assets and instantiates the component', async () => {
    const outDir = join(fixture.dir, 'dist-vite');
    await build({
      configFile: false,
      root: fixture.dir,
      logLevel: 'silent',
      // Relative URLs: the bundle runs from the file system.
      base: './',
      resolve: { alias: { 'witbus/transports': TRANSPORTS } },
      plugins: [witbusVite(options)],
      build: {
        outDir,
        minify: false,
        rollupOptions: {
          input: { url: 'url.js', instance: 'instance.js' },
          external: ['node:fs/promises'],
          preserveEntrySignatures: 'strict',
          output: { format: 'es', entryFileNames: '[name].mjs' },
        },
      },
    });
    const urls = await import(pathToFileURL(join(outDir, 'url.mjs')).href);
    await expectSenderComponent(urls.component);
    const { run } = await import(pathToFileURL(join(outDir, 'instance.mjs')).href);
    expect(await run()).toEqual(COUNTS);
  });

  it('webpack emits the assets itself (new URL(..., import.meta.url)) and instantiates the component', async () => {
    const outDir = join(fixture.dir, 'dist-webpack');
    const stats = await new Promise<webpack.Stats>((done, fail) =>
      webpack(
        {
          mode: 'production',
          context: fixture.dir,
          entry: { url: './url.js', instance: './instance.js' },
          target: 'node',
          optimization: { minimize: false },
          experiments: { outputModule: true },
          output: { path: outDir, filename: '[name].mjs', library: { type: 'module' } },
          resolve: { alias: { 'witbus/transports': transports } },
          plugins: [witbusWebpack(options)],
        },
        (err, s) => (err ? fail(err) : done(s!)),
      ),
    );
    expect(stats.toJson({ all: false, errors: true }).errors).toEqual([]);
    const urls = await import(pathToFileURL(join(outDir, 'url.mjs')).href);
    await expectSenderComponent(urls.component);
    const { run } = await import(pathToFileURL(join(outDir, 'instance.mjs')).href);
    expect(await run()).toEqual(COUNTS);
  });

  it('esbuild writes the assets into its outdir, beside the bundles, and instantiates the component', async () => {
    const outdir = join(fixture.dir, 'dist-esbuild');
    await esbuild({
      entryPoints: [join(fixture.dir, 'url.js'), join(fixture.dir, 'instance.js')],
      outdir,
      outExtension: { '.js': '.mjs' },
      bundle: true,
      format: 'esm',
      platform: 'node',
      logLevel: 'silent',
      alias: { 'witbus/transports': TRANSPORTS },
      plugins: [witbusEsbuild(options)],
    });
    const urls = await import(pathToFileURL(join(outdir, 'url.mjs')).href);
    await expectSenderComponent(urls.component);
    const { run } = await import(pathToFileURL(join(outdir, 'instance.mjs')).href);
    expect(await run()).toEqual(COUNTS);
  });

  it('names the contract interfaces to choose from when a WIT has several', async () => {
    writeFileSync(
      join(fixture.dir, 'wit/two.wit'),
      'package acme:two@0.1.0;\n\ninterface first {\n  use wasmcloud:wasmbus/types@0.1.0.{rpc-error};\n  a: func() -> result<_, rpc-error>;\n}\n\ninterface second {\n  use wasmcloud:wasmbus/types@0.1.0.{rpc-error};\n  b: func() -> result<_, rpc-error>;\n}\n',
    );
    writeFileSync(join(fixture.dir, 'two.js'), "export { default } from './wit/two.wit?component=receiver';\n");
    const failed = await rollup({ input: join(fixture.dir, 'two.js'), plugins: [witbusRollup(options)] }).catch(
      (e: Error) => e,
    );
    expect((failed as Error).message).toContain(
      'has 2 contract interfaces: choose one with &interface=<name> (acme:two/first@0.1.0, acme:two/second@0.1.0)',
    );
  });
});
