/**
 * Dependency ordering of named items, as wit-parser's `ast/toposort.rs`: nodes come out in
 * dependency order and, among nodes that are ready at the same time, in their original order.
 * Missing dependencies and cycles are reported at the referencing `Id`, with wit-parser's messages
 * (`type \`a\` depends on itself`, `interface or world \`x\` does not exist`).
 */
import { WitError } from '../diagnostic.ts';
import type { Id } from './ast.ts';

/** A min-heap of node indexes: the ready node that came first in the input is taken first. */
class IndexHeap {
  private readonly items: number[] = [];

  push(value: number): void {
    const items = this.items;
    items.push(value);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (items[parent]! <= value) break;
      items[i] = items[parent]!;
      i = parent;
    }
    items[i] = value;
  }

  pop(): number | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= items.length) break;
      const right = left + 1;
      const child = right < items.length && items[right]! < items[left]! ? right : left;
      if (items[child]! >= last) break;
      items[i] = items[child]!;
      i = child;
    }
    items[i] = last;
    return top;
  }
}

/**
 * Orders the keys of `deps` (name → the names it refers to, in source order) so that every name
 * follows its dependencies. `kind` names the items in errors, e.g. `type` or `interface or world`.
 * Throws `WitError` for a reference to a name not in `deps` or for a cycle.
 */
export function toposort(kind: string, deps: ReadonlyMap<string, readonly Id[]>): string[] {
  const names = [...deps.keys()];
  const indexOf = new Map(names.map((name, i) => [name, i]));
  const remaining = names.map((name) => deps.get(name)!.length);
  const reverseDeps: number[][] = names.map(() => []);
  names.forEach((name, i) => {
    for (const edge of deps.get(name)!) {
      const j = indexOf.get(edge.name);
      if (j === undefined) throw new WitError(edge.span, `${kind} \`${edge.name}\` does not exist`);
      reverseDeps[j]!.push(i);
    }
  });

  const order: string[] = [];
  const heap = new IndexHeap();
  remaining.forEach((count, i) => {
    if (count === 0) heap.push(i);
  });
  for (let i = heap.pop(); i !== undefined; i = heap.pop()) {
    order.push(names[i]!);
    for (const dependent of reverseDeps[i]!) {
      remaining[dependent]!--;
      if (remaining[dependent] === 0) heap.push(dependent);
    }
    reverseDeps[i] = [];
  }
  if (order.length === names.length) return order;

  // Some node still waits on another: report the first such edge that is part of a cycle.
  for (let i = 0; i < names.length; i++) {
    if (remaining[i] === 0) continue;
    for (const edge of deps.get(names[i]!)!) {
      if (remaining[indexOf.get(edge.name)!] === 0) continue;
      throw new WitError(edge.span, `${kind} \`${edge.name}\` depends on itself`);
    }
  }
  throw new Error('toposort: unsorted nodes without a cycle');
}
