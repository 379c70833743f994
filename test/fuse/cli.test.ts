/**
 * `witbus build --fuse` on the CLI: the fused component beside the others, cached when nothing
 * changed, and nothing written when fusing or building fails.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readManifest } from '../../src/component/build.ts';
import { snapshot, witbus } from '../helpers/cli.ts';
import { REPO_ROOT } from '../helpers/shared.ts';

describe('witbus build --fuse', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'witbus-fuse-cli-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes <out>/<app>.fused.wasm and a component folder the host loads, then reuses them', async () => {
    const out = join(dir, 'ok');
    const args = [
      'build',
      'wit',
      '-o',
      out,
      '--backend',
      'quickjs',
      '--app',
      'examples/kvcounter/kvcounter.ts',
      '--fuse',
    ];
    const first = witbus(args);
    expect(first.stderr).toMatch(/^kvcounter\.fused \[quickjs\] \d+\.\ds \d\.\d MiB$/m);
    expect(first.code).toBe(0);
    const manifest = (await readManifest(join(out, 'kvcounter.fused')))!;
    expect(manifest).toMatchObject({
      world: 'kvcounter',
      backend: 'quickjs',
      imports: ['wasmcloud:wasmbus/sender'],
      exports: ['wasmcloud:wasmbus/receiver@0.1.0'],
      wasmbus: { sender: 'wasmcloud:wasmbus/sender', receiver: 'wasmcloud:wasmbus/receiver' },
    });
    const binary = readFileSync(join(out, 'kvcounter.fused.wasm'));
    expect(binary.equals(readFileSync(join(out, 'kvcounter.fused', manifest.component)))).toBe(true);
    expect(first.stdout).toContain(
      `${join(out, 'kvcounter.fused.wasm')}: the app and its adapters in one component, ${binary.byteLength} bytes\n`,
    );

    const before = snapshot(out);
    const second = witbus(args);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/: (\d+) component\(s\), 0 built, \1 cached\n/);
    expect(snapshot(out)).toEqual(before);
  }, 300_000);

  it('needs --app (a usage error)', () => {
    const run = witbus(['build', 'wit', '-o', join(dir, 'no-app'), '--fuse']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--fuse needs --app: the business logic to fuse\n');
    expect(existsSync(join(dir, 'no-app'))).toBe(false);
  });

  it('writes nothing when the app world cannot be fused', () => {
    const out = join(dir, 'no-world');
    const run = witbus([
      'build',
      'wit',
      '-o',
      out,
      '--backend',
      'quickjs',
      '--app',
      'examples/kvcounter/kvcounter.ts',
      '--world',
      'nope',
      '--fuse',
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: .*wit has no world nope for the business logic \(--world names it\)\n$/);
    expect(existsSync(out)).toBe(false);
  });

  it('writes nothing when the fused bundle does not build, and leaves a previous build as it was', async () => {
    const out = join(dir, 'ok');
    const before = snapshot(out);
    const app = join(dir, 'kvcounter.ts');
    // The kvcounter app with a syntax error: the bundler rejects it.
    await writeFile(
      app,
      readFileSync(join(REPO_ROOT, 'examples/kvcounter/kvcounter.ts'), 'utf8').replace(
        'export const',
        'export const const',
      ),
    );
    const run = witbus(['build', 'wit', '-o', out, '--backend', 'quickjs', '--app', app, '--fuse']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: cannot build kvcounter(\.fused)?: /m);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(snapshot(out)).toEqual(before);
  });
});
