import { mkdtemp, readFile, rm, writeFile, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildComponent, readManifest } from '../../src/component/build.ts';
import { cacheKey } from '../../src/component/cache-key.ts';
import { ENGINE_OPTIONS } from '../../src/component/componentize.ts';
import { bundleGuest } from '../../src/component/compile-ts.ts';
import { formatReport, progressLines } from '../../src/component/progress.ts';
import { BACKENDS, type BuildReport } from '../../src/component/types.ts';
import { backendDir, componentDir, fixtureComponents } from '../setup/paths.ts';

describe('component build', () => {
  it('bundles TypeScript to one ES module and leaves WIT imports to the componentizer', async () => {
    const js = await bundleGuest(join(import.meta.dirname, '../host/fixtures/probe-v1.ts'));
    expect(js).toMatch(/from "wasmcloud:wasmbus\/sender@0\.1\.0"/);
    expect(js).toContain('trap requested');
    expect(js).not.toMatch(/\binterface Message\b|: Uint8Array/);
  });

  for (const backend of BACKENDS) {
    it(`builds and transpiles on ${backend}, recording imports and exports`, async () => {
      const probe = await readManifest(componentDir(backend, 'probe-v1'));
      expect(probe).toMatchObject({
        name: 'probe-v1',
        world: 'probe',
        backend,
        module: 'probe-v1.js',
        imports: ['wasmcloud:wasmbus/sender'],
        exports: ['wasmcloud:wasmbus/receiver@0.1.0'],
      });
      const source = await readFile(join(componentDir(backend, 'probe-v1'), 'probe-v1.js'), 'utf8');
      expect(source).toMatch(/export function instantiate\(getCoreModule, imports/);
      // SM components carry the whole engine; QuickJS ones are an order of magnitude smaller.
      const [min, max] = backend === 'sm' ? [8e6, 16e6] : [0.5e6, 3e6];
      expect(probe!.size).toBeGreaterThan(min);
      expect(probe!.size).toBeLessThan(max);
    });

    it(`reuses an unchanged ${backend} component without rebuilding`, async () => {
      const spec = fixtureComponents(backend).find((s) => s.name === 'ints')!;
      const before = await readManifest(componentDir(backend, 'ints'));
      const report = await buildComponent(spec, backendDir(backend));
      expect(report.cached).toBe(true);
      expect(report.manifest).toEqual(before);
      expect(report.ms).toBeLessThan(2000);
    });
  }

  it("keys the cache on the bundled source, the WIT, the world, the backend and the engine's options", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'witbus-key-'));
    try {
      await cp(join(import.meta.dirname, 'fixtures/ints.wit'), join(dir, 'ints.wit'));
      const base = {
        name: 'ints',
        jsSource: 'export const echo = {};',
        witPath: dir,
        world: 'ints',
        backend: 'sm' as const,
      };
      const key = await cacheKey(base);
      expect(await cacheKey(base)).toBe(key);
      expect(await cacheKey({ ...base, jsSource: 'export const echo = { };' })).not.toBe(key);
      expect(await cacheKey({ ...base, backend: 'quickjs' })).not.toBe(key);
      expect(await cacheKey({ ...base, world: 'other' })).not.toBe(key);
      await writeFile(join(dir, 'ints.wit'), (await readFile(join(dir, 'ints.wit'), 'utf8')) + '\n');
      expect(await cacheKey(base)).not.toBe(key);
      const qjs = { ...base, backend: 'quickjs' as const };
      const qjsKey = await cacheKey(qjs);
      ENGINE_OPTIONS.quickjs.optSize = !ENGINE_OPTIONS.quickjs.optSize;
      try {
        expect(await cacheKey(qjs)).not.toBe(qjsKey);
      } finally {
        ENGINE_OPTIONS.quickjs.optSize = !ENGINE_OPTIONS.quickjs.optSize;
      }
      expect(await cacheKey(qjs)).toBe(qjsKey);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('prints one line per component with its time and size, and no spinner off a terminal', () => {
    let out = '';
    const progress = progressLines({ write: (t: string) => (out += t), isTTY: false });
    const spec = fixtureComponents('sm')[0]!;
    const report = (cached: boolean, ms: number, size: number): BuildReport => ({
      spec,
      outDir: '/x',
      cached,
      ms,
      manifest: {
        name: spec.name,
        world: spec.world,
        backend: 'sm',
        key: 'k',
        module: 'ints.js',
        component: 'ints.wasm',
        imports: [],
        exports: [],
        size,
        wasmbus: {},
      },
    });
    progress.started!(spec);
    progress.finished!(report(false, 3210, 12_000_000));
    progress.finished!(report(true, 5, 1500));
    progress.close();
    expect(out).toBe('ints [sm] 3.2s 11.4 MiB\nints [sm] cached 1.5 KiB\n');
    expect(formatReport(report(false, 999, 100))).toBe('ints [sm] 1.0s 100 B');
  });
});

describe('transpiled output', () => {
  it('reads JCO_DEBUG once per instantiation instead of on every internal log call', async () => {
    const { hoistDebugCheck } = await import('../../src/component/transpile.ts');
    for (const backend of BACKENDS) {
      const js = await readFile(join(componentDir(backend, 'ints'), 'ints.js'), 'utf8');
      expect(js).toContain('if (!_debugEnabled) { return; }');
      expect(js).not.toContain('if (!globalThis?.process?.env?.JCO_DEBUG)');
      expect(hoistDebugCheck(js)).toBe(js);
    }
  });
});
