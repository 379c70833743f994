/** The type mapping: jco TypeScript types and the types that cannot cross a wire. */
import { describe, expect, it } from 'vitest';
import { MAPPING_ROWS, jsonShape, optionUsesNull, tsType, wireProblems } from '../../src/typemap/index.ts';
import { emitCodec } from '../../src/codec/emit.ts';
import { typeId, witResolve } from './harness.ts';

const WIT = `
package test:typemap;

interface t {
  resource blob;
  record point { x-pos: s32, label: option<string> }
  variant shape { circle(point), empty }
  enum color { red, dark-green }
  flags perms { read-only, write }
  type nested = option<option<u8>>;
  type triple = option<option<option<u8>>>;
  type bytes = list<u8>;
  type wides = list<u64>;
  type byte = u8;
  type aliased-bytes = list<byte>;
  type points = list<point>;
  type res = result<_, string>;
  type m = map<string, list<f32, 2>>;
  record holder { b: own<blob>, s: stream<u8>, f: future<string> }
  type ec = list<error-context>;
}
`;

const resolve = witResolve(WIT);
const id = (name: string) => typeId(resolve, 't', name);

describe('jco TypeScript types', () => {
  it.each([
    ['point', '{ xPos: number; label: string | undefined }'],
    ['shape', "{ tag: 'circle'; val: { xPos: number; label: string | undefined } } | { tag: 'empty' }"],
    ['color', "'red' | 'dark-green'"],
    ['perms', '{ readOnly?: boolean; write?: boolean }'],
    ['nested', "{ tag: 'none' } | { tag: 'some'; val: number | undefined }"],
    ['triple', "({ tag: 'none' } | { tag: 'some'; val: number | undefined }) | undefined"],
    ['bytes', 'Uint8Array'],
    ['wides', 'BigUint64Array'],
    ['aliased-bytes', 'Uint8Array'],
    ['points', 'Array<{ xPos: number; label: string | undefined }>'],
    ['res', "{ tag: 'ok'; val?: undefined } | { tag: 'err'; val: string }"],
    ['m', 'Map<string, Array<number>>'],
  ])('%s', (name, ts) => {
    expect(tsType(resolve, id(name))).toBe(ts);
  });

  it('follows jco as_nullable for nested options', () => {
    const inner = (name: string) => {
      const k = resolve.types[id(name) as number]!.kind;
      if (k.kind !== 'option') throw new Error('not an option');
      return k.type;
    };
    // option<u8> is `u8 | undefined`; option<option<u8>> cannot use undefined for its outer
    // none; option<option<option<u8>>> can again (jco's as_nullable).
    expect(optionUsesNull(resolve, 'u8')).toBe(true);
    expect(optionUsesNull(resolve, inner('nested'))).toBe(false);
    expect(optionUsesNull(resolve, inner('triple'))).toBe(true);
  });
});

describe('wire problems', () => {
  it('reports resources, handles, streams, futures and error-context', () => {
    expect(wireProblems(resolve, id('point'))).toEqual([]);
    expect(wireProblems(resolve, id('holder')).map((p) => p.reason).sort()).toEqual(['future', 'handle', 'stream']);
    expect(wireProblems(resolve, id('ec')).map((p) => p.reason)).toEqual(['error-context']);
    const out = emitCodec({ resolve, roots: [id('point'), id('holder')], runtimeImport: './runtime.ts' });
    expect(out.source).toBe('');
    expect(out.problems.map((p) => [p.root, p.reason])).toEqual([
      [1, 'handle'],
      [1, 'stream'],
      [1, 'future'],
    ]);
  });
});

describe('mapping rows', () => {
  it('describe every WIT type form once', () => {
    const wits = MAPPING_ROWS.map((r) => r.wit);
    expect(new Set(wits).size).toBe(wits.length);
    for (const form of ['bool', 'record', 'variant', 'enum', 'flags', 'option<T>', 'result<T, E>', 'list<u8>', 'map<K, V>']) {
      expect(wits).toContain(form);
    }
    for (const row of MAPPING_ROWS) expect(row.ts && row.json).toBeTruthy();
  });
});

describe('JSON shapes', () => {
  it('describe the wire form under codec options', () => {
    expect(jsonShape(resolve, id('point'))).toBe('{"x_pos": s32, "label": string | null}');
    expect(jsonShape(resolve, id('shape'))).toBe('{"Circle": {"x_pos": s32, "label": string | null}} | "Empty"');
    expect(jsonShape(resolve, id('shape'), { enumRepr: { kind: 'adjacent', tag: 't', content: 'c' }, caseRename: 'lowercase' })).toBe(
      '{"t": "circle", "c": {"x_pos": s32, "label": string | null}} | {"t": "empty"}',
    );
    expect(jsonShape(resolve, id('perms'))).toBe('string ("READ_ONLY | WRITE" subset)');
    expect(jsonShape(resolve, id('bytes'), { bytes: 'base64' })).toBe('string (base64)');
    expect(jsonShape(resolve, id('res'))).toBe('{"Ok": null} | {"Err": string}');
  });
});
