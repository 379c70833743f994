/**
 * `build` as a service: generate a WIT input's adapters, write them, and build every sender and
 * receiver (and the business logic, if given) into components, all or nothing.
 */
import { join, resolve } from 'node:path';
import { buildComponents, ComponentBuildError, type BuildObserver } from '../component/build.ts';
import type { Backend, BuildReport } from '../component/types.ts';
import { adapterComponents, appComponent } from './components.ts';
import { UserError } from './errors.ts';
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
  jobs?: number;
  /** false: do not look in node_modules for packages the WIT uses. */
  nodeModules?: boolean;
  observer?: BuildObserver;
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
  const specs = adapterComponents(output, generatedDir, request.backend);
  if (request.app !== undefined) specs.push(appComponent(resolve(request.app), wit, request.backend, request.world));
  if (specs.length === 0)
    throw new UserError(`error: ${wit} has no contracts and no --app was given: nothing to build`);
  // The builds read the adapters from disk; if a build fails they are put back as they were.
  const written = writeOutputs([{ dir: generatedDir, files: output.files }]);
  try {
    return await buildComponents(specs, {
      outDir: out,
      ...(request.jobs !== undefined ? { concurrency: request.jobs } : {}),
      ...(request.observer !== undefined ? { observer: request.observer } : {}),
    });
  } catch (e) {
    written.rollback();
    // The bundler and the componentizer fail on the user's code or WIT more often than not.
    if (e instanceof ComponentBuildError) throw new UserError(`error: cannot build ${e.message}`, { cause: e });
    throw e;
  }
}
