/**
 * Migration of a 2022-dialect package to modern WIT: its interfaces, plus the worlds of the
 * seed's modules (worlds.ts), resolved like any modern package and printed canonically, so the
 * output is exactly what `wasm-tools component wit` would print for it.
 */
import type { SourceMap } from '../diagnostic.ts';
import { spanLocation } from '../diagnostic.ts';
import { ResolveBuilder } from '../resolve/builder.ts';
import { pushPackageGroups, resolvePackageGroup } from '../resolve/group.ts';
import { printWit } from '../print/index.ts';
import { parseDialect2022, type Dialect2022Options } from './index.ts';
import { withSeedWorlds } from './worlds.ts';

export interface MigratedPackage {
  /** `namespace:name[@version]` of the package. */
  packageName: string;
  /** The package's bare name, e.g. `seed`: the natural file name for `text`. */
  name: string;
  /** The package as canonical modern WIT. */
  text: string;
}

/**
 * Migrates the package made of every file of `sources` (its `Span.file` indexes). Throws a
 * `WitError` pointing into `sources` for invalid input.
 */
export function migrateDialect2022(sources: SourceMap, options: Dialect2022Options = {}): MigratedPackage {
  const files = sources.files.map((f, file) => ({ file, name: f.path, text: f.text }));
  const ast = withSeedWorlds(parseDialect2022(files, options));
  const builder = new ResolveBuilder();
  const { main: id } = pushPackageGroups(builder, [resolvePackageGroup([ast])], (span) => {
    const { path, line, col } = spanLocation(span, sources);
    return `${path}:${line}:${col}`;
  });
  const pkg = builder.resolve.packages[id]!;
  const version = pkg.name.version === undefined ? '' : `@${pkg.name.version}`;
  return {
    packageName: `${pkg.name.namespace}:${pkg.name.name}${version}`,
    name: pkg.name.name,
    text: printWit(builder.resolve, id),
  };
}
