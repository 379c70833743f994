/**
 * vitest globalSetup: builds every component the component, host and e2e tests use, once per run,
 * into test/.cache/components/<backend>/<name> (reused across runs while nothing changed).
 *
 * The kvcounter set needs the adapters from `witbus gen`; if generating or building them fails,
 * the failure is written to `status.json` for the tests that need them to report, instead of
 * failing every other suite of the run.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildComponents } from '../../src/component/build.ts';
import { progressLines } from '../../src/component/progress.ts';
import { BACKENDS } from '../../src/component/types.ts';
import { kvcounterComponents, REPO_ROOT } from '../../examples/kvcounter/components.ts';
import { generateTarget, type TargetOutput } from '../../src/service/generate.ts';
import { writeOutputs } from '../../src/service/output.ts';
import { backendDir, COMPONENTS_ROOT, fixtureComponents, GENERATED_DIR, STATUS_FILE, type SetupStatus } from './paths.ts';

async function generateAdapters(): Promise<TargetOutput> {
  // Fresh every run: files of contracts that no longer exist must not linger in WIT folders.
  await rm(GENERATED_DIR, { recursive: true, force: true });
  const output = await generateTarget({ wit: join(REPO_ROOT, 'wit'), out: GENERATED_DIR });
  writeOutputs([{ dir: GENERATED_DIR, files: output.files }]);
  return output;
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
      const output = await generateAdapters();
      for (const backend of BACKENDS) {
        await buildComponents(kvcounterComponents(output, GENERATED_DIR, backend), { outDir: backendDir(backend), observer: progress });
      }
    } catch (e) {
      status.kvcounter = { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
  } finally {
    progress.close();
  }
  await writeFile(STATUS_FILE, JSON.stringify(status, null, 2) + '\n');
}
