/**
 * vitest globalSetup: builds every component the component, host and e2e tests use, once per run,
 * into test/.cache/components/<backend>/<name> (reused across runs while nothing changed).
 *
 * The kvcounter set needs the adapters from `witbus gen`; if generating or building them fails,
 * the failure is written to `status.json` for the tests that need them to report, instead of
 * failing every other suite of the run.
 */
import { execFile } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { buildComponents } from '../../src/component/build.ts';
import { progressLines } from '../../src/component/progress.ts';
import { BACKENDS } from '../../src/component/types.ts';
import { kvcounterComponents } from '../../examples/kvcounter/components.ts';
import { backendDir, COMPONENTS_ROOT, fixtureComponents, GENERATED_DIR, STATUS_FILE, WITBUS_BIN, type SetupStatus } from './paths.ts';

async function generateAdapters(): Promise<void> {
  // Fresh every run: files of contracts that no longer exist must not linger in WIT folders.
  await rm(GENERATED_DIR, { recursive: true, force: true });
  await promisify(execFile)(process.execPath, [WITBUS_BIN, 'gen', 'wit', '-o', GENERATED_DIR], { cwd: new URL('../..', import.meta.url) });
}

export default async function setup(): Promise<void> {
  await mkdir(COMPONENTS_ROOT, { recursive: true });
  const progress = progressLines(process.stderr);
  const status: SetupStatus = { kvcounter: { ok: true } };
  try {
    for (const backend of BACKENDS) {
      await buildComponents(fixtureComponents(backend), { outDir: backendDir(backend), observer: progress });
    }
    try {
      await generateAdapters();
      for (const backend of BACKENDS) {
        await buildComponents(kvcounterComponents(GENERATED_DIR, backend), { outDir: backendDir(backend), observer: progress });
      }
    } catch (e) {
      status.kvcounter = { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
  } finally {
    progress.close();
  }
  await writeFile(STATUS_FILE, JSON.stringify(status, null, 2) + '\n');
}
