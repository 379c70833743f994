/** `@since` / `@unstable` / `@deprecated` attributes to a `Stability`, as wit-parser combines them. */
import type { Stability } from '../model.ts';
import type { Attribute } from '../syntax/ast.ts';
import { WitError } from '../diagnostic.ts';

/** Reads the gate attributes; an `@external-id` among them is not a gate (see external-id.ts). */
export function resolveStability(all: Attribute[]): Stability {
  const attrs = all.filter((attr) => attr.kind !== 'external-id');
  const [a, b] = attrs;
  if (a === undefined) return { kind: 'unknown' };
  if (b === undefined) {
    if (a.kind === 'since') return { kind: 'stable', since: a.version.text };
    if (a.kind === 'unstable') return { kind: 'unstable', feature: a.feature.name };
    throw new WitError(a.span, 'must pair @deprecated with either @since or @unstable');
  }
  if (attrs.length === 2) {
    const deprecated = a.kind === 'deprecated' ? a : b.kind === 'deprecated' ? b : undefined;
    const other = deprecated === a ? b : a;
    if (deprecated !== undefined && deprecated.kind === 'deprecated') {
      if (other.kind === 'since') {
        return { kind: 'stable', since: other.version.text, deprecated: deprecated.version.text };
      }
      if (other.kind === 'unstable') {
        return { kind: 'unstable', feature: other.feature.name, deprecated: deprecated.version.text };
      }
    }
  }
  throw new WitError(b.span, 'unsupported combination of attributes');
}
