/**
 * A resolved WIT package as a self-contained folder: the package as `<name>.wit` and every
 * package it needs as `deps/<ns>-<name>@<version>.wit`, so that tools reading only that folder
 * (wit-parser, componentize-js, witbus's node_modules resolution) find everything.
 */
import { depFile } from '../gen/layout.ts';
import { packageClosure } from '../gen/package-deps.ts';
import type { OutputFile } from '../service/output.ts';
import type { PackageId, Resolve } from '../wit/model.ts';
import { printWit } from '../wit/print/index.ts';

export function witFolder(resolve: Resolve, pkg: PackageId): OutputFile[] {
  const deps = packageClosure(resolve, [pkg]).filter((p) => p !== pkg);
  return [
    { path: `${resolve.packages[pkg]!.name.name}.wit`, content: printWit(resolve, pkg) },
    ...deps.map((p) => ({ path: depFile(resolve, p), content: printWit(resolve, p) })),
  ];
}
