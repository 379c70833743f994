/**
 * Flags as bitflags 2.13 reads and writes them through serde (src/external/serde.rs): the text
 * of `parser::to_writer` / `parser::from_str`, whose bit type is wit-bindgen's repr (u8 up to
 * 8 flags, u16 up to 16, u32 up to 32). Expected values are bitflags' own tests
 * (src/tests/parser.rs: TestFlags { A = 1, B = 2, C = 4 } over u8) and hand-computed bits.
 * wit-bindgen leaves bitflags' `std` feature off, so parse errors name no flag.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { codecs, type Codec } from './harness.ts';
import { FLAGS_UNKNOWN_BITS } from '../../src/codec/runtime.ts';

const nine = Array.from({ length: 9 }, (_, k) => `f${k}`);
const seventeen = Array.from({ length: 17 }, (_, k) => `f${k}`);

let abc: Codec;
let u16: Codec;
let u32: Codec;
/** By type name, for tables built before the codecs exist. */
let byName: Record<string, Codec>;

beforeAll(async () => {
  const c = await codecs(
    `package test:bitflags;

interface t {
  flags test-flags { a, b, c }
  flags nine { ${nine.join(', ')} }
  flags seventeen { ${seventeen.join(', ')} }
}
`,
    ['t.test-flags', 't.nine', 't.seventeen'],
  );
  abc = c['t.test-flags']!;
  u16 = c['t.nine']!;
  u32 = c['t.seventeen']!;
  byName = { abc, u16, u32 };
});

const none = { a: false, b: false, c: false };

describe('parser::to_writer', () => {
  it.each([
    [none, '""'],
    [{ a: true, b: false, c: false }, '"A"'],
    [{ a: true, b: true, c: true }, '"A | B | C"'],
    [{ ...none, [FLAGS_UNKNOWN_BITS]: 8n }, '"0x8"'],
    [{ a: true, b: false, c: false, [FLAGS_UNKNOWN_BITS]: 8n }, '"A | 0x8"'],
    [{ a: true, b: true, c: true, [FLAGS_UNKNOWN_BITS]: 0xf8n }, '"A | B | C | 0xf8"'],
    [{ ...none, [FLAGS_UNKNOWN_BITS]: 0n }, '""'],
  ])('%o is %s', (value, json) => {
    expect(abc.encode(value)).toBe(json);
  });

  it('writes unknown bits of wider reprs as one lowercase hex number', () => {
    expect(u16.encode({ f0: true, [FLAGS_UNKNOWN_BITS]: 0xfe00n })).toBe('"F0 | 0xfe00"');
    expect(u32.encode({ f16: true, [FLAGS_UNKNOWN_BITS]: 0x80000000n })).toBe('"F16 | 0x80000000"');
  });

  it('rejects unknown bits a named flag covers or the repr cannot hold', () => {
    expect(() => abc.encode({ ...none, [FLAGS_UNKNOWN_BITS]: 1n })).toThrow('expected unknown flag bits within bits 3..7, got bigint 1');
    expect(() => abc.encode({ ...none, [FLAGS_UNKNOWN_BITS]: 0x100n })).toThrow('within bits 3..7');
    expect(() => u16.encode({ [FLAGS_UNKNOWN_BITS]: 0x10000n })).toThrow('within bits 9..15');
    expect(() => abc.encode({ ...none, [FLAGS_UNKNOWN_BITS]: 'x' })).toThrow('got string "x"');
  });
});

describe('parser::from_str', () => {
  it.each([
    ['""', 0],
    ['"A"', 1],
    ['" A "', 1],
    ['"A | B | C"', 7],
    ['"A\\n|\\tB\\r\\n|   C "', 7],
    ['"A|B|C"', 7],
    ['"0x8"', 8],
    ['"A | 0x8"', 9],
    ['"0x1 | 0x8 | B"', 11],
    ['"0x+8"', 8],
    ['"0x00000000000000000000f"', 15],
    ['"0xff"', 255],
    // Rust's trim strips Unicode White_Space: NEL and NBSP, not U+FEFF
    ['"\\u0085A\\u00a0|\\u3000B"', 3],
  ])('%s has bits %i', (json, bits) => {
    const value = abc.decode(json) as Record<string | symbol, unknown>;
    expect({ a: value.a, b: value.b, c: value.c }).toEqual({ a: (bits & 1) !== 0, b: (bits & 2) !== 0, c: (bits & 4) !== 0 });
    const unknown = bits & ~7;
    if (unknown === 0) expect(Object.getOwnPropertySymbols(value)).toEqual([]);
    else expect(value[FLAGS_UNKNOWN_BITS]).toBe(BigInt(unknown));
    // Unknown bits survive a round trip, as from_bits_retain keeps them.
    expect(abc.decode(abc.encode(value))).toEqual(value);
  });

  it('keeps unknown bits up to the repr width', () => {
    expect((u16.decode('"0x8000"') as Record<symbol, unknown>)[FLAGS_UNKNOWN_BITS]).toBe(0x8000n);
    expect((u32.decode('"F3 | 0xffff0000"') as Record<symbol, unknown>)[FLAGS_UNKNOWN_BITS]).toBe(0xfffe0000n);
    expect(u32.decode('"F3 | 0xffff0000"')).toMatchObject({ f3: true, f16: true, f15: false });
  });

  it.each([
    ['abc', '"a"', 'unrecognized named flag at line 1 column 3'],
    ['abc', '"A & B"', 'unrecognized named flag at line 1 column 7'],
    ['abc', '"\\ufeffA"', 'unrecognized named flag at line 1 column 9'],
    ['abc', '"0xg"', 'invalid hex flag at line 1 column 5'],
    ['abc', '"0x"', 'invalid hex flag at line 1 column 4'],
    ['abc', '"0x-1"', 'invalid hex flag at line 1 column 6'],
    ['abc', '"0xffffffffffff"', 'invalid hex flag at line 1 column 16'],
    ['abc', '"0x100"', 'invalid hex flag at line 1 column 7'],
    ['u16', '"0x10000"', 'invalid hex flag at line 1 column 9'],
    ['u32', '"0x100000000"', 'invalid hex flag at line 1 column 13'],
    ['abc', '"A ||"', 'encountered empty flag at line 1 column 6'],
    ['abc', '"|"', 'encountered empty flag at line 1 column 3'],
    ['abc', '7', 'invalid type: integer `7`, expected a string value of `|` separated flags at line 1 column 1'],
  ])('%s %s', (codec, json, message) => {
    expect(byName[codec]!.decodeError(json)).toBe(message);
  });
});
