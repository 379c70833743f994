/**
 * The codec runtime's side of integer-correct adapters, in Node: the writers re-wrap the forms the
 * engines hand integers over in (adapter-ints.test.ts shows the engines doing it), and the
 * lowerings leave values alone outside a component and pick each engine's form inside one.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { lowerS64, lowerU32, lowerU64, setIntLowering, Writer } from '../../src/codec/runtime.ts';

function written(write: (w: Writer) => void): string {
  const w = new Writer(64);
  write(w);
  return new TextDecoder().decode(w.buf.slice(0, w.len));
}

describe('the integer writers', () => {
  it('re-wrap what an engine hands over in another exact form', () => {
    // QuickJS: a u32 of 2^31 or more as its int32 reading, a u64 of 2^64-2^31 or more likewise.
    expect(written((w) => w.u32(-1))).toBe('4294967295');
    expect(written((w) => w.u32(-(2 ** 31)))).toBe('2147483648');
    expect(written((w) => w.u64(-1))).toBe('18446744073709551615');
    expect(written((w) => w.u64(-(2 ** 31)))).toBe(`${2n ** 64n - 2n ** 31n}`);
    // StarlingMonkey: a negative s64 as its u64 reading.
    expect(written((w) => w.s64(2n ** 64n - 1n))).toBe('-1');
    expect(written((w) => w.s64(2n ** 63n))).toBe(`${-(2n ** 63n)}`);
  });

  it('still refuse what no engine form explains, and a number that may be rounded', () => {
    expect(() => written((w) => w.u32(-(2 ** 31) - 1))).toThrow('expected u32, got number -2147483649');
    expect(() => written((w) => w.u32(-0.5))).toThrow('expected u32');
    expect(() => written((w) => w.u64(-(2 ** 31) - 1))).toThrow('expected u64');
    expect(() => written((w) => w.s64(2n ** 64n))).toThrow('expected s64');
    expect(() => written((w) => w.u64(2 ** 53))).toThrow(
      'u64 9007199254740992 is beyond 2^53 - 1 in a number: this engine carries 64-bit integers as numbers',
    );
    expect(written((w) => w.u64(2 ** 53 - 1))).toBe('9007199254740991');
  });
});

describe('the lowerings', () => {
  afterEach(() => setIntLowering('exact'));

  it('leave every value as it is in Node, where no engine is in between', () => {
    expect(lowerU32(2 ** 32 - 1, true)).toBe(2 ** 32 - 1);
    expect(lowerU64(2n ** 64n - 1n)).toBe(2n ** 64n - 1n);
    expect(lowerS64(-(2n ** 63n), true)).toBe(-(2n ** 63n));
  });

  it('give QuickJS the int32 bit pattern of a u32 and numbers for 64-bit integers, within 2^53-1', () => {
    setIntLowering('quickjs');
    expect(lowerU32(2 ** 31, true)).toBe(-(2 ** 31));
    expect(lowerU32(2 ** 32 - 1, false)).toBe(-1);
    expect(lowerU32(2 ** 31 - 1, true)).toBe(2 ** 31 - 1);
    expect(lowerU64(2n ** 53n - 1n)).toBe(2 ** 53 - 1);
    expect(lowerS64(-(2n ** 53n) + 1n, true)).toBe(-(2 ** 53) + 1);
    expect(() => lowerU64(2n ** 53n)).toThrow('u64 9007199254740992 cannot be handed over');
    expect(() => lowerS64(-(2n ** 53n), false)).toThrow('exact only up to 2^53 - 1');
  });

  it('refuse on StarlingMonkey only the flat values it corrupts', () => {
    setIntLowering('starlingmonkey');
    expect(() => lowerU32(2 ** 31, true)).toThrow('StarlingMonkey corrupts a u32 of 2^31 or more');
    expect(lowerU32(2 ** 31, false)).toBe(2 ** 31);
    expect(lowerU32(2 ** 31 - 1, true)).toBe(2 ** 31 - 1);
    expect(() => lowerS64(-1n, true)).toThrow('StarlingMonkey traps on a negative s64');
    expect(lowerS64(-1n, false)).toBe(-1n);
    expect(lowerU64(2n ** 64n - 1n)).toBe(2n ** 64n - 1n);
  });
});
