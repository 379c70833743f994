/**
 * Runs a component binary in Node the way witbus runs its own: transpiled by jco (through
 * src/component/transpile.ts) into a temporary folder, then instantiated with host imports.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { transpileInto, type TranspiledComponent } from '../../src/component/transpile.ts';
// load.ts also turns on the V8 flag QuickJS core modules need in Node 20.
import { withUnversionedKeys, type ComponentExports, type ComponentImports } from '../../src/host/load.ts';

interface WasmCompile {
  compile(bytes: Uint8Array): Promise<unknown>;
}
const wasm = (globalThis as unknown as { WebAssembly: WasmCompile }).WebAssembly;

type Instantiate = (
  getCoreModule: (path: string) => Promise<unknown>,
  imports: ComponentImports,
) => Promise<ComponentExports>;

export interface Transpiled extends TranspiledComponent {
  instantiate(imports: ComponentImports): Promise<ComponentExports>;
  dispose(): Promise<void>;
}

export async function transpile(name: string, bytes: Uint8Array): Promise<Transpiled> {
  const dir = await mkdtemp(join(tmpdir(), 'witbus-compose-'));
  const result = await transpileInto(name, bytes, dir);
  const mod = (await import(/* @vite-ignore */ pathToFileURL(join(dir, result.module)).href)) as {
    instantiate: Instantiate;
  };
  return {
    ...result,
    instantiate: (imports) =>
      mod.instantiate(async (path) => wasm.compile(await readFile(join(dir, path))), withUnversionedKeys(imports)),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}
