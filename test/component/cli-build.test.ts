import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { readManifest } from '../../src/component/build.ts';
import { WITBUS_BIN } from '../setup/paths.ts';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../..');

describe('witbus build', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('builds an app into a component folder, then reuses it', async () => {
    const out = await mkdtemp(join(tmpdir(), 'witbus-cli-'));
    dirs.push(out);
    const args = [
      WITBUS_BIN,
      'build',
      'wit',
      '-o',
      out,
      '--backend',
      'quickjs',
      '--app',
      'examples/kvcounter/kvcounter.ts',
    ];
    const first = await run(process.execPath, args, { cwd: ROOT });
    expect(first.stdout).toMatch(new RegExp(`^${out}: (\\d+) component\\(s\\), \\1 built, 0 cached\\n$`));
    expect(first.stderr).toMatch(/^kvcounter \[quickjs\] \d+\.\ds 1\.\d MiB$/m);
    expect(await readManifest(join(out, 'kvcounter'))).toMatchObject({
      world: 'kvcounter',
      backend: 'quickjs',
      imports: ['wasmcloud:keyvalue/key-value'],
      exports: ['wasmcloud:httpserver/http-server@0.1.0'],
    });
    const second = await run(process.execPath, args, { cwd: ROOT });
    expect(second.stdout).toMatch(/: (\d+) component\(s\), 0 built, \1 cached\n$/);
    // The same sources from another working folder are the same builds.
    const elsewhere = ['../wit', '-o', out, '--backend', 'quickjs', '--app', 'kvcounter/kvcounter.ts'];
    const third = await run(process.execPath, [WITBUS_BIN, 'build', ...elsewhere], { cwd: join(ROOT, 'examples') });
    expect(third.stdout).toMatch(/: (\d+) component\(s\), 0 built, \1 cached\n$/);
  });

  it('rejects a bad backend with a usage error', async () => {
    const r = await run(process.execPath, [WITBUS_BIN, 'build', '-o', '/tmp/x', '--backend', 'v8'], {
      cwd: ROOT,
    }).catch((e: { code: number; stderr: string }) => e);
    expect(r).toMatchObject({ code: 2 });
    expect((r as { stderr: string }).stderr).toMatch(/Argument: backend, Given: "v8", Choices: "sm", "quickjs"/);
  });
});
