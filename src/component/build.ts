/**
 * Builds components: bundle the guest, componentize it, transpile it for Node. A component whose
 * cache key matches the manifest already in its output folder is not rebuilt.
 *
 * All builds run in this one process on purpose: most of a cold StarlingMonkey build is V8
 * warming up, and later builds in the same process are several times faster.
 */
import { readFile, rename, rm, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { cacheKey } from './cache-key.ts';
import { bundleGuest } from './compile-ts.ts';
import { componentizeGuest } from './componentize.ts';
import { transpileInto } from './transpile.ts';
import type { BuildReport, ComponentManifest, ComponentSpec } from './types.ts';

export const MANIFEST_FILE = 'witbus-component.json';

export async function readManifest(dir: string): Promise<ComponentManifest | undefined> {
  try {
    return JSON.parse(await readFile(join(dir, MANIFEST_FILE), 'utf8')) as ComponentManifest;
  } catch {
    return undefined;
  }
}

/** Builds one component into `<outRoot>/<spec.name>/`, or reuses what is there. */
export async function buildComponent(spec: ComponentSpec, outRoot: string): Promise<BuildReport> {
  const started = performance.now();
  const outDir = join(outRoot, spec.name);
  const jsSource = await bundleGuest(spec.sourcePath);
  const key = await cacheKey({ ...spec, jsSource });
  const existing = await readManifest(outDir);
  if (existing?.key === key) {
    return { spec, outDir, manifest: existing, cached: true, ms: performance.now() - started };
  }
  const component = await componentizeGuest({ ...spec, jsSource });
  // Write beside the target, then swap it in, so a failed build never leaves half a component.
  const staging = `${outDir}.staging-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  const transpiled = await transpileInto(spec.name, component, staging);
  const manifest: ComponentManifest = {
    name: spec.name,
    world: spec.world,
    backend: spec.backend,
    key,
    module: transpiled.module,
    imports: transpiled.imports,
    exports: transpiled.exports,
    size: component.byteLength,
  };
  await writeFile(join(staging, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n');
  await rm(outDir, { recursive: true, force: true });
  try {
    await rename(staging, outDir);
  } catch (e) {
    // Another process built the same component into the same folder at the same time: theirs
    // is as good as ours when the keys agree.
    await rm(staging, { recursive: true, force: true });
    if ((await readManifest(outDir))?.key !== key) throw e;
  }
  return { spec, outDir, manifest, cached: false, ms: performance.now() - started };
}

export interface BuildObserver {
  started?(spec: ComponentSpec): void;
  finished?(report: BuildReport): void;
}

export interface BuildOptions {
  outDir: string;
  /**
   * How many builds may be in progress at once. Default 2: on 2 busy cores three cold SM builds
   * took 24–30 s one at a time, 18.5 s two at a time, and no less three at a time (the
   * componentizer's wizer step blocks the process, so only the other steps overlap).
   */
  concurrency?: number;
  observer?: BuildObserver;
}

/** Builds independent components; reports come back in the order of `specs`. */
export async function buildComponents(specs: ComponentSpec[], options: BuildOptions): Promise<BuildReport[]> {
  const names = new Set<string>();
  for (const s of specs) {
    if (names.has(s.name)) throw new Error(`two components are named ${s.name}`);
    names.add(s.name);
  }
  const reports: BuildReport[] = new Array(specs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < specs.length) {
      const i = next++;
      const spec = specs[i]!;
      options.observer?.started?.(spec);
      const report = await buildComponent(spec, options.outDir);
      reports[i] = report;
      options.observer?.finished?.(report);
    }
  };
  const lanes = Math.max(1, Math.min(options.concurrency ?? 2, specs.length));
  await Promise.all(Array.from({ length: lanes }, worker));
  return reports;
}
