/**
 * The `Resolve` under construction plus what wit-parser keeps beside it: the package-name index,
 * the feature selection that decides which `@unstable` items exist, and where items were written.
 */
import { packageNameString, type PackageId, type PackageName, type Resolve, type Stability } from '../model.ts';
import type { Span } from '../syntax/ast.ts';
import { WitError } from '../diagnostic.ts';
import { UnlocatedWitError } from './errors.ts';
import { compareVersions } from './semver.ts';
import { emptyModelSpans, type ModelSpans } from './spans.ts';

export interface FeatureOptions {
  /** Features whose `@unstable` items are kept. */
  features?: string[];
  /** Keep every `@unstable` item. */
  allFeatures?: boolean;
}

export class ResolveBuilder {
  readonly resolve: Resolve = { worlds: [], interfaces: [], types: [], packages: [] };
  /** `packageNameString` to id, in insertion order. */
  readonly packageNames = new Map<string, PackageId>();
  readonly spans: ModelSpans = emptyModelSpans();
  private readonly features: ReadonlySet<string>;
  private readonly allFeatures: boolean;

  constructor(options: FeatureOptions = {}) {
    this.features = new Set(options.features ?? []);
    this.allFeatures = options.allFeatures ?? false;
  }

  /**
   * Whether an item with `stability` in package `pkg` exists under the feature selection
   * (wit-parser's `include_stability`). `@since` must not be newer than the package.
   */
  includeStability(stability: Stability, pkg: PackageId, span: Span | null): boolean {
    switch (stability.kind) {
      case 'unknown':
        return true;
      case 'unstable':
        return this.allFeatures || this.features.has(stability.feature);
      case 'stable': {
        const name = this.resolve.packages[pkg]!.name;
        const shown = packageNameString(name);
        if (name.version === undefined) {
          throw located(
            span,
            `package [${shown}] contains a feature gate with a version specifier, so it must have a version`,
          );
        }
        if (compareVersions(stability.since, name.version) > 0) {
          throw located(
            span,
            `feature gate cannot reference unreleased version ${stability.since} of package [${shown}] (current version ${name.version})`,
          );
        }
        return true;
      }
    }
  }
}

export function located(span: Span | null, message: string): WitError {
  return span === null ? new UnlocatedWitError(message) : new WitError(span, message);
}

/** wit-parser's `Ord for PackageName`: namespace, then name, then version (none first). */
export function comparePackageNames(a: PackageName, b: PackageName): number {
  if (a.namespace !== b.namespace) return a.namespace < b.namespace ? -1 : 1;
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  if (a.version === undefined || b.version === undefined) {
    return (a.version === undefined ? 0 : 1) - (b.version === undefined ? 0 : 1);
  }
  return compareVersions(a.version, b.version);
}
