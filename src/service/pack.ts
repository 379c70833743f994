/**
 * `pack` as a service: one npm package folder per contract interface of a WIT input, holding the
 * adapter components (built with the cached build), plain JS adapters, the WIT and a README.
 *
 * All or nothing: every package is staged in a folder beside the output folder (text files through
 * `writeOutputs`, component folders copied from the build cache) and moved into place only when
 * all of them are complete; a failure while moving puts back the folders that were there.
 */
import { cpSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { buildComponents, ComponentBuildError, type BuildObserver } from '../component/build.ts';
import { BACKENDS, type Backend, type BuildReport } from '../component/types.ts';
import { adapterComponentName } from '../naming/index.ts';
import type { Contract } from '../contract/contract.ts';
import type { ContractLayout } from '../gen/layout.ts';
import { bundledWasmbus } from '../node/templates.ts';
import type { Resolve } from '../wit/model.ts';
import { DEFAULT_NAME_TEMPLATE, PackInputError } from '../pack/manifest.ts';
import { planPackage, type PackagePlan } from '../pack/layout.ts';
import { adapterComponents } from './components.ts';
import { systemUserError, UserError } from './errors.ts';
import { generateTarget, type TargetOutput } from './generate.ts';
import { writeOutputs } from './output.ts';
import { plainAdapterFiles, plainContract } from './plain-adapters.ts';
import { loadWitPackage } from './wit.ts';

export interface PackRequest {
  wit: string;
  out: string;
  backends: Backend[];
  /** The npm name template (default `@{namespace}/{package}-{interface}`). */
  name?: string;
  /** The packages' version, instead of the WIT package's. */
  version?: string;
  /**
   * Where the adapters are generated and the components built, kept between runs so that an
   * unchanged component is not rebuilt (default `.witbus-cache/pack` in the working folder).
   */
  cache?: string;
  jobs?: number;
  nodeModules?: boolean;
  observer?: BuildObserver;
}

export interface PackedPackage {
  name: string;
  version: string;
  /** The package folder. */
  dir: string;
}

export interface PackReport {
  packages: PackedPackage[];
  builds: BuildReport[];
}

export const DEFAULT_PACK_CACHE = join('.witbus-cache', 'pack');

/** The engines asked for, each once, in witbus's order (so that the output does not depend on how they were listed). */
export function packBackends(names: string[]): Backend[] {
  const unknown = names.filter((n) => !(BACKENDS as readonly string[]).includes(n));
  if (unknown.length > 0) throw new UserError(`error: unknown backend ${unknown.join(', ')}: choose from ${BACKENDS.join(', ')}`);
  if (names.length === 0) throw new UserError(`error: no backend given: choose from ${BACKENDS.join(', ')}`);
  return BACKENDS.filter((b) => names.includes(b));
}

/** A contract's package, with where its generated adapters are (relative to the generated folder). */
interface Planned {
  plan: PackagePlan;
  contract: Contract;
  adapter: ContractLayout;
}

function planAll(request: PackRequest, output: TargetOutput, witResolve: Resolve): Planned[] {
  const byFolder = new Map<string, Planned>();
  output.contracts.forEach((contract, i) => {
    let plan: PackagePlan;
    try {
      plan = planPackage({
        resolve: witResolve,
        contract,
        nameTemplate: request.name ?? DEFAULT_NAME_TEMPLATE,
        version: request.version,
        backends: request.backends,
      });
    } catch (e) {
      if (e instanceof PackInputError) throw new UserError(`error: ${e.message}`, { cause: e });
      throw e;
    }
    const clash = byFolder.get(plan.folder);
    if (clash !== undefined) {
      throw new UserError(`error: ${clash.contract.witId} and ${contract.witId} would both be packed as ${plan.name}: put {interface} in --name`);
    }
    byFolder.set(plan.folder, { plan, contract, adapter: output.adapters[i]! });
  });
  return [...byFolder.values()];
}

/** Moves each staged package folder into `out`, or, on failure, leaves `out` as it was. */
function moveIntoPlace(stage: string, out: string, folders: string[]): void {
  const moved: { staged: string; target: string; previous: string | undefined; placed: boolean }[] = [];
  let madeOut: string | undefined;
  try {
    madeOut = mkdirSync(out, { recursive: true });
    for (const folder of folders) {
      const target = join(out, folder);
      const m = { staged: join(stage, folder), target, previous: existsSync(target) ? join(stage, `.previous-${folder}`) : undefined, placed: false };
      moved.push(m);
      if (m.previous !== undefined) renameSync(target, m.previous);
      renameSync(m.staged, target);
      m.placed = true;
    }
  } catch (e) {
    for (const m of moved.reverse()) {
      if (m.placed) rmSync(m.target, { recursive: true, force: true });
      if (m.previous !== undefined && existsSync(m.previous)) renameSync(m.previous, m.target);
    }
    // `mkdirSync` reports the first folder it made; everything under it is ours.
    if (madeOut !== undefined) rmSync(madeOut, { recursive: true, force: true });
    throw systemUserError(e, 'move the packages into') ?? e;
  }
}

export async function packContracts(request: PackRequest): Promise<PackReport> {
  const wit = resolve(request.wit);
  const out = resolve(request.out);
  if (existsSync(out) && !statSync(out).isDirectory()) throw new UserError(`error: ${out} is not a folder`);
  const cache = resolve(request.cache ?? DEFAULT_PACK_CACHE);
  const generatedDir = join(cache, 'generated');
  const nodeModules = request.nodeModules === false ? { nodeModules: false } : {};
  const output = await generateTarget({ wit, out: generatedDir, ...nodeModules });
  if (output.contracts.length === 0) throw new UserError(`error: ${wit} has no contracts: nothing to pack`);
  // generateTarget keeps its model to itself; the same load gives the same model, ids included.
  const loaded = await loadWitPackage(wit, { fallbackPackages: [bundledWasmbus()], ...nodeModules });
  const planned = planAll(request, output, loaded.resolve);

  writeOutputs([{ dir: generatedDir, files: output.files }]);
  const builds: BuildReport[] = [];
  try {
    for (const backend of request.backends) {
      builds.push(
        ...(await buildComponents(adapterComponents(output, generatedDir, backend), {
          outDir: join(cache, backend),
          ...(request.jobs !== undefined ? { concurrency: request.jobs } : {}),
          ...(request.observer !== undefined ? { observer: request.observer } : {}),
        })),
      );
    }
  } catch (e) {
    if (e instanceof ComponentBuildError) throw new UserError(`error: cannot build ${e.message}`, { cause: e });
    throw e;
  }

  const stage = `${out}.witbus-pack-${process.pid}`;
  rmSync(stage, { recursive: true, force: true });
  let madeParent: string | undefined;
  let done = false;
  try {
    try {
      madeParent = mkdirSync(dirname(out), { recursive: true });
    } catch (e) {
      throw systemUserError(e, 'create the folder') ?? e;
    }
    const sets = await Promise.all(
      planned.map(async ({ plan, contract, adapter }) => {
        const plain = await plainAdapterFiles(join(generatedDir, adapter.dir), plainContract(loaded.resolve, contract));
        const modules = output.files.find((f) => f.path === adapter.modules)!;
        return {
          dir: join(stage, plan.folder),
          files: [...plan.files, { path: 'modules.d.ts', content: modules.content }, ...plain.map((f) => ({ ...f, path: `plain/${f.path}` }))],
        };
      }),
    );
    writeOutputs(sets);
    for (const { plan, adapter } of planned) {
      for (const c of plan.components) {
        const built = join(cache, c.backend, adapterComponentName(adapter.dir, c.role));
        try {
          cpSync(built, join(stage, plan.folder, c.path), { recursive: true });
        } catch (e) {
          throw systemUserError(e, 'copy the component') ?? e;
        }
      }
    }
    moveIntoPlace(stage, out, planned.map((p) => p.plan.folder));
    done = true;
  } finally {
    rmSync(stage, { recursive: true, force: true });
    // Folders made above the output for the stage go too, when nothing was packed into them.
    if (!done && madeParent !== undefined) rmSync(madeParent, { recursive: true, force: true });
  }
  return { packages: planned.map(({ plan }) => ({ name: plan.name, version: plan.version, dir: join(out, plan.folder) })), builds };
}
