/**
 * The cache key of a component: a hash of everything its build reads. The bundled guest stands
 * for all of its sources, the WIT folder is read whole (a world may pull in any dependency), and
 * tool versions and options are included so an upgrade rebuilds.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { ENGINE_OPTIONS } from './componentize.ts';
import { toolVersions } from './tool-versions.ts';
import type { Backend } from './types.ts';

/** Bump when the build steps themselves change what they produce. */
const BUILD_FORMAT = 6;

async function witFiles(root: string): Promise<string[]> {
  if (!(await stat(root)).isDirectory()) return [root];
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const p = join(dir, e.name);
      // Fixtures and vendored WIT often link their deps in.
      const isDir = e.isDirectory() || (e.isSymbolicLink() && (await stat(p)).isDirectory());
      if (isDir) await walk(p);
      else if (e.name.endsWith('.wit')) out.push(p);
    }
  };
  await walk(root);
  return out;
}

export interface CacheKeyInput {
  name: string;
  jsSource: string;
  witPath: string;
  world: string;
  backend: Backend;
}

export async function cacheKey(input: CacheKeyInput): Promise<string> {
  const h = createHash('sha256');
  const field = (label: string, value: string | Uint8Array): void => {
    h.update(`${label}\0${value.length}\0`);
    h.update(value);
  };
  field('format', String(BUILD_FORMAT));
  field('tools', JSON.stringify(toolVersions()));
  field('name', input.name);
  field('world', input.world);
  field('backend', input.backend);
  field('options', JSON.stringify(ENGINE_OPTIONS[input.backend]));
  field('source', input.jsSource);
  for (const file of await witFiles(input.witPath)) {
    field('wit-file', relative(input.witPath, file));
    field('wit', await readFile(file));
  }
  return h.digest('hex');
}
