/**
 * Packages from files, and their insertion into a `Resolve` in dependency order: wit-parser's
 * `UnresolvedPackageGroup` (a main package plus the `package a:b { ... }` blocks nested in its
 * files) and `Resolve::sort_unresolved_packages`.
 */
import { packageNameString, type PackageId } from '../model.ts';
import type { PackageFile, Span } from '../syntax/ast.ts';
import { WitError } from '../diagnostic.ts';
import { appendPackage } from './append.ts';
import { comparePackageNames, type ResolveBuilder } from './builder.ts';
import { UnlocatedWitError } from './errors.ts';
import { PackageResolver } from './package-resolver.ts';
import type { UnresolvedPackage } from './unresolved.ts';

export interface PackageGroup {
  main: UnresolvedPackage;
  nested: UnresolvedPackage[];
}

/**
 * Resolves the files of one package. `files` is consumed lazily so that a file's nested packages
 * are resolved before the next file is parsed, which decides which error is reported first.
 */
export function resolvePackageGroup(files: Iterable<PackageFile>): PackageGroup {
  const main = new PackageResolver();
  const nested: UnresolvedPackage[] = [];
  for (const file of files) {
    const items = [];
    for (const item of file.items) {
      if (item.kind === 'package') {
        const inner = new PackageResolver();
        inner.push(item.package);
        nested.push(inner.resolve());
      } else {
        items.push(item);
      }
    }
    main.push({ package: file.package, items });
  }
  return { main: main.resolve(), nested };
}

/**
 * Adds the packages of `groups` (the first is the main group) to `builder`, dependencies first,
 * and returns the id of the first group's main package. `locate` renders a span as `path:line:col`.
 */
export function pushPackageGroups(
  builder: ResolveBuilder,
  groups: PackageGroup[],
  locate: (span: Span) => string,
): { main: PackageId; nested: PackageId[] } {
  const byName = new Map<string, UnresolvedPackage>();
  for (const group of groups) {
    for (const pkg of [...group.nested, group.main]) {
      const key = packageNameString(pkg.name);
      const prev = byName.get(key);
      if (prev !== undefined) {
        throw new UnlocatedWitError(
          `package \`${key}\` is defined in two different locations:\n  * ${locate(pkg.nameSpan)}\n  * ${locate(prev.nameSpan)}`,
        );
      }
      byName.set(key, pkg);
    }
  }
  const sorted = [...byName.values()].sort((a, b) => comparePackageNames(a.name, b.name));

  const order: UnresolvedPackage[] = [];
  const placed = new Set<string>();
  const visiting = new Set<string>();
  const visit = (pkg: UnresolvedPackage): void => {
    const key = packageNameString(pkg.name);
    if (placed.has(key)) return;
    for (const [dep, { span }] of pkg.foreignDeps) {
      if (visiting.has(dep)) throw new WitError(span, `package \`${dep}\` creates a dependency cycle`);
      visiting.add(dep);
      const depPkg = byName.get(dep);
      if (depPkg !== undefined) visit(depPkg);
      visiting.delete(dep);
    }
    placed.add(key);
    order.push(pkg);
  };
  for (const pkg of sorted) visit(pkg);

  const mainKey = packageNameString(groups[0]!.main.name);
  const nestedKeys = new Set(groups[0]!.nested.map((p) => packageNameString(p.name)));
  let main: PackageId | null = null;
  const nested: PackageId[] = [];
  for (const pkg of order) {
    const id = appendPackage(builder, pkg);
    const key = packageNameString(pkg.name);
    if (key === mainKey) main = id;
    else if (nestedKeys.has(key)) nested.push(id);
  }
  return { main: main!, nested };
}
