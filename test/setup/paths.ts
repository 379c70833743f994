/** Where the shared test components live, and which fixtures there are. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Backend, ComponentSpec } from '../../src/component/types.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The CLI from its sources (no build needed), as `npm run witbus` runs it. */
export const WITBUS_BIN = join(ROOT, 'scripts/witbus-dev.mjs');
export const COMPONENTS_ROOT = join(ROOT, 'test/.cache/components');
export const GENERATED_DIR = join(ROOT, 'test/.cache/generated');
export const STATUS_FILE = join(COMPONENTS_ROOT, 'status.json');

export interface SetupStatus {
  kvcounter: { ok: true } | { ok: false; error: string };
}

/** Where the setup generates the adapters of test/component/fixtures/adapter-ints/ints.wit. */
export const ADAPTER_INTS_WIT = 'test/component/fixtures/adapter-ints/ints.wit';
export const ADAPTER_INTS_GENERATED = 'test/.cache/generated-adapter-ints';
const ADAPTER_INTS = `${ADAPTER_INTS_GENERATED}/witbus-adapter-ints/numbers`;

export const backendDir = (backend: Backend): string => join(COMPONENTS_ROOT, backend);
export const componentDir = (backend: Backend, name: string): string => join(backendDir(backend), name);

export function fixtureComponents(backend: Backend): ComponentSpec[] {
  const fixture = (name: string, source: string, witPath: string, world: string): ComponentSpec => ({
    name,
    sourcePath: join(ROOT, source),
    witPath: join(ROOT, witPath),
    world,
    backend,
  });
  return [
    fixture('ints', 'test/component/fixtures/ints.ts', 'test/component/fixtures/ints.wit', 'ints'),
    // witbus's own adapters for a contract of every integer type, as `witbus gen` writes them.
    ...(['sender', 'receiver'] as const).map((role) =>
      fixture(`adapter-ints-${role}`, `${ADAPTER_INTS}/${role}.ts`, `${ADAPTER_INTS}/wit`, role),
    ),
    fixture('probe-v1', 'test/host/fixtures/probe-v1.ts', 'test/host/fixtures/wit', 'probe'),
    fixture('probe-v2', 'test/host/fixtures/probe-v2.ts', 'test/host/fixtures/wit', 'probe'),
  ];
}

/** Throws the setup's reason when the kvcounter components could not be built. */
export function requireKvcounter(): void {
  const status = JSON.parse(readFileSync(STATUS_FILE, 'utf8')) as SetupStatus;
  if (!status.kvcounter.ok) throw new Error(`the kvcounter components were not built: ${status.kvcounter.error}`);
}
