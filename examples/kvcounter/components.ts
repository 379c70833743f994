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
import { fusedComponent, fusedName, type FusedBuild } from '../../src/service/fuse.ts';
import type { TargetOutput } from '../../src/service/generate.ts';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export const KVCOUNTER = 'kvcounter';
/** `<package>/<interface>` folders, as the generator lays contracts out. */
export const KEYVALUE_SENDER = adapterComponentName('wasmcloud-keyvalue/key-value', 'sender');
export const HTTPSERVER_RECEIVER = adapterComponentName('wasmcloud-httpserver/http-server', 'receiver');

/** The three components of one kvcounter: the business logic and the two adapters it needs. */
export interface KvcounterSet {
  app: string;
  sender: string;
  receiver: string;
}

/** kvcounter on the modern contracts (`wit/`). */
export const MODERN: KvcounterSet = { app: KVCOUNTER, sender: KEYVALUE_SENDER, receiver: HTTPSERVER_RECEIVER };

/** kvcounter on the seed's own 2022-dialect files (`wit/seed/`, adapters from its config target). */
export const SEED: KvcounterSet = {
  app: 'kvcounter-seed',
  sender: adapterComponentName('witbus-seed/keyvalue', 'sender'),
  receiver: adapterComponentName('witbus-seed/httpserver', 'receiver'),
};

/**
 * How kvcounter is deployed: its three components linked at run time by the host, composed into
 * one component (`build --compose`), or bundled into one engine (`build --fuse`).
 */
export type KvcounterForm = 'linked' | 'composed' | 'fused';
export const FORMS: readonly KvcounterForm[] = ['linked', 'composed', 'fused'];

/** The component folders of one form, and which of them receives the HTTP requests. */
export function formComponents(form: KvcounterForm, set: KvcounterSet = MODERN): { names: string[]; receiver: string } {
  if (form === 'linked') return { names: [set.app, set.sender, set.receiver], receiver: set.receiver };
  const name = form === 'fused' ? fusedName(set.app) : `${set.app}.composed`;
  return { names: [name], receiver: name };
}

/** The fused kvcounter (on the modern contracts), from a generation written into `generatedDir`. */
export function fusedKvcounter(output: TargetOutput, generatedDir: string, backend: Backend): FusedBuild {
  return fusedComponent(output, generatedDir, kvcounterApp(backend, MODERN));
}

function kvcounterApp(backend: Backend, set: KvcounterSet): ComponentSpec {
  return set === SEED
    ? appComponent(
        join(REPO_ROOT, 'examples/kvcounter/kvcounter-seed.ts'),
        join(REPO_ROOT, 'examples/kvcounter/seed-wit'),
        backend,
      )
    : appComponent(join(REPO_ROOT, 'examples/kvcounter/kvcounter.ts'), join(REPO_ROOT, 'wit'), backend);
}

/** What to build for a kvcounter set from a generation written into `generatedDir`. */
export function kvcounterComponents(
  output: TargetOutput,
  generatedDir: string,
  backend: Backend,
  set: KvcounterSet = MODERN,
): ComponentSpec[] {
  const adapters = adapterComponents(output, generatedDir, backend).filter(
    (spec) => spec.name === set.sender || spec.name === set.receiver,
  );
  if (adapters.length !== 2) throw new Error(`the generation no longer yields ${set.sender} and ${set.receiver}`);
  return [kvcounterApp(backend, set), ...adapters];
}
