/**
 * `compose` as a service: read the business logic's component and its adapters (component files,
 * folders written by `witbus build`, or installed contract packages), compose them into one
 * component, check it with wasm-tools (through jco) and write it, all or nothing.
 */
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { readManifest, MANIFEST_FILE } from '../component/build.ts';
import type { Backend, BuildReport } from '../component/types.ts';
import { compose, ComposeError, type Composite, type ComposeInput } from '../compose/index.ts';
import { readInterface, type ComponentInterface } from '../compose/read.ts';
import type { AdapterRole } from '../naming/index.ts';
import { systemUserError, UserError } from './errors.ts';
import {
  contractPackageNamed,
  packageBackends,
  packagedAdapter,
  packageLabel,
  type ContractPackage,
} from './installed-adapters.ts';
import { writeOutputs } from './output.ts';

export interface ComposeRequest {
  /**
   * The business logic first, then its adapters: `.wasm` files, `witbus build` folders, or the
   * npm names of installed contract packages (whose adapters the app uses are taken).
   */
  components: string[];
  /** The composite's file. */
  out: string;
  /** The engine of the packages' components; default: the app folder's, or a package's only one. */
  backend?: Backend;
  /** Where package names are resolved from, as Node resolves them (default: the working folder). */
  cwd?: string;
}

export interface ComposeReport extends Composite {
  out: string;
  children: string[];
}

/** A child, and the engine it was built for when its folder's manifest says. */
interface Child {
  input: ComposeInput;
  backend?: Backend;
}

/** One argument as a child: a folder's component is named after its manifest, a file after itself. */
async function readChild(path: string, cwd: string): Promise<Child> {
  const absolute = resolve(cwd, path);
  try {
    if (!(await stat(absolute)).isDirectory()) {
      return { input: { name: basename(absolute).replace(/\.wasm$/, ''), bytes: await readFile(absolute) } };
    }
    const manifest = await readManifest(absolute);
    if (manifest === undefined)
      throw new UserError(
        `error: ${path} is a folder without ${MANIFEST_FILE}: give a component file or a folder written by witbus build`,
      );
    if (manifest.component === undefined) {
      throw new UserError(
        `error: ${path} was built by an older witbus that did not keep the component binary: run witbus build again`,
      );
    }
    return {
      input: { name: manifest.name, bytes: await readFile(join(absolute, manifest.component)) },
      backend: manifest.backend,
    };
  } catch (e) {
    throw systemUserError(e, 'read') ?? e;
  }
}

/** npm's package name forms (`name`, `@scope/name`): an argument that is no path may be one. */
const NPM_NAME = /^(?:@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/;

/** The installed contract package an argument names, if it is no file or folder but a package name. */
function packageArgument(arg: string, cwd: string): ContractPackage | undefined {
  if (existsSync(resolve(cwd, arg)) || !NPM_NAME.test(arg) || arg.endsWith('.wasm')) return undefined;
  const found = contractPackageNamed(arg, cwd);
  if (found === undefined)
    throw new UserError(`error: ${arg} is no file or folder, and no installed npm package (looked from ${cwd})`);
  return found;
}

/** A child with its imports and exports read, once: for matching adapters, and for the composition. */
const withInterface = (c: ComposeInput): Required<ComposeInput> => {
  try {
    return { ...c, iface: readInterface(c.bytes) };
  } catch (e) {
    if (e instanceof ComposeError) throw new UserError(`error: ${c.name}: ${e.message}`, { cause: e });
    throw e;
  }
};

/** The engine of the packages' components: asked for, the app folder's, or the packages' only one. */
function packageBackend(packages: ContractPackage[], request: ComposeRequest, app: Child): Backend {
  const backend = request.backend ?? app.backend;
  if (backend !== undefined) return backend;
  const all = [...new Set(packages.flatMap(packageBackends))];
  if (all.length === 1) return all[0]!;
  throw new UserError(
    `error: ${packages.map(packageLabel).join(', ')} ha${packages.length === 1 ? 's' : 've'} components for ${all.join(' and ')}, and ${app.input.name} does not say which engine it was built with: give --backend`,
  );
}

/** The adapters of a contract package that the app uses: its sender if it imports the contract, its receiver if it exports it. */
async function packageChildren(
  p: ContractPackage,
  backend: Backend,
  app: Required<ComposeInput>,
): Promise<ComposeInput[]> {
  const used: ComposeInput[] = [];
  for (const role of ['sender', 'receiver'] as AdapterRole[]) {
    const adapter = await packagedAdapter(p, backend, role);
    const bytes = await readFile(join(adapter.dir, adapter.manifest.component));
    const input = withInterface({ name: adapter.manifest.name, bytes });
    if (serves(app.iface, input.iface)) used.push(input);
  }
  if (used.length === 0)
    throw new UserError(`error: ${packageLabel(p)} packs ${p.contract}, which ${app.name} neither imports nor exports`);
  return used;
}

/** wasm-tools' verdict on the composite, through jco: it validates while decoding the world. */
async function validate(bytes: Uint8Array): Promise<void> {
  const { componentWit } = await import('@bytecodealliance/jco');
  try {
    await componentWit(bytes);
  } catch (e) {
    const reason = (e instanceof Error ? e.message : String(e)).replace(/^Failed to decode wit component\n/, '');
    throw new UserError(`error: the children do not fit together; wasm-tools rejects the composite:\n${reason}`, {
      cause: e,
    });
  }
}

/** Composes `children`, checks the composite and writes it to `out`. */
async function composeInto(children: ComposeInput[], out: string): Promise<ComposeReport> {
  let composite: Composite;
  try {
    composite = compose(children);
  } catch (e) {
    if (e instanceof ComposeError) throw new UserError(`error: ${e.message}`, { cause: e });
    throw e;
  }
  await validate(composite.bytes);
  writeOutputs([{ dir: dirname(out), files: [{ path: basename(out), content: composite.bytes }] }]);
  return { ...composite, out, children: children.map((c) => c.name) };
}

export async function composeFiles(request: ComposeRequest): Promise<ComposeReport> {
  const cwd = resolve(request.cwd ?? '.');
  const [appArg, ...adapterArgs] = request.components;
  const app = await readChild(appArg!, cwd);
  const args = adapterArgs.map((arg) => ({ arg, pkg: packageArgument(arg, cwd) }));
  const packages = args.flatMap(({ pkg }) => pkg ?? []);
  const backend = packages.length === 0 ? undefined : packageBackend(packages, request, app);
  const appInput = withInterface(app.input);
  const adapters = await Promise.all(
    args.map(async ({ arg, pkg }) =>
      pkg === undefined ? [(await readChild(arg, cwd)).input] : packageChildren(pkg, backend!, appInput),
    ),
  );
  return composeInto([appInput, ...adapters.flat()], resolve(cwd, request.out));
}

/** A component's imports and exports by name: read from a binary, or from a world (build --fuse). */
export type InterfaceNames = Record<keyof ComponentInterface, { name: string }[]>;

/** Whether an adapter serves the app: the app imports what it exports, or exports what it imports. */
export function serves(app: InterfaceNames, adapter: InterfaceNames): boolean {
  const appImports = new Set(app.imports.map((i) => i.name));
  const appExports = new Set(app.exports.map((e) => e.name));
  return adapter.exports.some((e) => appImports.has(e.name)) || adapter.imports.some((i) => appExports.has(i.name));
}

/**
 * `build --compose`: the app a build produced, composed with the adapters it uses (a build makes
 * the sender and receiver of every contract), into `<outDir>/<app>.composed.wasm`.
 */
export async function composeBuiltApp(
  reports: BuildReport[],
  appSource: string,
  outDir: string,
): Promise<ComposeReport> {
  const children = await Promise.all(
    reports.map(async (r) => {
      const bytes = await readFile(join(r.outDir, r.manifest.component));
      return { report: r, input: withInterface({ name: r.manifest.name, bytes }) };
    }),
  );
  const app = children.find((c) => c.report.spec.sourcePath === resolve(appSource));
  if (app === undefined) throw new Error(`the build has no component for ${appSource}`);
  const adapters = children.filter((c) => c !== app && serves(app.input.iface, c.input.iface));
  return composeInto(
    [app.input, ...adapters.map((a) => a.input)],
    join(resolve(outDir), `${app.input.name}.composed.wasm`),
  );
}
