/**
 * `compose` as a service: read the business logic's component and its adapters (component files,
 * or folders written by `witbus build`), compose them into one component, check it with
 * wasm-tools (through jco) and write it, all or nothing.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { readManifest, MANIFEST_FILE } from '../component/build.ts';
import type { BuildReport } from '../component/types.ts';
import { compose, ComposeError, type Composite, type ComposeInput } from '../compose/index.ts';
import { readInterface, type ComponentInterface } from '../compose/read.ts';
import { systemUserError, UserError } from './errors.ts';
import { writeOutputs } from './output.ts';

export interface ComposeRequest {
  /** The business logic first, then its adapters: `.wasm` files or `witbus build` folders. */
  components: string[];
  /** The composite's file. */
  out: string;
}

export interface ComposeReport extends Composite {
  out: string;
  children: string[];
}

/** One argument as a child: a folder's component is named after its manifest, a file after itself. */
async function readChild(path: string): Promise<ComposeInput> {
  const absolute = resolve(path);
  try {
    if (!(await stat(absolute)).isDirectory()) {
      return { name: basename(absolute).replace(/\.wasm$/, ''), bytes: await readFile(absolute) };
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
    return { name: manifest.name, bytes: await readFile(join(absolute, manifest.component)) };
  } catch (e) {
    throw systemUserError(e, 'read') ?? e;
  }
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
  return composeInto(await Promise.all(request.components.map(readChild)), resolve(request.out));
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
      try {
        return { report: r, input: { name: r.manifest.name, bytes }, iface: readInterface(bytes) };
      } catch (e) {
        if (e instanceof ComposeError) throw new UserError(`error: ${r.manifest.name}: ${e.message}`, { cause: e });
        throw e;
      }
    }),
  );
  const app = children.find((c) => c.report.spec.sourcePath === resolve(appSource));
  if (app === undefined) throw new Error(`the build has no component for ${appSource}`);
  const adapters = children.filter((c) => c !== app && serves(app.iface, c.iface));
  return composeInto(
    [app.input, ...adapters.map((a) => a.input)],
    join(resolve(outDir), `${app.input.name}.composed.wasm`),
  );
}
