/**
 * The components of the kvcounter application: the business logic, the keyvalue sender adapter
 * and the httpserver receiver adapter, the last two from witbus's generated code and named as
 * `witbus build` names them.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Backend, ComponentSpec } from '../../src/component/types.ts';
import { adapterComponentName } from '../../src/naming/index.ts';
import { adapterComponents, appComponent } from '../../src/service/components.ts';
import type { TargetOutput } from '../../src/service/generate.ts';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export const KVCOUNTER = 'kvcounter';
/** `<package>/<interface>` folders, as the generator lays contracts out. */
export const KEYVALUE_SENDER = adapterComponentName('wasmcloud-keyvalue/key-value', 'sender');
export const HTTPSERVER_RECEIVER = adapterComponentName('wasmcloud-httpserver/http-server', 'receiver');

/** What to build for kvcounter from a generation of wit/ written into `generatedDir`. */
export function kvcounterComponents(output: TargetOutput, generatedDir: string, backend: Backend): ComponentSpec[] {
  const adapters = adapterComponents(output, generatedDir, backend).filter(
    (spec) => spec.name === KEYVALUE_SENDER || spec.name === HTTPSERVER_RECEIVER,
  );
  if (adapters.length !== 2) throw new Error(`wit/ no longer yields ${KEYVALUE_SENDER} and ${HTTPSERVER_RECEIVER}`);
  return [appComponent(join(REPO_ROOT, 'examples/kvcounter/kvcounter.ts'), join(REPO_ROOT, 'wit'), backend), ...adapters];
}
