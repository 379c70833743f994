/**
 * The conformance suite under the relative paths wit-parser's test runner uses (`tests/ui/...`), so
 * that rendered errors name files exactly as the expected `.wit.result` files do.
 */
import { nodeWitFs } from '../../../src/node/wit-fs.ts';
import type { WitFs } from '../../../src/wit/load.ts';
import { sharedPath } from '../../helpers/shared.ts';

export const UI_DIR = sharedPath('conformance/wit-parser-ui');
export const UI_PREFIX = 'tests/ui';

function real(path: string): string {
  if (path !== UI_PREFIX && !path.startsWith(`${UI_PREFIX}/`)) throw new Error(`outside the suite: ${path}`);
  return UI_DIR + path.slice(UI_PREFIX.length);
}

export const conformanceFs: WitFs = {
  readFile: (path) => nodeWitFs.readFile(real(path)),
  readDir: (path) => nodeWitFs.readDir(real(path)),
  kind: (path) => nodeWitFs.kind(real(path)),
};
