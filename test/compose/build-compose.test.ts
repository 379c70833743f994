/**
 * `witbus build --compose`: the app a build made, composed with the adapters it uses and none of
 * the others a build also makes. Run over the components the test setup built, with unrelated
 * components beside them (probe-v1 imports the wasmbus sender and exports the receiver too).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { componentWit } from '@bytecodealliance/jco';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTPSERVER_RECEIVER, KEYVALUE_SENDER, KVCOUNTER, REPO_ROOT } from '../../examples/kvcounter/components.ts';
import { readManifest } from '../../src/component/build.ts';
import type { BuildReport, ComponentSpec } from '../../src/component/types.ts';
import { appComponent } from '../../src/service/components.ts';
import { composeBuiltApp } from '../../src/service/compose.ts';
import { witbus } from '../helpers/cli.ts';
import { componentDir, fixtureComponents, requireKvcounter } from '../setup/paths.ts';

const APP_SOURCE = join(REPO_ROOT, 'examples/kvcounter/kvcounter.ts');

async function report(spec: ComponentSpec): Promise<BuildReport> {
  const outDir = componentDir(spec.backend, spec.name);
  const manifest = await readManifest(outDir);
  if (manifest === undefined) throw new Error(`the test setup did not build ${spec.name}`);
  return { spec, outDir, manifest, cached: true, ms: 0 };
}

describe('build --compose', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'witbus-build-compose-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('composes the app with the adapters it imports from and exports to, and no others', async () => {
    requireKvcounter();
    const backend = 'quickjs';
    const adapter = (name: string): ComponentSpec => ({
      name,
      sourcePath: join(dir, `${name}.ts`),
      witPath: '',
      world: '',
      backend,
    });
    const reports = await Promise.all(
      [
        ...fixtureComponents(backend),
        adapter(KEYVALUE_SENDER),
        appComponent(APP_SOURCE, join(REPO_ROOT, 'wit'), backend),
        adapter(HTTPSERVER_RECEIVER),
      ].map(report),
    );
    const composed = await composeBuiltApp(reports, APP_SOURCE, dir);
    expect(composed.out).toBe(join(dir, `${KVCOUNTER}.composed.wasm`));
    expect(composed.children).toEqual([KVCOUNTER, KEYVALUE_SENDER, HTTPSERVER_RECEIVER]);
    expect(await componentWit(await readFile(composed.out))).toContain(
      '  import wasmcloud:wasmbus/types@0.1.0;\n  import wasmcloud:wasmbus/sender@0.1.0;\n\n  export wasmcloud:wasmbus/receiver@0.1.0;\n}',
    );
  });

  it('needs --app', () => {
    const run = witbus(['build', 'wit', '-o', join(dir, 'out'), '--compose']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--compose needs --app: the business logic to compose\n');
  });
});
