/**
 * kvcounter over packed contracts: the keyvalue sender and the httpserver receiver come built from
 * installed npm packages (`witbus pack`), and only the business logic is built here, against WIT
 * that finds the contracts in node_modules.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildComponent } from '../../src/component/build.ts';
import type { Backend, BuildReport } from '../../src/component/types.ts';
import { Host } from '../../src/host/host.ts';
import { keyValueProvider, type KeyValueStore } from '../../src/host/providers/keyvalue.ts';
import { HTTPSERVER_CONTRACT, startHttpServer, type RunningHttpServer } from '../../src/host/providers/httpserver.ts';
import type { AdapterRole } from '../../src/naming/index.ts';
import { witFolder } from '../../src/pack/wit-folder.ts';
import { appComponent } from '../../src/service/components.ts';
import { writeOutputs } from '../../src/service/output.ts';
import { loadWitPackage } from '../../src/service/wit.ts';
import { HTTPSERVER_RECEIVER, KEYVALUE_SENDER, KVCOUNTER, REPO_ROOT } from '../kvcounter/components.ts';

/** The npm packages `witbus pack wit` makes of the bundled contracts (the default name template). */
export const KEYVALUE_PACKAGE = '@wasmcloud/keyvalue-key-value';
export const HTTPSERVER_PACKAGE = '@wasmcloud/httpserver-http-server';

/** The business logic is kvcounter's own: only where its adapters come from differs. */
const APP_SOURCE = join(REPO_ROOT, 'examples/kvcounter/kvcounter.ts');

/**
 * Builds the business logic of the project in `projectDir` (its `wit/` uses the installed
 * contracts) into `buildDir/<backend>/kvcounter`. componentize-js reads one WIT folder, so the
 * resolved world is first written out with every package it uses under deps/.
 */
export async function buildPackedApp(projectDir: string, buildDir: string, backend: Backend): Promise<BuildReport> {
  const loaded = await loadWitPackage(join(projectDir, 'wit'));
  const witDir = join(buildDir, 'wit');
  writeOutputs([{ dir: witDir, files: witFolder(loaded.resolve, loaded.packages[0]!) }]);
  return buildComponent(appComponent(APP_SOURCE, witDir, backend, KVCOUNTER), join(buildDir, backend));
}

/** The folder of an installed contract package's component, as the package's Node entry gives it. */
export async function installedComponent(projectDir: string, npmName: string, backend: Backend, role: AdapterRole): Promise<string> {
  const entry = createRequire(join(projectDir, 'package.json')).resolve(npmName);
  const contract = (await import(pathToFileURL(entry).href)) as { componentDir(backend: Backend, role: AdapterRole): string };
  return contract.componentDir(backend, role);
}

export interface PackedKvcounterOptions {
  projectDir: string;
  /** Where the business logic is built (kept between runs: an unchanged build is reused). */
  buildDir: string;
  backend: Backend;
  port: number;
}

export interface RunningPackedKvcounter {
  host: Host;
  server: RunningHttpServer;
  store: KeyValueStore;
  url: string;
  close(): Promise<void>;
}

export async function startPackedKvcounter(options: PackedKvcounterOptions): Promise<RunningPackedKvcounter> {
  const { projectDir, backend } = options;
  const app = await buildPackedApp(projectDir, options.buildDir, backend);
  const memory = keyValueProvider();
  const host = await Host.start({
    components: [
      { name: KVCOUNTER, dir: app.outDir },
      { name: KEYVALUE_SENDER, dir: await installedComponent(projectDir, KEYVALUE_PACKAGE, backend, 'sender') },
      { name: HTTPSERVER_RECEIVER, dir: await installedComponent(projectDir, HTTPSERVER_PACKAGE, backend, 'receiver') },
    ],
    providers: [memory],
    receivers: { [HTTPSERVER_CONTRACT]: HTTPSERVER_RECEIVER },
  });
  const server = await startHttpServer(host, { port: options.port });
  return { host, server, store: memory.store, url: `http://127.0.0.1:${server.port}`, close: () => server.close() };
}
