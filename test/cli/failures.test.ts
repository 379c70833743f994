/**
 * Every way a run can fail on the user's input or environment ends the same: a message (with the
 * place, where there is one), exit code 1, no stack trace, and the output folders exactly as they
 * were.
 */
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { snapshot, witbus, type CliRun } from '../helpers/cli.ts';
import { REPO_ROOT } from '../helpers/shared.ts';

const THINGS = join(REPO_ROOT, 'test/gen/fixtures/things');
const scratch = mkdtempSync(join(tmpdir(), 'witbus-failures-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let n = 0;
function project(): string {
  const dir = join(scratch, `p${n++}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A user error as the CLI must show it. */
function expectUserError(run: CliRun, message: RegExp | string): void {
  expect(run.code).toBe(1);
  if (typeof message === 'string') expect(run.stderr).toContain(message);
  else expect(run.stderr).toMatch(message);
  expect(run.stderr).not.toMatch(/^\s+at /m);
  expect(run.stderr).not.toContain('internal error');
}

describe('all or nothing on disk', () => {
  it('leaves nothing behind when a file stands where a folder must go', () => {
    const out = project();
    writeFileSync(join(out, 'acme-things'), 'in the way');
    const before = snapshot(out);
    const run = witbus(['gen', THINGS, '-o', out]);
    expectUserError(
      run,
      `error: cannot create the folder ${join(out, 'acme-things/thing-store')}: a part of the path is a file, not a folder`,
    );
    expect(snapshot(out)).toEqual(before);
  });

  it('writes neither target of a config when the second one cannot be written', () => {
    const dir = project();
    cpSync(THINGS, join(dir, 'wit'), { recursive: true });
    writeFileSync(join(dir, 'blocked'), '');
    writeFileSync(
      join(dir, 'witbus.config.json'),
      JSON.stringify({
        generate: [
          { wit: 'wit', out: 'first' },
          { wit: 'wit', out: 'blocked/second' },
        ],
      }),
    );
    const before = snapshot(dir);
    const run = witbus(['gen'], { cwd: dir });
    expectUserError(
      run,
      /^error: cannot create the folder .*blocked\/second.*: a part of the path is a file, not a folder$/m,
    );
    expect(snapshot(dir)).toEqual(before);
  });

  it('reports an unwritable output folder', () => {
    const dir = project();
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o555);
    const run = witbus(['gen', THINGS, '-o', join(locked, 'out')], { permissionBits: true });
    expectUserError(
      run,
      new RegExp(`^error: cannot create the folder ${join(locked, 'out')}\\S*: permission denied$`, 'm'),
    );
    expect(snapshot(locked)).toEqual({});
  });

  it('migrate writes nothing into a blocked folder', () => {
    const dir = project();
    writeFileSync(join(dir, 'out'), '');
    const run = witbus(['migrate', join(REPO_ROOT, 'wit/seed'), '-o', join(dir, 'out/modern')]);
    expectUserError(
      run,
      /^error: cannot create the folder .*out\/modern: a part of the path is a file, not a folder$/m,
    );
    expect(snapshot(dir)).toEqual({ out: '' });
  });

  it('build puts the generated files back when a component fails to build', () => {
    const dir = project();
    // No contracts, so the app is the only component: its bundling fails at once.
    writeFileSync(join(dir, 'app.wit'), 'package a:app;\nworld app {\n  export run: func();\n}\n');
    writeFileSync(join(dir, 'app.ts'), 'export const broken = ;\n');
    const before = snapshot(dir);
    const run = witbus(['build', join(dir, 'app.wit'), '-o', join(dir, 'build'), '--app', join(dir, 'app.ts')]);
    expectUserError(
      run,
      /^error: cannot build app: Build failed with 1 error:\n.*app\.ts:1:22: ERROR: Unexpected ";"$/m,
    );
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('usage errors', () => {
  it('reports a failed option check as usage (exit 2), not as an internal error', () => {
    const run = witbus(['build', '-o', join(scratch, 'never'), '-j', '0']);
    expect(run).toMatchObject({
      code: 2,
      stderr: "witbus: --jobs must be a positive integer, not 0\nRun 'witbus build --help' for usage.\n",
    });
  });

  it('suggests the nearest option and command', () => {
    expect(witbus(['gen', 'wit', '--outt', 'x']).stderr).toContain('did you mean --out?');
    expect(witbus(['gne']).stderr).toContain("unknown command 'gne'. Did you mean gen?");
  });
});

describe('WIT input errors', () => {
  it('refuses a WIT file that is not UTF-8, as wit-parser does', () => {
    const dir = project();
    writeFileSync(join(dir, 'bad.wit'), Buffer.from('package a:b;\n// caf\xe9\n', 'latin1'));
    expectUserError(witbus(['wit', join(dir, 'bad.wit')]), `input file is not valid utf-8 [${join(dir, 'bad.wit')}]`);
    expectUserError(
      witbus(['wit', dir]),
      `failed to parse package: ${dir}: failed to read file ${JSON.stringify(join(dir, 'bad.wit'))}: stream did not contain valid UTF-8`,
    );
  });

  it('names the file that has no package header', () => {
    const dir = project();
    writeFileSync(join(dir, 'a.wit'), 'interface i { f: func(); }\n');
    const run = witbus(['gen', join(dir, 'a.wit'), '-o', join(dir, 'out')]);
    expectUserError(
      run,
      `no \`package\` header was found in any WIT file for this package\n     --> ${join(dir, 'a.wit')}`,
    );
  });

  it('names the folder whose files have no package header', () => {
    const dir = project();
    writeFileSync(join(dir, 'a.wit'), 'interface i { f: func(); }\n');
    expectUserError(
      witbus(['wit', dir]),
      `failed to parse package: ${dir}: no \`package\` header was found in any WIT file for this package`,
    );
  });

  it('shows a WIT error in codec with its place and code frame', () => {
    const dir = project();
    writeFileSync(join(dir, 'a.wit'), 'package a:b;\ninterface i {\n  type t = nope;\n}\n');
    const run = witbus(['codec', join(dir, 'a.wit'), '--type', 'i.t', '--decode'], { input: '1\n' });
    expectUserError(
      run,
      `type \`nope\` does not exist\n     --> ${join(dir, 'a.wit')}:3:12\n      |\n    3 |   type t = nope;\n      |            ^---`,
    );
  });

  it('escapes terminal control bytes that the WIT echoes into a code frame', () => {
    const dir = project();
    // An OSC title sequence and a bell in a comment, which wit-parser refuses.
    writeFileSync(join(dir, 'a.wit'), 'package a:b;\ninterface i { f: func(); } // \u001b]0;pwned\u0007\n');
    const run = witbus(['wit', join(dir, 'a.wit')]);
    expectUserError(run, `Control code '\\u{1b}'\n     --> ${join(dir, 'a.wit')}:2:31\n`);
    expect(run.stderr).toContain('// \\u{1b}]0;pwned\\u{7}');
    expect(run.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });
});

describe('config files as users write them', () => {
  /** A project with witbus installed (linked) and the things contract, under a package.json. */
  function configProject(pkg: object): string {
    const dir = project();
    writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg));
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(REPO_ROOT, join(dir, 'node_modules/witbus'));
    cpSync(THINGS, join(dir, 'wit'), { recursive: true });
    return dir;
  }
  const ESM =
    "import { defineConfig } from 'witbus/config';\nexport default defineConfig({ generate: [{ wit: 'wit', out: 'out' }] });\n";

  for (const [name, pkg, text] of [
    ['witbus.config.ts', {}, ESM],
    ['witbus.config.ts', { type: 'commonjs' }, ESM],
    ['witbus.config.ts', { type: 'module' }, ESM],
    ['witbus.config.mts', {}, ESM],
    ['witbus.config.js', {}, ESM],
    ['witbus.config.js', { type: 'module' }, ESM],
    ['witbus.config.js', {}, "module.exports = { generate: [{ wit: 'wit', out: 'out' }] };\n"],
    ['witbus.config.mjs', {}, ESM],
    ['witbus.config.json', {}, JSON.stringify({ generate: [{ wit: 'wit', out: 'out' }] })],
  ] as const) {
    it(`loads ${name} under ${JSON.stringify(pkg)}`, () => {
      const dir = configProject(pkg);
      writeFileSync(join(dir, name), text);
      const run = witbus(['gen'], { cwd: dir });
      expect(run.stderr).toBe('');
      expect(run.stdout).toBe(`${join(dir, 'wit')} -> ${join(dir, 'out')}: 1 contract(s), 9 written, 0 unchanged\n`);
      expect(run.code).toBe(0);
    });
  }

  it('points a syntax error into the file that has it', () => {
    const dir = configProject({});
    writeFileSync(join(dir, 'witbus.config.mts'), "export default {\n  generate: [{ wit: 'wit', out: 'x' },\n};\n");
    expectUserError(
      witbus(['gen'], { cwd: dir }),
      [
        'error: Unexpected "}"',
        `     --> ${join(dir, 'witbus.config.mts')}:3:1`,
        '      |',
        '    3 | };',
        '      | ^',
      ].join('\n'),
    );
  });

  it('points a JSON error at its line and column', () => {
    const dir = configProject({});
    writeFileSync(join(dir, 'witbus.config.json'), '{\n  "generate": [\n    { "wit": "wit", }\n  ]\n}\n');
    expectUserError(witbus(['gen'], { cwd: dir }), `     --> ${join(dir, 'witbus.config.json')}:3:21\n`);
  });

  it('names the file and the key of an invalid config', () => {
    const dir = configProject({});
    writeFileSync(
      join(dir, 'witbus.config.ts'),
      "export default { generate: [{ wit: 'wit', out: 'x', feature: ['a'] }] };\n",
    );
    expectUserError(
      witbus(['gen'], { cwd: dir }),
      `error: ${join(dir, 'witbus.config.ts')}: invalid config:\n  - config.generate[0].feature is not a known option`,
    );
  });

  it('reports a config that throws while loading', () => {
    const dir = configProject({});
    writeFileSync(join(dir, 'witbus.config.ts'), "throw new Error('no config today');\n");
    expectUserError(
      witbus(['gen'], { cwd: dir }),
      `error: ${join(dir, 'witbus.config.ts')}: the config threw while loading: no config today`,
    );
  });
});
