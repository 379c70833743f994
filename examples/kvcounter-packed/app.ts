/**
 * kvcounter over packed contracts: `witbus build --app` takes the keyvalue sender and the
 * httpserver receiver from the installed npm packages (`witbus pack`) and builds only the business
 * logic, against WIT that finds the contracts in node_modules; `witbus serve` runs the folder.
 */
import { join } from 'node:path';
import type { Backend } from '../../src/component/types.ts';
import { buildProject, type ProjectReport } from '../../src/service/build.ts';
import { serve, type RunningServe } from '../../src/service/serve.ts';
import { KVCOUNTER, REPO_ROOT } from '../kvcounter/components.ts';

/** The npm packages `witbus pack wit` makes of the bundled contracts (the default name template). */
export const KEYVALUE_PACKAGE = '@wasmcloud/keyvalue-key-value';
export const HTTPSERVER_PACKAGE = '@wasmcloud/httpserver-http-server';

/** The business logic is kvcounter's own: only where its adapters come from differs. */
export const APP_SOURCE = join(REPO_ROOT, 'examples/kvcounter/kvcounter.ts');

/**
 * `witbus build wit --app <kvcounter.ts> -o <out>` in the project: the app's folder for serve,
 * with the adapters copied from the installed packages.
 */
export function buildPackedApp(projectDir: string, out: string, backend: Backend): Promise<ProjectReport[]> {
  return buildProject({ wit: join(projectDir, 'wit'), out, backend, app: APP_SOURCE, world: KVCOUNTER });
}

export interface PackedKvcounterOptions {
  projectDir: string;
  /** Where the app is built, per backend (kept between runs: an unchanged build is reused). */
  buildDir: string;
  backend: Backend;
  port: number;
  /** Worker threads running the app (see `witbus serve --workers`); 0 runs it on the main thread. */
  workers?: number;
}

export interface RunningPackedKvcounter {
  /** What the build made and where each component came from. */
  builds: ProjectReport[];
  /** The folder `witbus serve` runs. */
  app: string;
  server: RunningServe;
  url: string;
  close(): Promise<void>;
}

export async function startPackedKvcounter(options: PackedKvcounterOptions): Promise<RunningPackedKvcounter> {
  const app = join(options.buildDir, options.backend);
  const builds = await buildPackedApp(options.projectDir, app, options.backend);
  const server = await serve({
    app,
    kv: 'memory',
    port: options.port,
    ...(options.workers !== undefined ? { workers: options.workers } : {}),
  });
  return { builds, app, server, url: server.url, close: () => server.close() };
}
