/**
 * Temporary folders removed when the test file that made them ends, so test runs leave nothing
 * behind in the system's temporary folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const made: string[] = [];

// Registered when a test file first imports this module (vitest isolates modules per file).
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A new empty folder `<tmp>/witbus-<prefix>-XXXXXX`, removed after the file's tests. */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `witbus-${prefix}-`));
  made.push(dir);
  return dir;
}
