/**
 * `build` as a service: generate a WIT input's adapters, write them, and build every sender and
 * receiver (and the business logic, if given) into components, all or nothing.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { buildComponents, ComponentBuildError, writeBinaryComponent, type BuildObserver } from '../component/build.ts';
import type { Backend, BuildReport, ComponentManifest } from '../component/types.ts';
import { adapterComponents, appComponent } from './components.ts';
import type { ComposeReport } from './compose.ts';
import { UserError } from './errors.ts';
import { fusedComponent, fusedName, type FusedBuild } from './fuse.ts';
import { generateTarget } from './generate.ts';
import { writeOutputs } from './output.ts';

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

export async function buildProject(request: BuildRequest): Promise<BuildReport[]> {
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
  const app =
    request.app === undefined ? undefined : appComponent(resolve(request.app), wit, request.backend, request.world);
  if (app !== undefined) specs.push(app);
  if (specs.length === 0)
    throw new UserError(`error: ${wit} has no contracts and no --app was given: nothing to build`);
  let fused: FusedBuild | undefined;
  if (request.fuse === true) {
    if (app === undefined) throw new UserError('error: --fuse needs --app: the business logic to fuse');
    fused = fusedComponent(output, generatedDir, app);
    specs.push(fused.spec);
  }
  // The builds read the adapters (and the fused world) from disk; if a build fails they are put
  // back as they were.
  const written = writeOutputs([{ dir: generatedDir, files: [...output.files, ...(fused?.files ?? [])] }]);
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
    return reports;
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
