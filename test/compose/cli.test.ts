/** `witbus compose` as a user runs it: its own process, exit codes, and nothing half-written. */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from '@bytecodealliance/jco';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTPSERVER_RECEIVER, KEYVALUE_SENDER, KVCOUNTER } from '../../examples/kvcounter/components.ts';
import { snapshot, witbus } from '../helpers/cli.ts';
import { componentDir, requireKvcounter } from '../setup/paths.ts';

describe('witbus compose', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'witbus-compose-cli-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('composes the folders witbus build wrote into one file and says what it imports and exports', async () => {
    requireKvcounter();
    const out = join(dir, 'actor', 'kvcounter.wasm');
    const run = witbus([
      'compose',
      ...[KVCOUNTER, KEYVALUE_SENDER, HTTPSERVER_RECEIVER].map((n) => componentDir('quickjs', n)),
      '-o',
      out,
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^${out.replace(/[.\\/]/g, '\\$&')}: 3 components, [\\d.]+ MiB\n`));
    expect(run.stdout).toContain('  imports: wasmcloud:wasmbus/types@0.1.0, wasmcloud:wasmbus/sender@0.1.0\n');
    expect(run.stdout).toContain('  exports: wasmcloud:wasmbus/receiver@0.1.0\n');
    expect([...(await readFile(out)).subarray(0, 8)]).toEqual([0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00]);
  });

  it('exits 1 with one line naming both children and the interface, and writes nothing, on a conflict', async () => {
    const files: string[] = [];
    for (const name of ['a', 'c']) {
      const path = join(dir, `${name}.wasm`);
      await writeFile(path, await parse(await readFile(new URL(`./fixtures/${name}.wat`, import.meta.url), 'utf8')));
      files.push(path);
    }
    const before = snapshot(dir);
    const run = witbus(['compose', ...files, '-o', join(dir, 'out', 'ac.wasm')]);
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: a and c import test:demo/api with different types (its f differs)\n',
    });
    expect(snapshot(dir)).toEqual(before);
  });

  it('exits 1 on a path that is not a component', () => {
    const run = witbus([
      'compose',
      join(componentDir('quickjs', KVCOUNTER), 'witbus-component.json'),
      componentDir('quickjs', KEYVALUE_SENDER),
      '-o',
      join(dir, 'x.wasm'),
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('error: witbus-component.json: not a WebAssembly component (wrong preamble)\n');
  });

  describe('with an installed contract package', () => {
    /** A project with `@acme/kv` installed, whose package.json packs keyvalue with the given components. */
    async function projectWith(components: object): Promise<string> {
      const project = await mkdtemp(join(dir, 'project-'));
      const pkg = join(project, 'node_modules/@acme/kv');
      await mkdir(pkg, { recursive: true });
      const witbus = { wit: 'wit/', contract: 'wasmcloud:keyvalue/key-value@0.1.0', components };
      await writeFile(join(pkg, 'package.json'), JSON.stringify({ name: '@acme/kv', version: '1.0.0', witbus }));
      return project;
    }
    const app = (): string => join(componentDir('quickjs', KVCOUNTER), `${KVCOUNTER}.wasm`);

    it('asks for --backend when the app is a file and the package has components for two engines', async () => {
      requireKvcounter();
      const both = { receiver: 'r', sender: 's' };
      const project = await projectWith({ sm: both, quickjs: both });
      const run = witbus(['compose', app(), '@acme/kv', '-o', 'x.wasm'], { cwd: project });
      expect(run).toEqual({
        code: 1,
        stdout: '',
        stderr:
          'error: @acme/kv 1.0.0 has components for sm and quickjs, and kvcounter does not say which engine it was built with: give --backend\n',
      });
    });

    it('refuses a packaged component that does not serve the contract the package packs', async () => {
      requireKvcounter();
      // The app's component where the sender should be.
      const project = await projectWith({ quickjs: { sender: 'components/sender', receiver: 'components/sender' } });
      await cp(componentDir('quickjs', KVCOUNTER), join(project, 'node_modules/@acme/kv/components/sender'), {
        recursive: true,
      });
      const run = witbus(['compose', app(), '@acme/kv', '--backend', 'quickjs', '-o', 'x.wasm'], { cwd: project });
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(
        'error: @acme/kv 1.0.0 is damaged: its components/sender does not export wasmcloud:keyvalue/key-value@0.1.0 to a wasmbus sender; install it again\n',
      );
    });

    it('refuses an installed package that packs no contract', async () => {
      const project = await mkdtemp(join(dir, 'project-'));
      await mkdir(join(project, 'node_modules/left-pad'), { recursive: true });
      await writeFile(join(project, 'node_modules/left-pad/package.json'), '{"name":"left-pad","version":"1.0.0"}');
      const run = witbus(['compose', app(), 'left-pad', '-o', 'x.wasm'], { cwd: project });
      expect(run.stderr).toBe(
        'error: the installed package left-pad is not a contract package (its package.json has no "witbus" components)\n',
      );
      expect(run.code).toBe(1);
    });
  });

  it('exits 2 without an adapter', () => {
    const run = witbus(['compose', componentDir('quickjs', KVCOUNTER), '-o', join(dir, 'x.wasm')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Not enough non-option arguments');
  });
});
