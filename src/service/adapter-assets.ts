/**
 * One contract's sender or receiver adapter built into a component for a bundler to emit as
 * assets: generated like `witbus build` does and built with its content-hash cache (a component
 * folder whose manifest key matches is reused, not rebuilt).
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { buildComponents, ComponentBuildError } from '../component/build.ts';
import type { Backend, ComponentManifest } from '../component/types.ts';
import type { GenerateTarget } from '../config/config.ts';
import type { AdapterRole } from '../naming/index.ts';
import { adapterComponents } from './components.ts';
import { UserError } from './errors.ts';
import { generateTarget } from './generate.ts';
import { writeOutputs } from './output.ts';
import { selectContract } from './select-contract.ts';

export interface AdapterAssetRequest {
  /** The WIT input and its generation options (`out` is not used). */
  target: Omit<GenerateTarget, 'out'>;
  role: AdapterRole;
  /** The contract interface (`key-value`, or its WIT id); needed when the WIT has several. */
  interface?: string;
  backend: Backend;
  /** Holds `generated/` (the adapter sources) and `components/<backend>/<name>/` (the builds). */
  cacheDir: string;
}

export interface AdapterAsset {
  /** The built component folder. */
  dir: string;
  manifest: ComponentManifest;
  /** The transpiled module's core modules, file names in `dir`. */
  coreModules: string[];
  /** Every file the generation read. */
  sources: string[];
}

/**
 * Builds in this process, one at a time: a component's staging folder is named after the process,
 * so two builds of it at once (two imports, or two bundler runs) would share one.
 */
let building: Promise<unknown> = Promise.resolve();

export function buildAdapterAsset(request: AdapterAssetRequest): Promise<AdapterAsset> {
  const build = () => buildNow(request);
  const done = building.then(build, build);
  building = done.catch(() => undefined);
  return done;
}

async function buildNow(request: AdapterAssetRequest): Promise<AdapterAsset> {
  const generatedDir = join(request.cacheDir, 'generated');
  const output = await generateTarget({ ...request.target, out: generatedDir });
  const index = selectContract(
    output.contracts.map((c) => c.witId),
    request.target.wit,
    request.interface,
    '&interface=<name>',
  );
  // The builds read the adapter sources from disk, at a stable place: the bundled guest (part of
  // the cache key) names its files relative to the working folder.
  writeOutputs([{ dir: generatedDir, files: output.files }]);
  const spec = adapterComponents(output, generatedDir, request.backend).filter((s) => s.world === request.role)[index]!;
  try {
    const [report] = await buildComponents([spec], { outDir: join(request.cacheDir, 'components', request.backend) });
    const { outDir: dir, manifest } = report!;
    const coreModules = (await readdir(dir)).filter((f) => f.endsWith('.wasm') && f !== manifest.component).sort();
    return { dir, manifest, coreModules, sources: output.sources };
  } catch (e) {
    if (e instanceof ComponentBuildError) throw new UserError(`error: cannot build ${e.message}`, { cause: e });
    throw e;
  }
}
