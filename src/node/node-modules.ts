/**
 * WIT packages installed with npm: a `PackageSource` that looks where Node's module resolution
 * looks from the input's folder (every `node_modules` on the way up, so hoisted workspace installs
 * and nested ones are both found). A package that declares `"witbus": { "wit": "wit/" }` in its
 * package.json is preferred; any other installed package that ships a `wit/` folder counts too.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { closest } from '../naming/closest.ts';
import type { PackageSource } from '../wit/index.ts';

interface Installed {
  /** The npm package name. */
  npm: string;
  /** The WIT package its folder defines, `ns:pkg@1.0.0` as references write it. */
  wit: string;
  dir: string;
  declared: boolean;
}

const isDir = (path: string): boolean => statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;

const PACKAGE_HEADER = /^\s*package\s+([a-z][a-z0-9-]*:[a-z][a-z0-9-]*(?:@[0-9A-Za-z.+-]+)?)\s*;/m;

/**
 * The WIT package name a folder's files (or one file) declare. Only the `package` header is
 * needed to decide whether to load the folder, so this reads just that line; loading parses it all.
 */
function declaredPackage(witPath: string): string | undefined {
  const files = isDir(witPath) ? readdirSync(witPath).filter((n) => n.endsWith('.wit')).sort().map((n) => join(witPath, n)) : [witPath];
  for (const file of files) {
    const m = PACKAGE_HEADER.exec(readFileSync(file, 'utf8'));
    if (m !== null) return m[1];
  }
  return undefined;
}

/**
 * The packages an installed package's WIT keeps in its `deps/` (a contract packed by witbus
 * carries wasmbus there): found too, after every installed package's own, as wit-parser would
 * find them beside the package that needs them.
 */
function depsOf(npm: string, witDir: string): Installed[] {
  const deps = join(witDir, 'deps');
  if (!isDir(deps)) return [];
  return readdirSync(deps)
    .sort()
    .map((entry) => join(deps, entry))
    .filter((path) => isDir(path) || path.endsWith('.wit'))
    .flatMap((path) => {
      const wit = declaredPackage(path);
      return wit === undefined ? [] : [{ npm, wit, dir: path, declared: false }];
    });
}

function packagesIn(nodeModules: string): { found: Installed[]; deps: Installed[] } {
  const found: Installed[] = [];
  const deps: Installed[] = [];
  const consider = (npm: string, dir: string): void => {
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) return;
    let field: unknown;
    try {
      field = (JSON.parse(readFileSync(manifest, 'utf8')) as { witbus?: unknown }).witbus;
    } catch {
      return;
    }
    const declaredWit = typeof field === 'object' && field !== null ? (field as { wit?: unknown }).wit : undefined;
    const witDir = join(dir, typeof declaredWit === 'string' ? declaredWit : 'wit');
    if (!isDir(witDir)) return;
    const wit = declaredPackage(witDir);
    if (wit !== undefined) found.push({ npm, wit, dir: witDir, declared: typeof declaredWit === 'string' });
    deps.push(...depsOf(npm, witDir));
  };
  for (const { npm, dir } of installedPackages(nodeModules)) consider(npm, dir);
  return { found, deps };
}

/** The packages installed in one `node_modules` folder, scoped ones included, by npm name: sorted. */
export function installedPackages(nodeModules: string): { npm: string; dir: string }[] {
  const packages: { npm: string; dir: string }[] = [];
  for (const entry of readdirSync(nodeModules).sort()) {
    if (entry.startsWith('.')) continue;
    const path = join(nodeModules, entry);
    if (entry.startsWith('@')) {
      if (!isDir(path)) continue;
      for (const sub of readdirSync(path).sort()) packages.push({ npm: `${entry}/${sub}`, dir: join(path, sub) });
    } else packages.push({ npm: entry, dir: path });
  }
  return packages;
}

/** The `node_modules` folders Node would search from `fromDir`, nearest first. */
export function nodeModulesDirs(fromDir: string): string[] {
  const dirs: string[] = [];
  for (let dir = resolve(fromDir); ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules');
    if (isDir(candidate)) dirs.push(candidate);
    if (dirname(dir) === dir) return dirs;
  }
}

export function nodeModulesSource(fromDir: string): PackageSource {
  const dirs = nodeModulesDirs(fromDir);
  let installed: Installed[] | undefined;
  // Nearest node_modules first, and within one, packages that declare "witbus" first, then the
  // deps/ the installed packages carry.
  const all = (): Installed[] =>
    (installed ??= dirs.flatMap((d) => {
      const { found, deps } = packagesIn(d);
      return [...found.filter((p) => p.declared), ...found.filter((p) => !p.declared), ...deps];
    }));
  return {
    find: (name) => all().find((p) => p.wit === name)?.dir,
    explainMiss(name) {
      const where = dirs.length === 0 ? `no node_modules folder above ${fromDir}` : `looked in ${dirs.join(', ')}`;
      const lines = [`witbus ${where} (turn this off with --no-node-modules)`];
      const bare = (n: string): string => n.replace(/@.*$/, '');
      const near = closest(
        bare(name),
        all().map((p) => bare(p.wit)),
      );
      for (const p of all().filter((q) => bare(q.wit) === near)) {
        lines.push(`the installed npm package ${p.npm} provides ${p.wit}`);
      }
      return lines.join('\n');
    },
  };
}
