/**
 * `build` as a service: generate a WIT input's adapters, write them, and build every sender and
 * receiver (and the business logic, if given) into components, all or nothing.
 *
 * The adapters of a contract the app uses whose WIT came from an installed contract package
 * (`witbus pack`) are not built: the package's components are copied into the output instead.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { cp, readFile, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import {
  buildComponents,
  ComponentBuildError,
  readManifest,
  writeBinaryComponent,
  type BuildObserver,
} from '../component/build.ts';
import type { Backend, BuildReport, ComponentManifest } from '../component/types.ts';
import { witFolder } from '../pack/wit-folder.ts';
import { adapterComponents, appComponent } from './components.ts';
import type { ComposeReport } from './compose.ts';
import { systemUserError, UserError } from './errors.ts';
import { appWorld, fusedComponent, fusedName, type FusedBuild } from './fuse.ts';
import { generateTarget } from './generate.ts';
import { appAdapters, packageLabel, type ContractPackage, type InstalledAdapter } from './installed-adapters.ts';
import { writeOutputs, type OutputFile } from './output.ts';

export interface BuildRequest {
  wit: string;
  out: string;
  backend: Backend;
  /** Where the adapter sources go; default `<out>/generated`. */
  generated?: string;
  /** The business logic's module, and its world in `wit` (default: the file's name). */
  app?: string;
  world?: string;
  /**
   * Also fuse the app with the adapters it uses into one component: `<out>/<app>.fused/` for the
   * witbus host, and its binary as `<out>/<app>.fused.wasm`. Needs `app`.
   */
  fuse?: boolean;
  jobs?: number;
  /** false: do not look in node_modules for packages the WIT uses. */
  nodeModules?: boolean;
  observer?: BuildObserver;
  /** Receives the generation's notes (see `TargetOutput.notes`). */
  note?: (line: string) => void;
}

/** A component of a build: built (or reused from the output folder), or taken from an installed package. */
export interface ProjectReport extends BuildReport {
  /** The contract package the component was copied from; it was not built. */
  installed?: ContractPackage;
}

/** Copies an installed adapter's component folder into `out` (left alone when it is already there). */
async function copyInstalled(adapter: InstalledAdapter, out: string): Promise<ProjectReport> {
  const { manifest } = adapter;
  const outDir = join(out, manifest.name);
  if ((await readManifest(outDir))?.key !== manifest.key) {
    try {
      await rm(outDir, { recursive: true, force: true });
      await cp(adapter.dir, outDir, { recursive: true });
    } catch (e) {
      throw systemUserError(e, 'copy the component') ?? e;
    }
  }
  const spec = {
    name: manifest.name,
    sourcePath: join(adapter.dir, manifest.component),
    witPath: adapter.from.wit,
    world: manifest.world,
    backend: manifest.backend,
  };
  return { spec, outDir, manifest, cached: false, ms: 0, installed: adapter.from };
}

export async function buildProject(request: BuildRequest): Promise<ProjectReport[]> {
  const wit = resolve(request.wit);
  const out = resolve(request.out);
  const generatedDir = resolve(request.generated ?? join(out, 'generated'));
  const output = await generateTarget({
    wit,
    out: generatedDir,
    ...(request.nodeModules === false ? { nodeModules: false } : {}),
  });
  for (const line of output.notes) request.note?.(line);
  const specs = adapterComponents(output, generatedDir, request.backend);
  const files: OutputFile[] = [...output.files];
  let installed: InstalledAdapter[] = [];
  const app =
    request.app === undefined ? undefined : appComponent(resolve(request.app), wit, request.backend, request.world);
  if (app !== undefined) {
    const world = appWorld(output, app.world, wit);
    if (request.nodeModules !== false) {
      const own = new Set(output.contracts.map((c) => c.witId));
      const from = statSync(wit).isDirectory() ? wit : dirname(wit);
      installed = await appAdapters(output.resolve, world, own, request.backend, from);
    }
    if (installed.length > 0) {
      // The componentizer reads one WIT folder, and the installed contracts' WIT is not in the
      // input's: the app's package goes with every package it uses into a folder of its own.
      const witDir = `${app.name}.wit`;
      files.push(...witFolder(output.resolve, world.package!).map((f) => ({ ...f, path: `${witDir}/${f.path}` })));
      app.witPath = join(generatedDir, witDir);
    }
    specs.push(app);
  }
  if (specs.length === 0)
    throw new UserError(`error: ${wit} has no contracts and no --app was given: nothing to build`);
  let fused: FusedBuild | undefined;
  if (request.fuse === true) {
    if (app === undefined) throw new UserError('error: --fuse needs --app: the business logic to fuse');
    if (installed.length > 0) {
      const from = [...new Set(installed.map((a) => packageLabel(a.from)))].join(', ');
      throw new UserError(
        `error: --fuse bundles adapters generated from ${wit}, and ${app.name} uses contracts from ${from}: use --compose, or put their WIT in the input`,
      );
    }
    fused = fusedComponent(output, generatedDir, app);
    specs.push(fused.spec);
    files.push(...fused.files);
  }
  // The builds read the adapters (and the fused world) from disk; if a build fails they are put
  // back as they were.
  const written = writeOutputs([{ dir: generatedDir, files }]);
  try {
    const reports = await buildComponents(specs, {
      outDir: out,
      ...(request.jobs !== undefined ? { concurrency: request.jobs } : {}),
      ...(request.observer !== undefined ? { observer: request.observer } : {}),
    });
    const fusedReport = reports.find((r) => r.spec === fused?.spec);
    if (fusedReport !== undefined) {
      // The binary beside the folders, as `--compose` writes its composite, for other hosts.
      const bytes = await readFile(join(fusedReport.outDir, fusedReport.manifest.component));
      writeOutputs([{ dir: out, files: [{ path: `${fusedName(app!.name)}.wasm`, content: bytes }] }]);
    }
    const copied: ProjectReport[] = [];
    for (const adapter of installed) copied.push(await copyInstalled(adapter, out));
    return [...reports, ...copied];
  } catch (e) {
    written.rollback();
    // The bundler and the componentizer fail on the user's code or WIT more often than not.
    if (e instanceof ComponentBuildError) throw new UserError(`error: cannot build ${e.message}`, { cause: e });
    throw e;
  }
}

/** Whether `ids` (versioned, as a composite names them) hold the unversioned interface `id`. */
const holds = (ids: string[], id: string | undefined): boolean =>
  id !== undefined && ids.some((i) => i === id || i.startsWith(`${id}@`));

/**
 * `build --compose`'s composite as the component folder `<out>/<app>.composed/` too, so the witbus
 * host runs it like any build. Its wasmbus sender and receiver are those of the children that the
 * composite still imports and exports.
 */
export async function writeComposedComponent(
  reports: BuildReport[],
  composed: ComposeReport,
): Promise<ComponentManifest> {
  const children = composed.children.map((name) => reports.find((r) => r.manifest.name === name)!);
  const app = children[0]!;
  const sender = children.map((c) => c.manifest.wasmbus.sender).find((id) => holds(composed.imports, id));
  const receiver = children.map((c) => c.manifest.wasmbus.receiver).find((id) => holds(composed.exports, id));
  return writeBinaryComponent(dirname(composed.out), composed.bytes, {
    name: basename(composed.out).replace(/\.wasm$/, ''),
    world: app.manifest.world,
    backend: app.manifest.backend,
    key: createHash('sha256').update(composed.bytes).digest('hex'),
    wasmbus: { ...(sender ? { sender } : {}), ...(receiver ? { receiver } : {}) },
  });
}
