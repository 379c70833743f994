/**
 * The folder of witbus's own package.json, found from this module whether it runs from the
 * TypeScript sources (src/node) or from the build (dist/src/node): the data files witbus ships
 * (templates, the codec runtime's source, the bundled WIT) live at fixed places under it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'witbus')
      return dir;
    if (dirname(dir) === dir) throw new Error(`witbus's package.json was not found above ${from}`);
  }
}

export const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

/** A file shipped with witbus, by its path in the package. */
export const packagePath = (...parts: string[]): string => join(PACKAGE_ROOT, ...parts);

export function packageVersion(): string {
  return (JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string }).version;
}
