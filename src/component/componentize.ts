/**
 * Turns a bundled guest module into a component binary with the chosen JS engine.
 *
 * StarlingMonkey gets its WASI features disabled: the adapters need none of them, and each one
 * makes every call several times slower. QuickJS runs in its synchronous runtime because Node 20
 * has no JSPI, and with WASI stubbed for the same reason as SM. QuickJS's size-optimized runtime
 * (`optSize`) is left off: it cut the fused kvcounter from 2.28 to 1.74 MB, but each call took
 * about 30% longer (bench/http-path.bench.ts measures both).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Backend } from './types.ts';

type SmFeature = 'stdio' | 'random' | 'clocks' | 'http' | 'fetch-event';

/** The componentizers' options that change what they produce: part of every cache key. */
export interface EngineOptions {
  sm: { disableFeatures: SmFeature[] };
  quickjs: { stubWasi: boolean; optSize: boolean };
}

export const ENGINE_OPTIONS: EngineOptions = {
  sm: { disableFeatures: ['stdio', 'random', 'clocks', 'http', 'fetch-event'] },
  quickjs: { stubWasi: true, optSize: false },
};

let preopensSet = false;

/** componentize-js reads WIT through preview2-shim's file system, which only sees its preopens. */
async function openWholeFileSystem(): Promise<void> {
  if (preopensSet) return;
  const shim = await import('@bytecodealliance/preview2-shim/filesystem');
  // TypeScript resolves the browser typings, whose `_setPreopens` takes another shape.
  (shim._setPreopens as unknown as (preopens: Record<string, string>) => void)({ '/': '/' });
  preopensSet = true;
}

export interface ComponentizeInput {
  jsSource: string;
  witPath: string;
  world: string;
  backend: Backend;
}

/** `options` other than ENGINE_OPTIONS serve to compare variants (the bench); builds use the defaults. */
export async function componentizeGuest(
  input: ComponentizeInput,
  options: EngineOptions = ENGINE_OPTIONS,
): Promise<Uint8Array> {
  return input.backend === 'sm' ? componentizeSm(input, options.sm) : componentizeQjs(input, options.quickjs);
}

async function componentizeSm(
  { jsSource, witPath, world }: ComponentizeInput,
  options: EngineOptions['sm'],
): Promise<Uint8Array> {
  await openWholeFileSystem();
  const { componentize } = await import('@bytecodealliance/componentize-js');
  // componentize-js resolves the guest's relative imports from a real file.
  const dir = await mkdtemp(join(tmpdir(), 'witbus-sm-'));
  try {
    const sourcePath = join(dir, 'guest.js');
    await writeFile(sourcePath, jsSource);
    const { component } = await componentize({
      sourcePath,
      witPath,
      worldName: world,
      disableFeatures: [...options.disableFeatures],
    });
    return component;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function componentizeQjs(
  { jsSource, witPath, world }: ComponentizeInput,
  options: EngineOptions['quickjs'],
): Promise<Uint8Array> {
  const { componentize } = await import('componentize-qjs');
  const { component } = await componentize({ witPath, jsSource, world, sync: true, ...options });
  return new Uint8Array(component.buffer, component.byteOffset, component.byteLength);
}
