/**
 * Loads a transpiled component folder (see src/component/) so that it can be instantiated any
 * number of times, synchronously: its core modules are compiled once and kept, and jco's
 * `instantiate` runs without awaiting when handed compiled modules and a synchronous
 * `instantiateCore`. Trap recovery relies on that: it happens in the middle of a call.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { readManifest } from '../component/build.ts';
import type { ComponentManifest } from '../component/types.ts';

/** An instance's exports: interface id → functions. */
export type ComponentExports = Record<string, Record<string, (...args: unknown[]) => unknown>>;
export type ComponentImports = Record<string, Record<string, (...args: unknown[]) => unknown>>;

export interface LoadedComponent {
  dir: string;
  manifest: ComponentManifest;
  instantiate(imports: ComponentImports): ComponentExports;
}

/** The slice of the WebAssembly JS API used here (the project's lib settings omit its typings). */
interface CoreModule {
  readonly __coreModule: unique symbol;
}
interface CoreInstance {
  readonly exports: object;
}
interface WasmApi {
  compile(bytes: Uint8Array): Promise<CoreModule>;
  Instance: new (module: CoreModule, imports: object) => CoreInstance;
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

type JcoInstantiate = (
  getCoreModule: (path: string) => CoreModule,
  imports: ComponentImports,
  instantiateCore: (module: CoreModule, imports: object) => CoreInstance,
) => ComponentExports;

// QuickJS core modules use extended constant expressions, still behind a flag in Node 20.
setFlagsFromString('--experimental-wasm-extended-const');

/**
 * jco's generated code reads import keys without versions while its typings use versions
 * (jco#708): offer both.
 */
export function withUnversionedKeys(imports: ComponentImports): ComponentImports {
  const out: ComponentImports = { ...imports };
  for (const [key, value] of Object.entries(imports)) {
    const at = key.indexOf('@');
    if (at > 0) out[key.slice(0, at)] ??= value;
  }
  return out;
}

export async function loadComponent(dir: string): Promise<LoadedComponent> {
  const manifest = await readManifest(dir);
  if (manifest === undefined) throw new Error(`${dir} holds no built component (witbus-component.json is missing)`);
  if (manifest.wasmbus === undefined) throw new Error(`${dir} was built by an older witbus: build it again`);
  // The key in the URL makes a rebuilt component in the same folder a new module.
  const url = `${pathToFileURL(join(dir, manifest.module)).href}?key=${manifest.key}`;
  const mod = (await import(/* @vite-ignore */ url)) as { instantiate: JcoInstantiate };
  // The transpiler writes each core module beside the ES module; compile them all up front. The
  // component binary kept beside them is not a core module.
  const modules = new Map<string, CoreModule>();
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.wasm') && f !== manifest.component).sort()) {
    modules.set(file, await wasm.compile(await readFile(join(dir, file))));
  }
  const getCoreModule = (path: string): CoreModule => {
    const compiled = modules.get(path);
    if (compiled === undefined) throw new Error(`${manifest.name}: unknown core module ${path}`);
    return compiled;
  };
  return {
    dir,
    manifest,
    instantiate: (imports) =>
      mod.instantiate(getCoreModule, withUnversionedKeys(imports), (m, i) => new wasm.Instance(m, i)),
  };
}
