/**
 * Builds components: bundle the guest, componentize it, transpile it for Node. A component whose
 * cache key matches the manifest already in its output folder is not rebuilt.
 *
 * All builds run in this one process on purpose: most of a cold StarlingMonkey build is V8
 * warming up, and later builds in the same process are several times faster.
 */
import { readFile, rename, rm, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { wasmbusInterfaces } from './bus-roles.ts';
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

/** A component that failed to build: its name, and what the bundler or componentizer said. */
export class ComponentBuildError extends Error {
  override name = 'ComponentBuildError';
  constructor(
    readonly component: string,
    cause: unknown,
  ) {
    super(`${component}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** A finished build waiting in its staging folder, or a cached one (nothing to move). */
interface StagedBuild {
  report: BuildReport;
  commit(): Promise<void>;
  discard(): Promise<void>;
}

/** What a component folder's manifest says that its binary does not: see ComponentManifest. */
type ComponentIdentity = Pick<
  ComponentManifest,
  'name' | 'world' | 'backend' | 'key' | 'wasmbus' | 'contract' | 'link'
>;

/** Writes a component binary into `dir` (emptied first) as a folder the host loads: transpiled module, binary, manifest. */
async function writeComponentFolder(
  dir: string,
  component: Uint8Array,
  identity: ComponentIdentity,
): Promise<ComponentManifest> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const transpiled = await transpileInto(identity.name, component, dir);
  // The binary itself, for hosts other than Node and for `witbus compose`.
  const componentFile = `${identity.name}.wasm`;
  await writeFile(join(dir, componentFile), component);
  const manifest: ComponentManifest = {
    ...identity,
    module: transpiled.module,
    component: componentFile,
    imports: transpiled.imports,
    exports: transpiled.exports,
    size: component.byteLength,
  };
  await writeFile(join(dir, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

/** Moves a staged folder into place as `outDir`, replacing what was there. */
async function commitFolder(staging: string, outDir: string, key: string): Promise<void> {
  await rm(outDir, { recursive: true, force: true });
  try {
    await rename(staging, outDir);
  } catch (e) {
    // Another process built the same component into the same folder at the same time:
    // theirs is as good as ours when the keys agree.
    await rm(staging, { recursive: true, force: true });
    if ((await readManifest(outDir))?.key !== key) throw e;
  }
}

/**
 * Writes a component binary made elsewhere (a composite) as `<outRoot>/<name>/`, so the host can
 * load it like a built one; left alone when its manifest already has `identity.key`.
 */
export async function writeBinaryComponent(
  outRoot: string,
  component: Uint8Array,
  identity: ComponentIdentity,
): Promise<ComponentManifest> {
  const outDir = join(outRoot, identity.name);
  const existing = await readManifest(outDir);
  if (existing?.key === identity.key) return existing;
  const staging = `${outDir}.staging-${process.pid}`;
  try {
    const manifest = await writeComponentFolder(staging, component, identity);
    await commitFolder(staging, outDir, identity.key);
    return manifest;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** Builds one component into a staging folder beside `<outRoot>/<spec.name>/`, or reuses what is there. */
async function stageComponent(spec: ComponentSpec, outRoot: string): Promise<StagedBuild> {
  const started = performance.now();
  const outDir = join(outRoot, spec.name);
  const staging = `${outDir}.staging-${process.pid}`;
  try {
    const jsSource = await bundleGuest(spec.sourcePath, spec.witModules);
    const key = await cacheKey({ ...spec, jsSource });
    const existing = await readManifest(outDir);
    if (existing?.key === key) {
      const report = { spec, outDir, manifest: existing, cached: true, ms: performance.now() - started };
      return { report, commit: async () => {}, discard: async () => {} };
    }
    const component = await componentizeGuest({ ...spec, jsSource });
    const manifest = await writeComponentFolder(staging, component, {
      name: spec.name,
      world: spec.world,
      backend: spec.backend,
      key,
      wasmbus: await wasmbusInterfaces(spec.witPath, spec.world),
      ...(spec.contractId === undefined ? {} : { contract: spec.contractId }),
      ...(spec.linkName === undefined ? {} : { link: spec.linkName }),
    });
    const report = { spec, outDir, manifest, cached: false, ms: performance.now() - started };
    return {
      report,
      commit: () => commitFolder(staging, outDir, key),
      discard: () => rm(staging, { recursive: true, force: true }),
    };
  } catch (e) {
    await rm(staging, { recursive: true, force: true });
    throw new ComponentBuildError(spec.name, e);
  }
}

/** Builds one component into `<outRoot>/<spec.name>/`, or reuses what is there. */
export async function buildComponent(spec: ComponentSpec, outRoot: string): Promise<BuildReport> {
  const staged = await stageComponent(spec, outRoot);
  await staged.commit();
  return staged.report;
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

/** Builds independent components, all or none; reports come back in the order of `specs`. */
export async function buildComponents(specs: ComponentSpec[], options: BuildOptions): Promise<BuildReport[]> {
  const names = new Set<string>();
  for (const s of specs) {
    if (names.has(s.name)) throw new Error(`two components are named ${s.name}`);
    names.add(s.name);
  }
  // Every build is staged first and moved into place only when all of them succeeded, so a
  // failure leaves every component folder as it was.
  const staged: StagedBuild[] = new Array(specs.length);
  const failures: unknown[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < specs.length && failures.length === 0) {
      const i = next++;
      const spec = specs[i]!;
      options.observer?.started?.(spec);
      try {
        staged[i] = await stageComponent(spec, options.outDir);
      } catch (e) {
        failures.push(e);
        return;
      }
      options.observer?.finished?.(staged[i].report);
    }
  };
  const lanes = Math.max(1, Math.min(options.concurrency ?? 2, specs.length));
  await Promise.all(Array.from({ length: lanes }, worker));
  const done = staged.filter((s) => s !== undefined);
  if (failures.length > 0) {
    await Promise.all(done.map((s) => s.discard()));
    throw failures[0];
  }
  for (const s of done) await s.commit();
  return done.map((s) => s.report);
}
