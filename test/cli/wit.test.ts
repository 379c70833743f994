import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { describeShared } from '../helpers/describe-shared.ts';
import { sharedPath } from '../helpers/shared.ts';

const ROOT = join(import.meta.dirname, '../..');
const CONFORMANCE = sharedPath('conformance');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function witbus(args: string[], cwd = ROOT): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)('node', [join(ROOT, 'scripts/witbus-dev.mjs'), ...args], { cwd });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describeShared('witbus wit', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'witbus-wit-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('prints a package directory as canonical WIT', async () => {
    const run = await witbus(['wit', join(CONFORMANCE, 'wit-print/doc-comments')]);
    expect(run).toEqual({
      code: 0,
      stdout: readFileSync(join(CONFORMANCE, 'wit-print/doc-comments/foo.wit.print'), 'utf8'),
      stderr: '',
    });
  });

  it('prints the resolved model as wit-parser JSON, with features', async () => {
    const file = join(CONFORMANCE, 'wit-parser-ui/feature-gates.wit');
    const run = await witbus(['wit', file, '--json', '--features', 'active']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(readFileSync(`${file}.json`, 'utf8')));
    const without = await witbus(['wit', file, '--json']);
    expect(JSON.parse(without.stdout)).not.toEqual(JSON.parse(run.stdout));
  });

  it('reads the 2022 dialect of the seed', async () => {
    const run = await witbus(['wit', join(ROOT, 'wit/seed')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^package witbus:seed;\n/);
    expect(run.stdout).toContain(
      'send: func(msg: message, contract-name: string, link-name: option<string>) -> result<payload, rpc-error>;',
    );
  });

  it('exits 1 with the error as wit-parser renders it', async () => {
    const dir = join(scratch, 'tests/ui/parse-fail');
    cpSync(join(CONFORMANCE, 'wit-parser-ui/parse-fail/alias-no-type.wit'), join(dir, 'alias-no-type.wit'));
    const run = await witbus(['wit', 'tests/ui/parse-fail/alias-no-type.wit'], scratch);
    const expected = readFileSync(join(CONFORMANCE, 'wit-parser-ui/parse-fail/alias-no-type.wit.result'), 'utf8');
    expect(run).toEqual({ code: 1, stdout: '', stderr: `${expected.trimEnd()}\n` });
  });

  it('explains its usage', async () => {
    const help = await witbus(['wit', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^witbus wit <path>\n/);
    const none = await witbus(['wit']);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe("witbus: Not enough non-option arguments: got 0, need at least 1\nRun 'witbus wit --help' for usage.\n");
    const missing = await witbus(['wit', join(scratch, 'nope')]);
    expect(missing.code).toBe(1);
  });
});
