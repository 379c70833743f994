/** Hostile payloads: every failure is a CodecError, nothing pollutes prototypes, nothing hangs. */
import { beforeAll, describe, expect, it } from 'vitest';
import { codecs, type Codec } from './harness.ts';

const WIT = `
package test:hostile;

interface t {
  record item { name: string, tags: map<string, u32> }
  type nested = list<list<list<u8>>>;
  type witified = list<tuple<string, u32>>;
  type str = string;
}
`;

let c: Record<string, Codec>;
let w: Record<string, Codec>;

beforeAll(async () => {
  c = await codecs(WIT, ['t.item', 't.nested', 't.str']);
  w = await codecs(WIT, ['t.witified'], { witifiedMaps: true });
});

function failure(codec: Codec, input: string | Uint8Array): Error {
  try {
    codec.decode(input);
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a failure');
}

describe('hostile input', () => {
  it('never builds objects from input keys', () => {
    const v = c['t.item']!.decode('{"__proto__":{"polluted":1},"name":"x","constructor":1,"tags":{"__proto__":5,"constructor":6}}') as {
      tags: Map<string, number>;
    };
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(v.tags.get('__proto__')).toBe(5);
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    const m = w['t.witified']!.decode('{"__proto__":1,"a":2}');
    expect(m).toEqual([
      ['__proto__', 1],
      ['a', 2],
    ]);
  });

  it('stops at serde_json recursion limit (128)', async () => {
    const chain = Array.from({ length: 140 }, (_, k) => `  type l${k + 1} = list<l${k}>;`).join('\n');
    const deepWit = `package test:deep;\n\ninterface t {\n  type l0 = list<u8>;\n${chain}\n}\n`;
    const { 't.l140': deepCodec } = await codecs(deepWit, ['t.l140']);
    expect(failure(deepCodec!, '['.repeat(200)).message).toBe('recursion limit exceeded at line 1 column 128');
    expect(() => deepCodec!.decode(`${'['.repeat(127)}${']'.repeat(127)}`)).not.toThrow();
    expect(failure(deepCodec!, `${'['.repeat(128)}${']'.repeat(128)}`).message).toBe(
      'recursion limit exceeded at line 1 column 128',
    );
    const deep = '['.repeat(200) + ']'.repeat(200);
    const nested = failure(c['t.nested']!, deep);
    // Only three levels are typed; the fourth `[` is a type error, not a depth error.
    expect(nested.message).toBe('invalid type: sequence, expected u8 at line 1 column 3');
    const unknown = `{"deep":${'['.repeat(100_000)}`;
    expect(failure(c['t.item']!, unknown).message).toBe('EOF while parsing a list at line 1 column 100008');
  });

  it('rejects invalid UTF-8 and truncated input with CodecErrors', () => {
    const bad = new Uint8Array([34, 0xed, 0xa0, 0x80, 34]);
    expect(failure(c['t.str']!, bad).message).toBe('invalid unicode code point at line 1 column 5');
    const overlong = new Uint8Array([34, 0xc0, 0xaf, 34]);
    expect(failure(c['t.str']!, overlong).name).toBe('CodecError');
    const doc = '{"name":"n","tags":{"a":1}}';
    for (let k = 0; k < doc.length; k++) expect(failure(c['t.item']!, doc.slice(0, k)).name).toBe('CodecError');
  });

  it('handles huge numbers without hanging', () => {
    const long = `{"name":"n","tags":{"a":1${'0'.repeat(100_000)}}}`;
    expect(failure(c['t.item']!, long).message).toMatch(/^invalid type: floating point `1e100000`|^number out of range/);
    const tiny = `{"name":"n","tags":{"a":0.${'0'.repeat(100_000)}1}}`;
    expect(failure(c['t.item']!, tiny).message).toBe('invalid type: floating point `0.0`, expected u32 at line 1 column 100027');
  });

  it('ignores unknown keys with invalid UTF-8 values like ignore_str', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('{"x":"'), 0xff, ...new TextEncoder().encode('","name":"n","tags":{}}')]);
    expect(c['t.item']!.decode(bytes)).toEqual({ name: 'n', tags: new Map() });
  });
});
