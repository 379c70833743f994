/**
 * Starts a pool worker from the same kind of file as this module: the compiled `entry.js` in the
 * built package, or `entry.ts` when witbus runs from its TypeScript sources. A worker thread does
 * not inherit the parent's module loader hooks, so a `.ts` entry is imported after registering
 * tsx's ESM loader inside the worker (tsx is then a dev dependency at hand).
 *
 * QuickJS components need the V8 flag `--experimental-wasm-extended-const`, which Node refuses in
 * a worker's `execArgv`; V8 flags are process-wide, and load.ts sets it before compiling anything.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WorkerSetup } from './protocol.ts';

const extension = extname(fileURLToPath(import.meta.url));
const entry = new URL(`./entry${extension}`, import.meta.url).href;

/** Runs in the worker as CommonJS: register tsx, then import the TypeScript entry. */
const TSX_BOOT = `
const { workerData } = require('node:worker_threads');
import(workerData.tsxApi).then((tsx) => { tsx.register(); return import(workerData.entry); });
`;

/** tsx's ESM API module; `require.resolve` would pick its CommonJS build, which cannot register ESM hooks. */
function tsxEsmApi(): string {
  const manifestPath = createRequire(import.meta.url).resolve('tsx/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    exports: Record<string, { import: { default: string } }>;
  };
  return pathToFileURL(join(dirname(manifestPath), manifest.exports['./esm/api']!.import.default)).href;
}

export function spawnWorker(setup: WorkerSetup): Worker {
  const transferList = [setup.sendPort];
  if (extension !== '.ts') return new Worker(new URL(entry), { workerData: setup, transferList });
  return new Worker(TSX_BOOT, { eval: true, workerData: { ...setup, tsxApi: tsxEsmApi(), entry }, transferList });
}
