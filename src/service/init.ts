/**
 * `init` as a service: scaffold a project that builds and serves. Its files are the templates in
 * `templates/init/` (`.hbs` ones rendered), the contracts and the wasmbus package witbus bundles
 * (so the project builds on the same WIT witbus is tested with), and a package.json that depends
 * on this version of witbus. Nothing is written into a folder that has anything in it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import Handlebars from 'handlebars';
import { adapterComponentName } from '../naming/index.ts';
import { bundledWasmbus } from '../node/templates.ts';
import { packagePath, packageVersion } from '../node/package-root.ts';
import { UserError } from './errors.ts';
import { writeOutputs, type OutputFile } from './output.ts';

export interface InitRequest {
  /** The project folder: created if missing, refused unless empty. */
  dir: string;
}

/** The business logic's module, and so (by `witbus build`'s default) its component and world. */
const APP = 'app';
/** Where `witbus build` puts the scaffold's two contracts (`<namespace>-<package>/<interface>`). */
const HTTPSERVER_CONTRACT_DIR = 'wasmcloud-httpserver/http-server';
const KEYVALUE_CONTRACT_DIR = 'wasmcloud-keyvalue/key-value';

/** npm refuses to ship files named .gitignore, so the template drops the dot. */
const RENAMED: Record<string, string> = { gitignore: '.gitignore' };

/** Every file under `dir`, as paths relative to it with `/`, sorted. */
function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]))
    .sort();
}

/** A valid npm package name made from a folder name. */
function packageName(dir: string): string {
  const name = basename(dir)
    .toLowerCase()
    .replace(/[^a-z0-9._~-]+/g, '-')
    .replace(/^[._-]+/, '');
  return name === '' ? 'witbus-app' : name;
}

function ensureEmpty(dir: string): void {
  const stat = statSync(dir, { throwIfNoEntry: false });
  if (stat === undefined) return;
  if (!stat.isDirectory()) throw new UserError(`error: ${dir} is a file: witbus init needs a new or empty folder`);
  if (readdirSync(dir).length > 0)
    throw new UserError(`error: ${dir} is not empty: witbus init needs a new or empty folder`);
}

function manifest(name: string): string {
  const own = JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as {
    devDependencies: Record<string, string>;
  };
  const pkg = {
    name,
    version: '0.1.0',
    private: true,
    type: 'module',
    scripts: {
      gen: 'witbus gen',
      build: `witbus build wit -o build --generated generated --app src/${APP}.ts --world ${APP} --backend quickjs`,
      start: 'node serve.mjs',
      serve: 'node serve.mjs',
      test: 'npm run build && tsc && node --test test/app.test.mjs',
    },
    dependencies: { witbus: `^${packageVersion()}` },
    // The TypeScript witbus itself is checked with.
    devDependencies: { typescript: own.devDependencies['typescript']! },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

/** The scaffold's files, relative to its folder. */
export function scaffoldFiles(name: string): OutputFile[] {
  const templates = packagePath('templates', 'init');
  const view = {
    name,
    app: APP,
    keyvalueSender: adapterComponentName(KEYVALUE_CONTRACT_DIR, 'sender'),
    httpserverReceiver: adapterComponentName(HTTPSERVER_CONTRACT_DIR, 'receiver'),
  };
  const files: OutputFile[] = filesUnder(templates).map((path) => {
    const text = readFileSync(join(templates, path), 'utf8');
    if (!path.endsWith('.hbs')) return { path: RENAMED[path] ?? path, content: text };
    return {
      path: path.slice(0, -'.hbs'.length),
      content: Handlebars.compile(text, { noEscape: true, strict: true })(view),
    };
  });
  const bundled = (path: string): OutputFile => ({
    path: `wit/${path}`,
    content: readFileSync(packagePath('wit', path), 'utf8'),
  });
  files.push(bundled('httpserver.wit'), bundled('keyvalue.wit'));
  files.push({ path: 'wit/deps/wasmbus/wasmbus.wit', content: bundledWasmbus().text });
  files.push({ path: 'package.json', content: manifest(name) });
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Writes the scaffold into `request.dir`; resolves to the folder and the files written. */
export function initProject(request: InitRequest): { dir: string; files: string[] } {
  const dir = resolve(request.dir);
  ensureEmpty(dir);
  const files = scaffoldFiles(packageName(dir));
  writeOutputs([{ dir, files }]);
  return { dir, files: files.map((f) => f.path) };
}
