import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchDir } from '../helpers/scratch.ts';

const root = new URL('../..', import.meta.url).pathname;
const fixture = join(root, 'test/gen/fixtures/things');

function witbus(args: string[], cwd = root) {
  const r = spawnSync(process.execPath, [join(root, 'scripts/witbus-dev.mjs'), ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A copy of the things fixture whose contract also uses a resource. */
function withResource(): string {
  const dir = scratchDir('cli');
  cpSync(fixture, dir, { recursive: true });
  writeFileSync(
    join(dir, 'extra.wit'),
    'package acme:things@1.0.0;\ninterface blobs {\n  resource blob;\n  open: func(name: string) -> blob;\n  size: func(name: string) -> u64;\n}\n',
  );
  return dir;
}

describe('witbus gen', () => {
  it('writes, then leaves unchanged files alone, and --check agrees', () => {
    const out = scratchDir('out');
    expect(witbus(['gen', fixture, '-o', out, '--check']).code).toBe(1);
    const first = witbus(['gen', fixture, '-o', out]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/1 contract\(s\), 9 written, 0 unchanged/);
    const second = witbus(['gen', fixture, '-o', out]);
    expect(second.stdout).toMatch(/0 written, 9 unchanged/);
    const check = witbus(['gen', fixture, '-o', out, '--check']);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('generated files are up to date');
  });

  it('points into the WIT for a function that cannot cross a wire, and writes nothing', () => {
    const dir = withResource();
    const out = join(dir, 'out');
    const r = witbus(['gen', dir, '-o', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'error: function `open` of acme:things/blobs@1.0.0 cannot cross a wire: it uses own handle to resource `blob`',
    );
    expect(r.stderr).toMatch(/--> .*extra\.wit:4:3\n/);
    expect(r.stderr).toContain('4 |   open: func(name: string) -> blob;');
    expect(existsSync(out)).toBe(false);
  });

  it('generates the rest with --skip-unsupported and says what it left out', () => {
    const dir = withResource();
    const out = join(dir, 'out');
    const r = witbus(['gen', dir, '-o', out, '--skip-unsupported']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      'warning: skipped `open` of acme:things/blobs@1.0.0: it uses own handle to resource `blob`',
    );
    expect(readdirSync(join(out, 'acme-things')).sort()).toEqual(['blobs', 'thing-store']);
  });

  it('renders invalid WIT as wit-parser does', () => {
    const dir = scratchDir('bad');
    writeFileSync(join(dir, 'x.wit'), 'package a:b;\ninterface i {\n  f: func(\n}\n');
    const r = witbus(['gen', join(dir, 'x.wit'), '-o', join(dir, 'out')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--> .*x\.wit:4:1/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('names the offending key of a bad config', () => {
    const dir = scratchDir('cfg');
    writeFileSync(
      join(dir, 'witbus.config.json'),
      JSON.stringify({ generate: [{ wit: 'x', out: 'y', codec: { bytes: 'hex', renameAll: 1 } }] }),
    );
    const r = witbus(['gen'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('config.generate[0].codec.bytes must be one of "array", "base64"');
    expect(r.stderr).toContain('config.generate[0].codec.renameAll is not a known option');
  });

  it('is a usage error without input or config', () => {
    const dir = scratchDir('empty');
    const r = witbus(['gen'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no <wit> given and no witbus.config.ts found');
    expect(witbus(['gen', '--bogus']).code).toBe(2);
  });
});
