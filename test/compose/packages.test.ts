/**
 * `compose` with installed contract packages: the app's interface is read once, however many
 * packages it is matched against, and the composition takes it as read. The packages' components are the test setup's, taken as they are
 * (each package's other role is an adapter the app does not use).
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { HTTPSERVER_RECEIVER, KEYVALUE_SENDER, KVCOUNTER } from '../../examples/kvcounter/components.ts';
import { readManifest } from '../../src/component/build.ts';
import type { ComponentInterface } from '../../src/compose/read.ts';
import { composeFiles } from '../../src/service/compose.ts';
import type { ContractPackage } from '../../src/service/installed-adapters.ts';
import { componentDir, requireKvcounter } from '../setup/paths.ts';

/** The bytes of every component whose interface was read. */
const read = vi.hoisted(() => [] as Uint8Array[]);
vi.mock('../../src/compose/read.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/compose/read.ts')>();
  return {
    ...actual,
    readInterface: (bytes: Uint8Array): ComponentInterface => {
      read.push(bytes);
      return actual.readInterface(bytes);
    },
  };
});
/** Each package's role → the setup's component folder. */
const COMPONENTS: Record<string, Record<string, string>> = {
  '@acme/kv': { sender: KEYVALUE_SENDER, receiver: 'adapter-ints-receiver' },
  '@acme/http': { sender: 'adapter-ints-sender', receiver: HTTPSERVER_RECEIVER },
};
vi.mock('../../src/service/installed-adapters.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/service/installed-adapters.ts')>();
  return {
    ...actual,
    packagedAdapter: async (p: ContractPackage, backend: 'quickjs', role: 'sender' | 'receiver') => {
      const dir = componentDir(backend, COMPONENTS[p.npm]![role]!);
      return { from: p, role, dir, manifest: await readManifest(dir) };
    },
  };
});

let project: string | undefined;
afterAll(async () => {
  if (project !== undefined) await rm(project, { recursive: true, force: true });
});

describe('compose with contract packages', () => {
  it("reads the app's interface once for two packages, and takes from each the adapter the app uses", async () => {
    requireKvcounter();
    project = await mkdtemp(join(tmpdir(), 'witbus-compose-packages-'));
    for (const [npm, contract] of [
      ['@acme/kv', 'wasmcloud:keyvalue/key-value@0.1.0'],
      ['@acme/http', 'wasmcloud:httpserver/http-server@0.1.0'],
    ] as const) {
      const dir = join(project, 'node_modules', npm);
      await mkdir(dir, { recursive: true });
      const witbus = { contract, components: { quickjs: { sender: 'sender', receiver: 'receiver' } } };
      await writeFile(join(dir, 'package.json'), JSON.stringify({ name: npm, version: '1.0.0', witbus }));
    }
    const app = componentDir('quickjs', KVCOUNTER);
    const report = await composeFiles({
      components: [app, '@acme/kv', '@acme/http'],
      out: join(project, 'app.wasm'),
      cwd: project,
    });
    expect(report.children).toEqual([KVCOUNTER, KEYVALUE_SENDER, HTTPSERVER_RECEIVER]);
    const appBytes = await readFile(join(app, `${KVCOUNTER}.wasm`));
    expect(read.filter((b) => Buffer.compare(b, appBytes) === 0)).toHaveLength(1);
  }, 120_000);
});
