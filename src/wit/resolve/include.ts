/**
 * `include` of one world in another, as wit-parser's `Remap::process_world_includes`: the included
 * world's named items are copied in (renamed by `with { a as b }`), its interface imports and
 * exports are shared, and names must stay unique even ignoring case.
 */
import { worldKeyString, type PackageId, type Stability, type WorldEntry, type WorldItem } from '../model.ts';
import type { Span } from '../syntax/ast.ts';
import { WitError } from '../diagnostic.ts';
import type { ResolveBuilder } from './builder.ts';
import { Cloner } from './clone.ts';
import { UnlocatedWitError } from './errors.ts';
import type { IncludeRename, WorldInclude } from './unresolved.ts';

/** The new name of `original` under `rename`, also for `[method]a.b`-style function names. */
function rename(original: string, r: IncludeRename): string | null {
  if (original === r.name) return r.as;
  const close = original.indexOf(']');
  if (close === -1) return null;
  const kind = original.slice(0, close);
  const rest = original.slice(close + 1);
  const dot = rest.indexOf('.');
  if (dot !== -1 && rest.slice(0, dot) === r.name) return `${kind}]${r.as}.${rest.slice(dot + 1)}`;
  if (rest === r.name) return `${kind}]${r.as}`;
  return null;
}

function stabilityEqual(a: Stability, b: Stability): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A semver version as Rust's `{:?}` prints it (pre-release and build only when present). */
function versionDebug(v: string): string {
  const m = /^(\d+)\.(\d+)\.(\d+)(?:-([^+]*))?(?:\+(.*))?$/.exec(v);
  if (m === null) return v;
  const pre = m[4] === undefined ? '' : `, pre: Prerelease("${m[4]}")`;
  const build = m[5] === undefined ? '' : `, build: BuildMetadata("${m[5]}")`;
  return `Version { major: ${m[1]}, minor: ${m[2]}, patch: ${m[3]}${pre}${build} }`;
}

/** A stability as wit-parser's `{:?}` prints it in its mismatch error. */
function stabilityDebug(s: Stability): string {
  const deprecated = (d: string | undefined) => (d === undefined ? 'None' : `Some(${versionDebug(d)})`);
  switch (s.kind) {
    case 'unknown':
      return 'Unknown';
    case 'stable':
      return `Stable { since: ${versionDebug(s.since)}, deprecated: ${deprecated(s.deprecated)} }`;
    case 'unstable':
      return `Unstable { feature: "${s.feature}", deprecated: ${deprecated(s.deprecated)} }`;
  }
}

/** An interface included twice keeps one stability: a known one wins, two different ones clash. */
function mergeStability(from: Stability, into: Stability, external: boolean, span: Span): Stability {
  if (external && from.kind === 'stable') return { kind: 'unknown' };
  if (stabilityEqual(from, into) || from.kind === 'unknown') return into;
  if (into.kind === 'unknown') return from;
  throw new WitError(span, `mismatch in stability from '${stabilityDebug(from)}' to '${stabilityDebug(into)}'`);
}

function includeOne(
  builder: ResolveBuilder,
  worldId: number,
  pkg: PackageId,
  includedId: number,
  names: IncludeRename[],
  span: Span,
): void {
  const resolve = builder.resolve;
  const world = resolve.worlds[worldId]!;
  const included = resolve.worlds[includedId]!;
  const external = world.package !== included.package;

  const unused = names.filter((n) =>
    [...included.imports.values(), ...included.exports.values()].every(
      (e) => e.key.kind !== 'name' || rename(e.key.name, n) === null,
    ),
  );
  if (unused.length > 0) {
    throw new WitError(
      span,
      `no import or export kebab-name \`${unused[0]!.name}\`. Note that an ID does not support renaming`,
    );
  }

  const cloner = new Cloner(
    resolve,
    { kind: 'world', id: includedId },
    { kind: 'world', id: worldId },
    pkg,
    builder.spans,
  );
  const copy = (entries: Map<string, WorldEntry>, dst: Map<string, WorldEntry>, desc: string) => {
    for (const { key, item } of [...entries.values()]) {
      if (key.kind === 'interface') {
        // Interfaces are shared, not copied; only their stability is merged.
        if (item.kind !== 'interface') throw new Error('an interface key always holds an interface');
        const k = worldKeyString(key);
        const into = dst.get(k)?.item ?? item;
        if (into.kind !== 'interface') throw new Error('an interface key always holds an interface');
        const stability = mergeStability(item.stability, into.stability, external, span);
        dst.set(k, { key, item: { ...into, stability } });
        continue;
      }
      const name = names.map((n) => rename(key.name, n)).find((n) => n !== null) ?? key.name;
      let newItem: WorldItem;
      switch (item.kind) {
        case 'type': {
          const id = cloner.typeId(item.id);
          resolve.types[id]!.name = name;
          newItem = { kind: 'type', id };
          break;
        }
        case 'function':
          newItem = { kind: 'function', func: { ...cloner.func(item.func), name } };
          break;
        case 'interface':
          newItem = { ...item, id: cloner.interface(item.id) };
          break;
      }
      if (dst.has(name)) {
        throw new WitError(span, `${desc} of \`${name}\` shadows previously ${desc}ed items`);
      }
      dst.set(name, { key: { kind: 'name', name }, item: newItem });
    }
  };
  copy(included.imports, world.imports, 'import');
  copy(included.exports, world.exports, 'export');
}

function checkCaseInsensitiveNames(world: { name: string; imports: Map<string, WorldEntry>; exports: Map<string, WorldEntry> }): void {
  for (const [entries, desc] of [
    [world.imports, 'import'],
    [world.exports, 'export'],
  ] as const) {
    const seen = new Map<string, string>();
    for (const { key } of entries.values()) {
      if (key.kind !== 'name') continue;
      const lower = key.name.toLowerCase();
      const existing = seen.get(lower);
      if (existing !== undefined && existing !== key.name) {
        throw new UnlocatedWitError(
          `${desc} \`${key.name}\` in world \`${world.name}\` conflicts with ${desc} \`${existing}\` (kebab-case identifiers are case-insensitive)`,
        );
      }
      seen.set(lower, key.name);
    }
  }
}

export function processWorldIncludes(
  builder: ResolveBuilder,
  worldId: number,
  pkg: PackageId,
  includes: WorldInclude[],
  mapWorld: (id: number, span: Span) => number,
): void {
  for (const inc of includes) {
    if (!builder.includeStability(inc.stability, pkg, inc.span)) continue;
    includeOne(builder, worldId, pkg, mapWorld(inc.world, inc.span), inc.names, inc.span);
  }
  checkCaseInsensitiveNames(builder.resolve.worlds[worldId]!);
}
