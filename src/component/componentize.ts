/**
 * Turns a bundled guest module into a component binary with the chosen JS engine.
 *
 * StarlingMonkey gets its WASI features disabled: the adapters need none of them, and each one
 * makes every call several times slower. QuickJS runs in its synchronous runtime because Node 20
 * has no JSPI, and with WASI stubbed for the same reason as SM.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Backend } from './types.ts';

const SM_DISABLED_FEATURES = ['stdio', 'random', 'clocks', 'http', 'fetch-event'] as const;

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

export async function componentizeGuest(input: ComponentizeInput): Promise<Uint8Array> {
  return input.backend === 'sm' ? componentizeSm(input) : componentizeQjs(input);
}

async function componentizeSm({ jsSource, witPath, world }: ComponentizeInput): Promise<Uint8Array> {
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
      disableFeatures: [...SM_DISABLED_FEATURES],
    });
    return component;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function componentizeQjs({ jsSource, witPath, world }: ComponentizeInput): Promise<Uint8Array> {
  const { componentize } = await import('componentize-qjs');
  const { component } = await componentize({ witPath, jsSource, world, sync: true, stubWasi: true });
  return new Uint8Array(component.buffer, component.byteOffset, component.byteLength);
}
