/**
 * Where the shared test data lives: `../shared` beside the repository, wherever the clone is.
 * Suites that need it are declared with `describeShared` (./describe-shared.ts); in a clone without it they are skipped,
 * and the run's summary says where it looked (test/setup/summary-reporter.ts).
 */
import { existsSync, realpathSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const besideClone = resolve(REPO_ROOT, '../shared');
/**
 * Followed to its real place when it is a link (CI links it in beside the clone): jco's bundled
 * wasm-tools reads files through the WASI shim, which does not follow links.
 */
export const SHARED_DIR = existsSync(besideClone) ? realpathSync(besideClone) : besideClone;

/** A path inside the shared data (which may be absent: see `hasShared`). */
export const sharedPath = (...parts: string[]): string => join(SHARED_DIR, ...parts);

export const hasShared = (): boolean => existsSync(sharedPath('conformance')) && existsSync(sharedPath('corpus'));
