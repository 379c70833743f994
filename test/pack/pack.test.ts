/**
 * `witbus pack` as a contract author and a consumer use it: the bundled contracts (wit/) packed
 * twice on QuickJS, each folder through `npm pack`, the tarballs installed offline into a fresh
 * project, and the contracts used there from plain Node, as WIT dependencies, and as the adapters
 * of kvcounter (`witbus build --app` builds only its business logic, served over HTTP and composed).
 * One pack, one `npm pack` per folder and one install per run, shared by every test here;
 * components are built into test/.cache/pack and reused across runs.
 */
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_SOURCE,
  buildPackedApp,
  HTTPSERVER_PACKAGE,
  KEYVALUE_PACKAGE,
  startPackedKvcounter,
  type RunningPackedKvcounter,
} from '../../examples/kvcounter-packed/app.ts';
import { packContracts } from '../../src/service/pack.ts';
import { witbus } from '../helpers/cli.ts';
import { REPO_ROOT } from '../helpers/shared.ts';
import { run, type Run } from '../package/offline-install.ts';

const CACHE = join(REPO_ROOT, 'test/.cache/pack');
const KEYVALUE = 'wasmcloud-keyvalue-key-value';
const HTTPSERVER = 'wasmcloud-httpserver-http-server';
const FOLDERS = [HTTPSERVER, KEYVALUE];

let work: string;
let cliRun: Run;
/** The project the tarballs are installed into. */
let project: string;

function expectOk(r: Run): void {
  expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
}

/** Every file under `dir`, relative, with `/`, sorted. */
function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]))
    .sort();
}

/** `npm pack` of each package folder under `out` into `dest`: the tarballs' paths, by folder. */
function npmPack(out: string, dest: string): Record<string, string> {
  mkdirSync(dest, { recursive: true });
  return Object.fromEntries(
    FOLDERS.map((folder) => {
      const r = run('npm', ['pack', '--json', '--pack-destination', dest, join(out, folder)], work);
      expectOk(r);
      return [folder, join(dest, (JSON.parse(r.stdout) as { filename: string }[])[0]!.filename)];
    }),
  );
}

let first: Record<string, string>;
let second: Record<string, string>;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'witbus-pack-'));
  // Once through the CLI, once through the service, into two folders.
  cliRun = witbus(['pack', 'wit', '-o', join(work, 'out1'), '--backend', 'quickjs', '--cache', CACHE]);
  expectOk(cliRun);
  await packContracts({ wit: join(REPO_ROOT, 'wit'), out: join(work, 'out2'), backends: ['quickjs'], cache: CACHE });
  first = npmPack(join(work, 'out1'), join(work, 'tarballs1'));
  second = npmPack(join(work, 'out2'), join(work, 'tarballs2'));
  project = join(work, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  expectOk(run('npm', ['install', '--offline', '--no-audit', '--no-fund', ...FOLDERS.map((f) => first[f]!)], project));
}, 900_000);

afterAll(() => {
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

describe('witbus pack', () => {
  it('prints each package it wrote', () => {
    expect(cliRun.stdout).toContain(`@wasmcloud/keyvalue-key-value@0.1.0: ${join(work, 'out1', KEYVALUE)}\n`);
    expect(cliRun.stdout).toContain(`@wasmcloud/httpserver-http-server@0.1.0: ${join(work, 'out1', HTTPSERVER)}\n`);
    expect(readdirSync(join(work, 'out1')).sort()).toEqual(FOLDERS);
  });

  it('writes a package.json that npm and witbus can use', () => {
    const manifest = JSON.parse(readFileSync(join(work, 'out1', KEYVALUE, 'package.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(manifest).toMatchObject({
      name: '@wasmcloud/keyvalue-key-value',
      version: '0.1.0',
      type: 'module',
      sideEffects: false,
      types: './plain/index.d.ts',
      files: ['components', 'modules.d.ts', 'node.d.ts', 'node.js', 'plain', 'wit'],
      witbus: {
        wit: 'wit/',
        contract: 'wasmcloud:keyvalue/key-value@0.1.0',
        contractId: 'wasmcloud:keyvalue',
        components: { quickjs: { receiver: 'components/quickjs/receiver', sender: 'components/quickjs/sender' } },
      },
    });
    expect(manifest['exports']).toEqual({
      '.': {
        node: { types: './node.d.ts', default: './node.js' },
        types: './plain/index.d.ts',
        default: './plain/index.js',
      },
      './plain': { types: './plain/index.d.ts', default: './plain/index.js' },
      './codec': { types: './plain/codec.d.ts', default: './plain/codec.js' },
      './modules': { types: './modules.d.ts' },
      './components/*': './components/*',
      './wit/*': './wit/*',
      './package.json': './package.json',
    });
  });

  it('ships the components with their binaries, the plain adapters, the WIT with wasmbus, and a README', () => {
    const installed = join(project, 'node_modules/@wasmcloud/keyvalue-key-value');
    const files = filesUnder(installed);
    for (const f of [
      'README.md',
      'package.json',
      'modules.d.ts',
      'node.js',
      'node.d.ts',
      'plain/index.js',
      'plain/index.d.ts',
      'plain/sender.js',
      'plain/receiver.js',
      'plain/codec.js',
      'plain/codec.d.ts',
      'plain/types.d.ts',
      'wit/keyvalue.wit',
      'wit/deps/wasmcloud-wasmbus@0.1.0.wit',
    ]) {
      expect(files).toContain(f);
    }
    for (const role of ['receiver', 'sender']) {
      const name = `${KEYVALUE}-${role}`;
      for (const f of [`${name}.wasm`, `${name}.js`, 'witbus-component.json'])
        expect(files).toContain(`components/quickjs/${role}/${f}`);
    }
    expect(readFileSync(join(installed, 'wit/keyvalue.wit'), 'utf8')).toMatch(
      /^\/\/\/ The wasmCloud key-value contract[^\n]*\npackage wasmcloud:keyvalue@0\.1\.0;\n/,
    );
    expect(readFileSync(join(installed, 'wit/deps/wasmcloud-wasmbus@0.1.0.wit'), 'utf8')).toContain(
      'package wasmcloud:wasmbus@0.1.0;',
    );
  });

  it('documents each function: its method string, the contract id and the JSON of its payloads', () => {
    const readme = readFileSync(join(work, 'out1', KEYVALUE, 'README.md'), 'utf8');
    expect(readme).toContain('contract id `wasmcloud:keyvalue`');
    expect(readme).toContain(
      [
        '### `list-range`',
        '',
        'The items of a list from index `start` to `stop`, both inclusive; negative indexes count from the end.',
        '',
        '- wasmbus method: `KeyValue.ListRange` (receivers also accept `ListRange`)',
        '- JavaScript: `listRange(listName: string, start: number, stop: number): Array<string>`',
        '- request payload: `{"list_name": string, "start": s32, "stop": s32}`',
        '- reply payload: `[string, ...]`',
        '- errors: an `rpc-error`, through the wasmbus error channel',
      ].join('\n'),
    );
    const http = readFileSync(join(work, 'out1', HTTPSERVER, 'README.md'), 'utf8');
    expect(http).toContain('- wasmbus method: `HttpServer.HandleRequest`');
    expect(http).toContain(
      '- reply payload: `{"status_code": u16, "header": [[string, string], ...], "body": [u8, ...]}`',
    );
  });

  it('gives byte-identical tarballs for two packs of the same input', () => {
    for (const folder of FOLDERS) {
      const hash = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
      expect(hash(second[folder]!), folder).toBe(hash(first[folder]!));
    }
  });

  it('writes no absolute path and no date into any file', () => {
    const today = new Date().toISOString().slice(0, 10);
    for (const folder of FOLDERS) {
      const dir = join(work, 'out1', folder);
      for (const f of filesUnder(dir)) {
        const text = readFileSync(join(dir, f), 'latin1');
        for (const bad of [work, REPO_ROOT, CACHE, tmpdir(), today])
          expect(text.includes(bad), `${folder}/${f} has ${bad}`).toBe(false);
      }
    }
  });

  it('leaves the output folder as it was when a contract cannot be packed', async () => {
    const out = join(work, 'out1');
    const before = filesUnder(out).map((f) => `${f} ${statSync(join(out, f)).mtimeMs}`);
    const wit = join(work, 'unversioned.wit');
    writeFileSync(wit, 'package acme:things;\n\ninterface store {\n  ping: func();\n}\n');
    await expect(packContracts({ wit, out, backends: ['quickjs'], cache: CACHE })).rejects.toThrow(
      'error: acme:things/store has no version: give the WIT package one (package ns:name@1.0.0) or pass --package-version',
    );
    expect(filesUnder(out).map((f) => `${f} ${statSync(join(out, f)).mtimeMs}`)).toEqual(before);
    expect(readdirSync(work).filter((n) => n.includes('.witbus-pack-'))).toEqual([]);
  });
});

describe('a packed contract, installed', () => {
  it('is called from plain Node, its sender against its own receiver, without Wasm', () => {
    writeFileSync(
      join(project, 'plain.mjs'),
      `import { createReceiver, createSender, contractId } from '@wasmcloud/keyvalue-key-value';
import * as http from '@wasmcloud/httpserver-http-server';
const text = (b) => new TextDecoder().decode(b);
const store = new Map();
const receiver = createReceiver({
  get: (key) => ({ value: store.get(key) ?? '', exists: store.has(key) }),
  set: (key, value) => void store.set(key, value),
  del: () => { throw { tag: 'not-implemented' }; },
  increment: (key, by) => { const n = Number(store.get(key) ?? 0) + by; store.set(key, String(n)); return n; },
  contains: (key) => store.has(key),
  listAdd: () => 0, listClear: () => false, listDel: () => false, listRange: (name, start, stop) => [name, String(start), String(stop)],
  setAdd: () => 0, setDel: () => 0, setUnion: () => [], setIntersection: () => [], setQuery: () => [], setClear: () => false,
});
const wire = [];
const kv = createSender((msg, contract, link) => {
  const reply = receiver.receive(msg);
  wire.push([msg.method, text(msg.arg), contract, link ?? null, text(reply)]);
  return reply;
});
const caught = (f) => { try { f(); return null; } catch (e) { return e; } };
const results = {
  contractId,
  increment: [kv.increment('a', 5), kv.increment('a', 2)],
  set: kv.set('k', 'v', 0) ?? null,
  get: kv.get('a'),
  listRange: kv.listRange('l', 0, 2),
  del: caught(() => kv.del('a')),
  deser: caught(() => receiver.receive({ method: 'KeyValue.Increment', arg: new TextEncoder().encode('{"key":1}') }))?.tag,
  unknown: caught(() => receiver.receive({ method: 'KeyValue.Nope', arg: new Uint8Array() }))?.tag,
  missing: caught(() => createReceiver({ get() {} })).message,
};
const server = http.createReceiver({ handleRequest: (req) => ({ statusCode: 201, header: [], body: req.body }) });
const httpWire = [];
const client = http.createSender((msg) => { httpWire.push(text(msg.arg)); return server.receive(msg); });
const res = client.handleRequest({ method: 'POST', path: '/p', queryString: 'a=1', header: [['x', 'y']], body: new Uint8Array([1, 2, 255]) });
console.log(JSON.stringify({ results, wire, http: { status: res.statusCode, body: [...res.body], wire: httpWire } }));
`,
    );
    const r = run(process.execPath, ['plain.mjs'], project);
    expectOk(r);
    const out = JSON.parse(r.stdout) as { results: Record<string, unknown>; wire: unknown[]; http: unknown };
    expect(out.results).toEqual({
      contractId: 'wasmcloud:keyvalue',
      increment: [5, 7],
      set: null,
      get: { value: '7', exists: true },
      listRange: ['l', '0', '2'],
      del: { tag: 'not-implemented' },
      deser: 'deser',
      unknown: 'method-not-handled',
      missing:
        'createReceiver(impl): impl has no function set, del, increment, contains, listAdd, listClear, listDel, listRange, setAdd, setDel, setUnion, setIntersection, setQuery, setClear',
    });
    expect(out.wire).toEqual([
      ['KeyValue.Increment', '{"key":"a","value":5}', 'wasmcloud:keyvalue', null, '5'],
      ['KeyValue.Increment', '{"key":"a","value":2}', 'wasmcloud:keyvalue', null, '7'],
      ['KeyValue.Set', '{"key":"k","value":"v","expires":0}', 'wasmcloud:keyvalue', null, ''],
      ['KeyValue.Get', '"a"', 'wasmcloud:keyvalue', null, '{"value":"7","exists":true}'],
      ['KeyValue.ListRange', '{"list_name":"l","start":0,"stop":2}', 'wasmcloud:keyvalue', null, '["l","0","2"]'],
    ]);
    expect(out.http).toEqual({
      status: 201,
      body: [1, 2, 255],
      wire: ['{"method":"POST","path":"/p","query_string":"a=1","header":[["x","y"]],"body":[1,2,255]}'],
    });
  });

  it('type-checks a TypeScript consumer against the shipped declarations', () => {
    writeFileSync(
      join(project, 'typed.ts'),
      `import { createReceiver, createSender, type Awaitable, type KeyValue, type Send } from '@wasmcloud/keyvalue-key-value';
import { decodeGetResponse, encodeIncrementArgs } from '@wasmcloud/keyvalue-key-value/codec';
import { componentDir } from '@wasmcloud/keyvalue-key-value';

declare const send: Send;
const kv: KeyValue = createSender(send);
const n: number = kv.increment('a', 1);
const r: { value: string; exists: boolean } = decodeGetResponse(encodeIncrementArgs({ key: 'a', value: n }));
const dir: string = componentDir('quickjs', 'sender');
// @ts-expect-error: the key is a string
kv.get(1);
// @ts-expect-error: this package has no StarlingMonkey components
componentDir('sm', 'sender');
// An implementation may answer with promises; then so may its receiver.
declare const asyncImpl: Awaitable<KeyValue>;
const get = { method: 'KeyValue.Get', arg: new Uint8Array() };
const reply: Uint8Array | Promise<Uint8Array> = createReceiver(asyncImpl).receive(get);
// @ts-expect-error: the reply may be a promise
const syncReply: Uint8Array = createReceiver(asyncImpl).receive(get);
export { r, dir, reply, syncReply };
`,
    );
    const tsc = join(REPO_ROOT, 'node_modules/typescript/bin/tsc');
    const r = run(
      process.execPath,
      [
        tsc,
        '--noEmit',
        '--strict',
        '--module',
        'nodenext',
        '--moduleResolution',
        'nodenext',
        '--types',
        'node',
        '--typeRoots',
        join(REPO_ROOT, 'node_modules/@types'),
        'typed.ts',
      ],
      project,
    );
    expect(r.stdout + r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('resolves as a WIT dependency through node_modules, and not with --no-node-modules', () => {
    cpSync(join(REPO_ROOT, 'examples/kvcounter-packed/wit'), join(project, 'wit'), { recursive: true });
    const printed = witbus(['wit', 'wit'], { cwd: project });
    expect(printed.stderr).toBe('');
    expect(printed.stdout).toContain('world kvcounter {\n');
    expect(printed.stdout).toContain('  import wasmcloud:keyvalue/key-value@0.1.0;\n');
    const json = JSON.parse(witbus(['wit', 'wit', '--json'], { cwd: project }).stdout) as {
      packages: { name: string }[];
    };
    expect(json.packages.map((p) => p.name).sort()).toEqual([
      'example:kvcounter@0.1.0',
      'wasmcloud:httpserver@0.1.0',
      'wasmcloud:keyvalue@0.1.0',
      'wasmcloud:wasmbus@0.1.0',
    ]);
    const strict = witbus(['wit', 'wit', '--no-node-modules'], { cwd: project });
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain("package 'wasmcloud:keyvalue@0.1.0' not found");
  });

  it('lends its types to a contract that uses them, in witbus gen', () => {
    mkdirSync(join(project, 'uses'));
    writeFileSync(
      join(project, 'uses/cache.wit'),
      'package acme:cache@0.1.0;\n\ninterface cache {\n  use wasmcloud:keyvalue/key-value@0.1.0.{get-response};\n\n  lookup: func(key: string) -> get-response;\n}\n',
    );
    const r = witbus(['gen', 'uses', '-o', 'generated'], { cwd: project });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const types = readFileSync(join(project, 'generated/acme-cache/cache/types.ts'), 'utf8');
    expect(types).toContain('export type GetResponse = { value: string; exists: boolean };');
    expect(types).toContain('  lookup(key: string): GetResponse;');
  });

  describe('through witbus build --app, serve and compose', () => {
    /**
     * Kept between runs, as the components are: an unchanged app is not built again. The CLI (run
     * in the project) and the service (run here) each get their own, because the app's bundle
     * names its modules relative to the working folder, so the two would rebuild each other's.
     */
    const BUILD = join(CACHE, 'kvcounter-build');
    const out = join(CACHE, 'kvcounter-cli');
    const ADAPTERS = [
      { npm: KEYVALUE_PACKAGE, role: 'sender', name: `${KEYVALUE}-sender` },
      { npm: HTTPSERVER_PACKAGE, role: 'receiver', name: `${HTTPSERVER}-receiver` },
    ];
    const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');
    const packaged = (a: (typeof ADAPTERS)[number]): string =>
      join(project, 'node_modules', a.npm, 'components/quickjs', a.role, `${a.name}.wasm`);
    let cli: Run;
    let app: RunningPackedKvcounter;

    beforeAll(async () => {
      cpSync(join(REPO_ROOT, 'examples/kvcounter-packed/wit'), join(project, 'wit'), { recursive: true });
      cli = witbus(['build', 'wit', '-o', out, '--backend', 'quickjs', '--app', APP_SOURCE], { cwd: project });
      // The example's own start: the same build through the service, then the folder served.
      app = await startPackedKvcounter({
        projectDir: project,
        buildDir: BUILD,
        backend: 'quickjs',
        port: 0,
        workers: 0,
      });
    }, 300_000);

    afterAll(async () => {
      await app?.close();
    });

    it('builds only the business logic, and names the package each adapter came from', () => {
      expectOk(cli);
      expect(cli.stderr).toMatch(/^kvcounter \[quickjs\] (cached|\d+\.\ds) /m);
      for (const a of ADAPTERS) expect(cli.stderr).toContain(`${a.name} [quickjs] from ${a.npm} 0.1.0\n`);
      expect(cli.stdout).toMatch(/: 3 component\(s\), [01] built, [01] cached, 2 from installed packages\n$/);
      // The service's account: one component from its source, the others copied from the packages.
      expect(app.builds.map((b) => [b.spec.name, b.installed?.npm ?? b.spec.sourcePath])).toEqual([
        ['kvcounter', APP_SOURCE],
        ...ADAPTERS.map((a) => [a.name, a.npm]),
      ]);
      for (const dir of [out, app.app]) {
        // No adapter was generated: only the app's world, with the packages it uses, was written.
        expect(filesUnder(join(dir, 'generated'))).toEqual([
          'kvcounter.wit/deps/wasmcloud-httpserver@0.1.0.wit',
          'kvcounter.wit/deps/wasmcloud-keyvalue@0.1.0.wit',
          'kvcounter.wit/deps/wasmcloud-wasmbus@0.1.0.wit',
          'kvcounter.wit/kvcounter.wit',
        ]);
        for (const a of ADAPTERS) expect(sha(join(dir, a.name, `${a.name}.wasm`)), a.name).toBe(sha(packaged(a)));
      }
    });

    it('serves the folder it wrote over HTTP, as witbus serve does', async () => {
      const get = async (path: string) => (await fetch(`${app.url}${path}`)).text();
      expect(await get('/hello?amount=5')).toBe('{"counter":5}');
      expect(await get('/hello?amount=2')).toBe('{"counter":7}');
      expect(await get('/other')).toBe('{"counter":1}');
    });

    it('composes the app with the adapters it uses, taken from the packages by npm name, as build --compose does', () => {
      const file = join(work, 'kvcounter.wasm');
      const r = witbus(['compose', join(out, 'kvcounter'), KEYVALUE_PACKAGE, HTTPSERVER_PACKAGE, '-o', file], {
        cwd: project,
      });
      expectOk(r);
      expect(r.stdout).toContain('  imports: wasmcloud:wasmbus/types@0.1.0, wasmcloud:wasmbus/sender@0.1.0\n');
      expect(r.stdout).toContain('  exports: wasmcloud:wasmbus/receiver@0.1.0\n');
      // The children nest verbatim: the packages' own binaries are inside the composite.
      const composite = readFileSync(file);
      for (const a of ADAPTERS) expect(composite.includes(readFileSync(packaged(a))), a.name).toBe(true);
      const args = ['build', 'wit', '-o', out, '--backend', 'quickjs', '--app', APP_SOURCE, '--compose'];
      const composed = witbus(args, { cwd: project });
      expectOk(composed);
      expect(composed.stdout).toContain(
        `${join(out, 'kvcounter.composed.wasm')}: kvcounter + ${ADAPTERS.map((a) => a.name).join(' + ')}\n`,
      );
      expect(sha(join(out, 'kvcounter.composed.wasm'))).toBe(sha(file));
    });

    it('refuses --fuse, which bundles generated adapters only', () => {
      const args = ['build', 'wit', '-o', join(work, 'fused'), '--backend', 'quickjs', '--app', APP_SOURCE, '--fuse'];
      const fused = witbus(args, { cwd: project });
      expect(fused.code).toBe(1);
      expect(fused.stderr).toBe(
        `error: --fuse bundles adapters generated from ${join(project, 'wit')}, and kvcounter uses contracts from @wasmcloud/keyvalue-key-value 0.1.0, @wasmcloud/httpserver-http-server 0.1.0: use --compose, or put their WIT in the input\n`,
      );
      expect(existsSync(join(work, 'fused'))).toBe(false);
    });

    it('says when a compose argument is neither a path nor an installed package', () => {
      const r = witbus(['compose', join(out, 'kvcounter'), '@wasmcloud/nope', '-o', join(work, 'x.wasm')], {
        cwd: project,
      });
      expect(r).toEqual({
        code: 1,
        stdout: '',
        stderr: `error: @wasmcloud/nope is no file or folder, and no installed npm package (looked from ${project})\n`,
      });
    });

    it('finds no installed contract with --no-node-modules, and builds nothing', () => {
      const strict = join(work, 'strict');
      const r = witbus(['build', 'wit', '-o', strict, '--app', APP_SOURCE, '--no-node-modules'], { cwd: project });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("package 'wasmcloud:keyvalue@0.1.0' not found");
      expect(existsSync(strict)).toBe(false);
    });

    it('refuses a package without components for the backend, naming it', async () => {
      await expect(buildPackedApp(project, join(work, 'sm'), 'sm')).rejects.toThrow(
        'error: @wasmcloud/keyvalue-key-value 0.1.0 has no sender component for the sm backend (it has quickjs): pack it with --backend sm, or use --backend quickjs',
      );
    });

    it('refuses a package that packs another version of the contract the app uses', async () => {
      const nested = join(project, 'versions');
      const copy = join(nested, 'node_modules', KEYVALUE_PACKAGE);
      cpSync(join(project, 'wit'), join(nested, 'wit'), { recursive: true });
      cpSync(join(project, 'node_modules', KEYVALUE_PACKAGE), copy, { recursive: true });
      const manifest = readFileSync(join(copy, 'package.json'), 'utf8');
      writeFileSync(join(copy, 'package.json'), manifest.replace('key-value@0.1.0', 'key-value@0.2.0'));
      await expect(buildPackedApp(nested, join(work, 'versions-build'), 'quickjs')).rejects.toThrow(
        'error: world kvcounter uses wasmcloud:keyvalue/key-value@0.1.0, but the installed @wasmcloud/keyvalue-key-value 0.1.0 packs wasmcloud:keyvalue/key-value@0.2.0',
      );
    });

    it('refuses a package whose WIT differs from the one the app was resolved against', async () => {
      // A nearer install ships other WIT under the same package name: the loader takes that one.
      const nested = join(project, 'nested');
      const other = join(nested, 'node_modules/kv-wit');
      cpSync(join(project, 'wit'), join(nested, 'wit'), { recursive: true });
      cpSync(join(project, 'node_modules', KEYVALUE_PACKAGE, 'wit'), join(other, 'wit'), { recursive: true });
      writeFileSync(join(other, 'package.json'), '{"name":"kv-wit","version":"1.0.0"}');
      const wit = join(other, 'wit/keyvalue.wit');
      writeFileSync(
        wit,
        readFileSync(wit, 'utf8').replace('interface key-value {\n', 'interface key-value {\n  ping: func();\n'),
      );
      await expect(buildPackedApp(nested, join(work, 'nested-build'), 'quickjs')).rejects.toThrow(
        'error: @wasmcloud/keyvalue-key-value 0.1.0 packs wasmcloud:keyvalue/key-value@0.1.0 from other WIT than world kvcounter was resolved against: install the package that provides its WIT, or pack it again',
      );
    });
  });
});
