/** The plugin tests' fixture project, copied to a scratch folder so that written `.d.ts` files stay out of the tree. */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const TRANSPORTS = join(REPO, 'src/plugin/transports/index.ts');

/** A fresh copy of fixtures/<name>; `dispose` removes it. */
export function fixtureCopy(name: string): { dir: string; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `witbus-plugin-${name}-`));
  cpSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), dir, { recursive: true });
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
