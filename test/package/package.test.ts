/**
 * witbus as users get it: `npm pack` (which builds dist/ through `prepare`), the tarball installed
 * offline into a new project, and everything run from there with plain Node: no tsx, no sources.
 * One pack per run, shared by every test here.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshot, WITBUS_BIN, WITBUS_NODE_FLAGS } from '../helpers/cli.ts';
import { REPO_ROOT } from '../helpers/shared.ts';
import { installOffline, run, type Run } from './offline-install.ts';

let work: string;
let tarball: string;
/** A user's project with the tarball and TypeScript installed. */
let project: string;

function expectOk(r: Run): void {
  expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
}

/** Every file under `dir`, relative, with `/`. */
function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'witbus-package-'));
  const packed = run('npm', ['pack', '--json', '--pack-destination', work], REPO_ROOT);
  expectOk(packed);
  tarball = join(work, (JSON.parse(packed.stdout) as { filename: string }[])[0]!.filename);
  project = join(work, 'project');
  mkdirSync(project);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'user-project', private: true, type: 'module', devDependencies: { typescript: '5.9.3' } }),
  );
  expectOk(installOffline(project, tarball, ['typescript']));
}, 600_000);

afterAll(() => {
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

describe('the packed witbus', () => {
  it('ships the build and its data files, and of the sources only the codec runtime the generator copies', () => {
    const installed = join(project, 'node_modules/witbus');
    const files = filesUnder(installed);
    for (const f of [
      'bin/witbus.mjs',
      'dist/src/index.js',
      'dist/src/index.d.ts',
      'dist/src/cli/bin.js',
      'templates/receiver.ts.hbs',
      'templates/init/src/app.ts',
      'wit/deps/wasmbus/wasmbus.wit',
      'README.md',
    ]) {
      expect(files).toContain(f);
    }
    expect(files.filter((f) => f.startsWith('src/'))).toEqual(['src/codec/runtime.ts']);
    // tsc rewrites `.ts` imports to `.js`, but not every one (see src/cli/commands/init.ts).
    const leftovers = files
      .filter((f) => f.endsWith('.js'))
      .filter((f) => /(?:from |import\()\s*['"]\.{1,2}\/[^'"]*\.ts['"]/.test(readFileSync(join(installed, f), 'utf8')));
    expect(leftovers).toEqual([]);
    // The built CLI needs no TypeScript loader: tsx is a dev dependency only.
    expect(existsSync(join(project, 'node_modules/tsx'))).toBe(false);
  });

  it('runs `npx witbus --help` from the build', () => {
    const r = run('npx', ['witbus', '--help'], project);
    expectOk(r);
    for (const command of ['build', 'codec', 'completion', 'gen', 'init', 'migrate', 'wit'])
      expect(r.stdout).toContain(`witbus ${command}`);
  });

  it('generates with `npx witbus gen` exactly what the sources generate', () => {
    const wit = join(project, 'greeter');
    mkdirSync(wit);
    // A first contract with no wasmbus package of its own: witbus brings its bundled one.
    writeFileSync(
      join(wit, 'greeter.wit'),
      'package example:greeter;\n\ninterface greeter {\n  greet: func(name: string) -> string;\n}\n',
    );
    expectOk(run('npx', ['witbus', 'gen', 'greeter', '-o', 'generated'], project));
    const fromSources = join(work, 'generated-by-sources');
    expectOk(run(process.execPath, [...WITBUS_NODE_FLAGS, WITBUS_BIN, 'gen', wit, '-o', fromSources], REPO_ROOT));
    const built = snapshot(join(project, 'generated'));
    expect(
      Object.keys(built)
        .filter((f) => built[f] !== '<dir>')
        .sort(),
    ).toEqual([
      'codec-runtime.ts',
      'example-greeter/greeter/codec.ts',
      'example-greeter/greeter/modules.d.ts',
      'example-greeter/greeter/receiver.ts',
      'example-greeter/greeter/sender.ts',
      'example-greeter/greeter/types.ts',
      'example-greeter/greeter/wit/adapters.wit',
      'example-greeter/greeter/wit/deps/example-greeter.wit',
      'example-greeter/greeter/wit/deps/wasmcloud-wasmbus@0.1.0.wit',
    ]);
    expect(built).toEqual(snapshot(fromSources));
  });

  it('imports witbus, witbus/host, witbus/config and witbus/codec-runtime from plain Node', () => {
    writeFileSync(
      join(project, 'ugly.wit'),
      'package example:greeter;interface greeter{greet:func(name:string)->string;}',
    );
    writeFileSync(
      join(project, 'check.mjs'),
      [
        "import { createRequire } from 'node:module';",
        "import { loadWitPackage, printWitPackage } from 'witbus';",
        "import { keyValueProvider } from 'witbus/host';",
        "import { defineConfig } from 'witbus/config';",
        "import { Writer } from 'witbus/codec-runtime';",
        'const config = { generate: [] };',
        'const kv = keyValueProvider();',
        "const increment = (value) => Buffer.from(kv.handle('KeyValue.Increment', Buffer.from(JSON.stringify({ key: 'k', value })))).toString();",
        'const w = new Writer(16);',
        "w.str('é\"\\n');",
        'console.log(JSON.stringify({',
        "  wit: printWitPackage(await loadWitPackage('ugly.wit'), 'wit'),",
        '  increments: [increment(2), increment(3)],',
        '  defineConfig: defineConfig(config) === config,',
        '  string: Buffer.from(w.buf.subarray(0, w.len)).toString(),',
        "  configPath: createRequire(import.meta.url).resolve('witbus/config'),",
        '}));',
      ].join('\n'),
    );
    const r = run(process.execPath, ['check.mjs'], project);
    expectOk(r);
    expect(JSON.parse(r.stdout)).toEqual({
      // wit-parser's canonical layout of the same package, a blank line after each item
      // (as in ../shared/conformance/wit-print/console.wit.print).
      wit: 'package example:greeter;\n\ninterface greeter {\n  greet: func(name: string) -> string;\n}\n\n',
      // serde_json's i32 replies: the running sums.
      increments: ['2', '5'],
      defineConfig: true,
      // serde_json escapes the quote and the newline, and writes é as UTF-8.
      string: '"é\\"\\n"',
      configPath: join(project, 'node_modules/witbus/dist/src/config/config.js'),
    });
  });

  it('runs the bundler plugin from its installed entries: esbuild bundles a .wit import, and every bundler has a factory', () => {
    writeFileSync(
      join(project, 'greeter.wit'),
      'package example:greeter;\ninterface greeter { greet: func(name: string) -> string; }\n',
    );
    writeFileSync(
      join(project, 'main.mjs'),
      [
        "import { greeter } from './greeter.wit';",
        "import { receiver } from './greeter.wit?receiver';",
        "import { inProcess } from 'witbus/transports';",
        "const g = greeter(inProcess(receiver({ greet: (name) => 'hello ' + name })));",
        "console.log(g.greet('ada'));",
      ].join('\n'),
    );
    writeFileSync(
      join(project, 'bundle.mjs'),
      [
        "import { build } from 'esbuild';",
        "import witbus from 'witbus/esbuild';",
        'const factories = {};',
        "for (const b of ['vite', 'rollup', 'rolldown', 'esbuild', 'webpack', 'rspack'])",
        "  factories[b] = typeof (await import('witbus/' + b)).default;",
        "await build({ entryPoints: ['main.mjs'], bundle: true, format: 'esm', platform: 'node', outfile: 'out/main.mjs', logLevel: 'error', plugins: [witbus({ declarations: false })] });",
        'console.log(JSON.stringify(factories));',
      ].join('\n'),
    );
    const bundled = run(process.execPath, ['bundle.mjs'], project);
    expectOk(bundled);
    expect(JSON.parse(bundled.stdout)).toEqual({
      vite: 'function',
      rollup: 'function',
      rolldown: 'function',
      esbuild: 'function',
      webpack: 'function',
      rspack: 'function',
    });
    // The bundle runs alone: the sender encodes the call, the receiver decodes it and answers.
    const r = run(process.execPath, [join(project, 'out/main.mjs')], work);
    expectOk(r);
    expect(r.stdout).toBe('hello ada\n');
  });

  it('types every entry point for TypeScript users', () => {
    writeFileSync(
      join(project, 'uses-types.ts'),
      [
        "import { generateTarget, type TargetOutput } from 'witbus';",
        "import { Host, type HostOptions } from 'witbus/host';",
        "import { defineConfig } from 'witbus/config';",
        "import { Reader } from 'witbus/codec-runtime';",
        "export const out: Promise<TargetOutput> = generateTarget({ wit: 'wit', out: 'generated' });",
        'export const start: (o: HostOptions) => Promise<Host> = Host.start;',
        "export const config = defineConfig({ generate: [{ wit: 'wit', out: 'generated' }] });",
        'export type R = Reader;',
        // A wrong use must fail, or the check would pass on `any`.
        '// @ts-expect-error: out is required',
        "defineConfig({ generate: [{ wit: 'wit' }] });",
      ].join('\n'),
    );
    const tsc = join(project, 'node_modules/typescript/bin/tsc');
    const flags = [
      '--noEmit',
      '--strict',
      '--module',
      'nodenext',
      '--moduleResolution',
      'nodenext',
      '--target',
      'es2022',
      '--types',
      'node',
      '--skipLibCheck',
      'false',
    ];
    // @types/node is not installed here; the witbus types that mention Node's need it, so point at the repository's.
    const r = run(
      process.execPath,
      [tsc, ...flags, '--typeRoots', join(REPO_ROOT, 'node_modules/@types'), 'uses-types.ts'],
      project,
    );
    expect(r.stdout + r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});

describe('a project from `npx witbus init`', () => {
  it('refuses a folder that is not empty, with one line and exit code 1', () => {
    const dir = join(project, 'taken');
    mkdirSync(dir);
    writeFileSync(join(dir, 'notes.txt'), 'mine\n');
    const r = run('npx', ['witbus', 'init', 'taken'], project);
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr: `error: ${dir} is not empty: witbus init needs a new or empty folder\n`,
    });
    expect(readdirSync(dir)).toEqual(['notes.txt']);
  });

  it('installs, builds, passes its test and serves an answer over HTTP', async () => {
    expectOk(run('npx', ['witbus', 'init', 'app'], project));
    const app = join(project, 'app');
    expectOk(installOffline(app, tarball, ['typescript']));
    expectOk(run('npm', ['run', 'build'], app));
    const tested = run('npm', ['test'], app);
    expectOk(tested);
    expect(tested.stdout).toMatch(/^# pass 1$/m);

    // `npm start` in its own process group, so that the server under npm's shell stops with it.
    const server = spawn('npm', ['start'], {
      cwd: app,
      env: { ...process.env, PORT: '0', NODE_OPTIONS: '' },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise((resolve) => server.once('exit', resolve));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        server.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const m = /listening on (http:\/\/127\.0\.0\.1:\d+);/.exec(out);
          if (m !== null) resolve(m[1]!);
        });
        let err = '';
        server.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
        server.once('exit', (code) => reject(new Error(`npm start exited with ${code}: ${err}`)));
      });
      const res = await fetch(`${url}/hello/ada`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(await res.json()).toEqual({ greeting: 'Hello, ada!', count: 1 });
    } finally {
      process.kill(-server.pid!, 'SIGTERM');
      await exited;
    }
  }, 600_000);
});
