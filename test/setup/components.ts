/**
 * vitest globalSetup: builds every component the component, host and e2e tests use, once per run,
 * into test/.cache/components/<backend>/<name> (reused across runs while nothing changed).
 *
 * The kvcounter set needs the adapters from `witbus gen`. It is also built in the two other forms
 * the e2e suite runs: composed (`<backend>/kvcounter.composed/`) and fused (`kvcounter.fused/`),
 * as `witbus build --compose --fuse` makes them. If generating or building them fails,
 * the failure is written to `status.json` for the tests that need them to report, instead of
 * failing every other suite of the run.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildComponents } from '../../src/component/build.ts';
import { progressLines } from '../../src/component/progress.ts';
import { BACKENDS } from '../../src/component/types.ts';
import {
  fusedKvcounter,
  KVCOUNTER,
  kvcounterComponents,
  MODERN,
  REPO_ROOT,
  SEED,
} from '../../examples/kvcounter/components.ts';
import { writeComposedComponent } from '../../src/service/build.ts';
import { composeBuiltApp } from '../../src/service/compose.ts';
import { resolveTargets } from '../../src/service/targets.ts';
import { generateTarget, type TargetOutput } from '../../src/service/generate.ts';
import { writeOutputs } from '../../src/service/output.ts';
import {
  ADAPTER_INTS_GENERATED,
  ADAPTER_INTS_WIT,
  backendDir,
  COMPONENTS_ROOT,
  fixtureComponents,
  GENERATED_DIR,
  STATUS_FILE,
  type SetupStatus,
} from './paths.ts';

/**
 * The adapters of wit/ and of the seed's wit/seed/, with the options the repository's config gives
 * each, written into GENERATED_DIR (fresh every run: files of contracts that no longer exist must
 * not linger in WIT folders).
 */
async function generateAdapters(): Promise<{ modern: TargetOutput; seed: TargetOutput }> {
  await rm(GENERATED_DIR, { recursive: true, force: true });
  const generate = async (wit: string): Promise<TargetOutput> => {
    const { targets } = await resolveTargets({ wit, cwd: REPO_ROOT, config: 'witbus.config.ts' });
    return generateTarget({ ...targets[0]!, out: GENERATED_DIR });
  };
  const modern = await generate('wit');
  const seed = await generate('wit/seed');
  // The fused world does not depend on the engine.
  const fused = fusedKvcounter(modern, GENERATED_DIR, BACKENDS[0]!).files;
  writeOutputs([modern, seed, { files: fused }].map((o) => ({ dir: GENERATED_DIR, files: o.files })));
  return { modern, seed };
}

export default async function setup(): Promise<void> {
  await mkdir(COMPONENTS_ROOT, { recursive: true });
  const progress = progressLines(process.stderr);
  const status: SetupStatus = { kvcounter: { ok: true } };
  try {
    // witbus's own adapters for the fixture contract of every integer type, as `witbus gen` writes them.
    await rm(join(REPO_ROOT, ADAPTER_INTS_GENERATED), { recursive: true, force: true });
    const adapterInts = await generateTarget({
      wit: join(REPO_ROOT, ADAPTER_INTS_WIT),
      out: join(REPO_ROOT, ADAPTER_INTS_GENERATED),
    });
    writeOutputs([{ dir: join(REPO_ROOT, ADAPTER_INTS_GENERATED), files: adapterInts.files }]);
    for (const backend of BACKENDS) {
      await buildComponents(fixtureComponents(backend), { outDir: backendDir(backend), observer: progress });
    }
    try {
      const { modern, seed } = await generateAdapters();
      for (const backend of BACKENDS) {
        const linked = kvcounterComponents(modern, GENERATED_DIR, backend, MODERN);
        const specs = [
          ...linked,
          ...kvcounterComponents(seed, GENERATED_DIR, backend, SEED),
          fusedKvcounter(modern, GENERATED_DIR, backend).spec,
        ];
        const reports = await buildComponents(specs, { outDir: backendDir(backend), observer: progress });
        const app = linked.find((spec) => spec.name === KVCOUNTER)!;
        const linkedReports = reports.slice(0, linked.length);
        await writeComposedComponent(
          linkedReports,
          await composeBuiltApp(linkedReports, app.sourcePath, backendDir(backend)),
        );
      }
    } catch (e) {
      status.kvcounter = { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
  } finally {
    progress.close();
  }
  await writeFile(STATUS_FILE, JSON.stringify(status, null, 2) + '\n');
}
