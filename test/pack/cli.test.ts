/** `witbus pack` refusing what it cannot pack: one message, exit code 1, and nothing written. */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshot, witbus } from '../helpers/cli.ts';
import { REPO_ROOT } from '../helpers/shared.ts';

let work: string;
let wit: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'witbus-pack-cli-'));
  wit = join(work, 'things.wit');
  writeFileSync(wit, 'package acme:things;\n\ninterface store {\n  ping: func();\n}\n');
});

afterAll(() => {
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

describe('witbus pack refuses', () => {
  const refused = (args: string[], message: string) => {
    const out = join(work, 'out');
    const r = witbus(['pack', wit, '-o', out, '--cache', join(work, 'cache'), ...args]);
    expect(r.stderr).toBe(`${message}\n`);
    expect(r.code).toBe(1);
    expect(existsSync(out)).toBe(false);
  };

  it('a WIT package without a version, unless --package-version gives one', () => {
    refused([], 'error: acme:things/store has no version: give the WIT package one (package ns:name@1.0.0) or pass --package-version');
  });

  it('a version that is not semver', () => {
    refused(['--package-version', 'v1'], "error: --package-version \"v1\" is not a semver version: unexpected character 'v' while parsing major version number");
  });

  it('an unknown backend, and none at all', () => {
    refused(['--backend', 'sm,v8'], 'error: unknown backend v8: choose from sm, quickjs');
    refused(['--backend', ','], 'error: no backend given: choose from sm, quickjs');
  });

  it('a name template with an unknown placeholder', () => {
    refused(['--package-version', '1.0.0', '--name', '@{org}/{interface}'], 'error: the name template "@{org}/{interface}" has {org}; it may use {namespace}, {package} and {interface}');
  });

  it('two contracts under one name', () => {
    writeFileSync(wit, 'package acme:things@1.0.0;\n\ninterface store {\n  ping: func();\n}\n\ninterface cache {\n  pong: func();\n}\n');
    refused(['--name', '@acme/{package}'], 'error: acme:things/cache@1.0.0 and acme:things/store@1.0.0 would both be packed as @acme/things: put {interface} in --name');
  });

  it('to replace a package folder it cannot move, and puts back what was there', () => {
    const greeter = join(REPO_ROOT, 'test/pack/fixtures/greeter.wit');
    const scratch = join(work, 'scratch');
    const out = join(scratch, 'out');
    mkdirSync(scratch);
    const args = ['pack', greeter, '-o', out, '-q', '--backend', 'quickjs', '--cache', join(REPO_ROOT, 'test/.cache/pack')];
    const first = witbus(args);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const before = snapshot(out);
    chmodSync(out, 0o555);
    try {
      const second = witbus([...args, '--package-version', '9.9.9'], { permissionBits: true });
      expect(second.stderr, `exit ${second.code}: ${second.stdout}`).toMatch(new RegExp(`^error: cannot move the packages into ${join(out, 'acme-greeter-greeter')}: permission denied\n$`));
      expect(second.code).toBe(1);
    } finally {
      chmodSync(out, 0o755);
    }
    expect(snapshot(out)).toEqual(before);
    expect(readdirSync(scratch)).toEqual(['out']);
  });
});
