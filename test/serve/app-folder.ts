/**
 * An app folder as `witbus build --app` lays it out, for kvcounter: links to the components the
 * test setup built (test/.cache/components/<backend>/), plus an unrelated adapter that serve must
 * leave out.
 */
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HTTPSERVER_RECEIVER, KEYVALUE_SENDER, KVCOUNTER } from '../../examples/kvcounter/components.ts';
import type { Backend } from '../../src/component/types.ts';
import { componentDir, requireKvcounter } from '../setup/paths.ts';

export function kvcounterAppFolder(backend: Backend): string {
  requireKvcounter();
  const dir = mkdtempSync(join(tmpdir(), 'witbus-serve-'));
  for (const name of [KVCOUNTER, KEYVALUE_SENDER, HTTPSERVER_RECEIVER, 'witbus-seed-keyvalue-sender']) {
    symlinkSync(componentDir(backend, name), join(dir, name), 'dir');
  }
  return dir;
}
