/**
 * Installs the packed witbus into a project with `npm install --offline`, as a user would with the
 * registry out of reach. `npm ci` left every tarball in the npm cache, but not the registry's
 * package documents, and the repository's lockfile records no tarball URLs: without help npm would
 * ask the registry for both. So the project gets a lockfile made from the repository's, pinning
 * the same versions witbus is tested with, each with its registry URL; npm then finds every
 * tarball in the cache by its integrity hash.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/shared.ts';

interface LockEntry {
  name?: string;
  version: string;
  dev?: boolean;
  [field: string]: unknown;
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A process to completion, with Node's flags from the test runner kept away from it. */
export function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Run {
  const { NODE_OPTIONS: _ignored, ...inherited } = process.env;
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...inherited, NO_COLOR: '1', ...env } });
  if (r.error !== undefined) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The registry URL of a locked package's tarball (npm's own layout: `<name>/-/<basename>-<version>.tgz`). */
function tarballUrl(name: string, version: string): string {
  return `https://registry.npmjs.org/${name}/-/${name.slice(name.lastIndexOf('/') + 1)}-${version}.tgz`;
}

/**
 * The repository's locked production dependencies (and the dev ones named in `alsoDev`, at the top
 * level), as the lockfile of a project called `name`.
 */
function lockfileFor(name: string, alsoDev: string[]): string {
  const repo = JSON.parse(readFileSync(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>;
  };
  const packages: Record<string, object> = { '': { name } };
  for (const [path, entry] of Object.entries(repo.packages)) {
    if (path === '') continue;
    const pkg = entry.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    if (entry.dev === true && !alsoDev.includes(path)) continue;
    const { dev: _dev, ...rest } = entry;
    packages[path] = { resolved: tarballUrl(pkg, entry.version), ...rest };
  }
  return `${JSON.stringify({ name, lockfileVersion: 3, requires: true, packages }, null, 2)}\n`;
}

/**
 * Installs `tarball` (and the project's own package.json dependencies) offline into `dir`.
 * `devTools` are repository dev dependencies the project needs too (e.g. `typescript`).
 */
export function installOffline(dir: string, tarball: string, devTools: string[] = []): Run {
  const name = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string }).name;
  writeFileSync(
    join(dir, 'package-lock.json'),
    lockfileFor(
      name,
      devTools.map((t) => `node_modules/${t}`),
    ),
  );
  return run('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], dir);
}
