/**
 * `@external-id("...")`: a free-form identifier the outside world knows an item by (the component
 * model's 🏷️ `external-id`, in wit-parser since 0.253). It may annotate interface items, resource
 * functions, world imports/exports, world types and `use`s; interface and world declarations and
 * `include`s reject it. The other attributes are gates, read by `resolveStability`.
 */
import { WitError } from '../diagnostic.ts';
import type { Attribute } from '../syntax/ast.ts';

export function resolveExternalId(attrs: Attribute[]): string | undefined {
  let found: Extract<Attribute, { kind: 'external-id' }> | undefined;
  for (const a of attrs) {
    if (a.kind !== 'external-id') continue;
    if (found !== undefined) throw new WitError(a.span, '@external-id may only be given once');
    found = a;
  }
  return found?.value;
}

/** Throws for an `@external-id` on an item that cannot carry one (`what`: "include statements"). */
export function rejectExternalId(attrs: Attribute[], what: string): void {
  const a = attrs.find((x) => x.kind === 'external-id');
  if (a !== undefined) throw new WitError(a.span, `@external-id is not allowed on ${what}`);
}

/** `{ externalId }` when there is one, to spread into a model object. */
export function externalIdField(externalId: string | undefined): { externalId?: string } {
  return externalId === undefined ? {} : { externalId };
}
