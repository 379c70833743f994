/**
 * Deep WIT that wit-parser accepts resolves without exhausting the stack: wit-parser limits only
 * the nesting of one type expression (100, `MAX_TYPE_DEPTH` in crates/wit-parser/src/ast.rs) and of
 * nested packages; chains of named types and of `use`s are unbounded (its resolver recurses on a
 * native stack).
 */
import { describe, expect, it } from 'vitest';
import { WitLoadError } from '../../../src/wit/load.ts';
import type { Resolve, Type } from '../../../src/wit/model.ts';
import { loadMemoryWit } from '../../helpers/memory-wit.ts';
import { thrown } from '../../helpers/thrown.ts';

const DEPTH = 10_000;

/** How many `list<...>` layers `type` is, through aliases, and what is inside them. */
function listLayers(resolve: Resolve, type: Type): { layers: number; inner: Type } {
  let layers = 0;
  let t = type;
  while (typeof t === 'number') {
    const k = resolve.types[t]!.kind;
    if (k.kind === 'list') layers++;
    else if (k.kind !== 'type') break;
    t = k.type;
  }
  return { layers, inner: t };
}

function apiFunction(resolve: Resolve, name: string) {
  const api = resolve.interfaces.find((i) => i.name === 'api')!;
  return api.functions.get(name)!;
}

describe('deep WIT', () => {
  it(`resolves a chain of ${DEPTH} list aliases, in either declaration order`, () => {
    const chain = Array.from({ length: DEPTH }, (_, i) => `  type l${i + 1} = list<l${i}>;`);
    for (const body of [chain, [...chain].reverse()]) {
      const text = [
        'package test:deep;',
        'interface api {',
        '  type l0 = u32;',
        ...body,
        `  get: func(x: l${DEPTH}) -> l${DEPTH};`,
        '}',
      ];
      const { resolve } = loadMemoryWit({ 'api.wit': text.join('\n') });
      const get = apiFunction(resolve, 'get');
      expect(listLayers(resolve, get.params[0]!.type)).toEqual({ layers: DEPTH, inner: 'u32' });
      expect(listLayers(resolve, get.result!)).toEqual({ layers: DEPTH, inner: 'u32' });
    }
  });

  it('still finds a borrow at the bottom of a deep chain in a result', () => {
    const chain = Array.from({ length: DEPTH }, (_, i) => `  type o${i + 1} = option<o${i}>;`);
    const text = [
      'package test:deep;',
      'interface api {',
      '  resource r;',
      '  type o0 = borrow<r>;',
      ...chain,
      `  get: func() -> o${DEPTH};`,
      '}',
    ];
    const e = thrown(() => loadMemoryWit({ 'api.wit': text.join('\n') }));
    expect(e).toBeInstanceOf(WitLoadError);
    expect((e as WitLoadError).message).toContain('function `get` returns a type which contains a `borrow<T>`');
  });

  it(`elaborates a world over a chain of ${DEPTH} interfaces that each use the previous one`, () => {
    const chain = Array.from({ length: DEPTH }, (_, i) => `interface i${i + 1} { use i${i}.{t}; }`);
    for (const direction of ['import', 'export']) {
      const text = [
        'package test:deep;',
        'interface i0 { type t = u32; }',
        ...chain,
        `interface api { use i${DEPTH}.{t}; get: func(x: t) -> t; }`,
        `world w { ${direction} api; }`,
      ];
      const { resolve } = loadMemoryWit({ 'api.wit': text.join('\n') });
      const world = resolve.worlds[0]!;
      // Every dependency is imported before what uses it: i0 first, then the chain in order.
      const imported = [...world.imports.values()].map(
        (e) => e.item.kind === 'interface' && resolve.interfaces[e.item.id]!.name,
      );
      const expected = Array.from({ length: DEPTH + 1 }, (_, i) => `i${i}`);
      expect(imported).toEqual(direction === 'import' ? [...expected, 'api'] : expected);
      const exported = [...world.exports.values()].map(
        (e) => e.item.kind === 'interface' && resolve.interfaces[e.item.id]!.name,
      );
      expect(exported).toEqual(direction === 'export' ? ['api'] : []);
    }
  });

  it('refuses inline nesting past 100 types where wit-parser does, with the usual rendering', () => {
    const nested = (n: number) =>
      `package test:deep;\ninterface api {\n  get: func(x: ${'list<'.repeat(n)}u32${'>'.repeat(n)});\n}\n`;
    const { resolve } = loadMemoryWit({ 'api.wit': nested(99) });
    expect(listLayers(resolve, apiFunction(resolve, 'get').params[0]!.type)).toEqual({ layers: 99, inner: 'u32' });
    const e = thrown(() => loadMemoryWit({ 'api.wit': nested(DEPTH) }, '/api.wit'));
    expect(e).toBeInstanceOf(WitLoadError);
    // `  get: func(x: ` is 15 columns; the 101st `list` (depth 100) starts 100 × 5 columns later.
    const lines = (e as WitLoadError).render().split('\n');
    expect(lines[0]).toBe('type nesting too deep');
    expect(lines[1]).toBe(`     --> /api.wit:3:${16 + 100 * 5}`);
  });
});
