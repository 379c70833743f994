import { describe, expect, it } from 'vitest';
import { amountOf, parseI32, queryValue } from '../../examples/kvcounter/query.ts';
import { utf8ByHand } from '../../examples/kvcounter/utf8.ts';

describe('kvcounter query parsing (form_urlencoded + str::parse::<i32>)', () => {
  it('finds the first value by decoded name', () => {
    expect(queryValue('a=1&amount=2&amount=3', 'amount')).toBe('2');
    expect(queryValue('am%6Funt=7', 'amount')).toBe('7');
    expect(queryValue('amount', 'amount')).toBe('');
    expect(queryValue('x=1&&y', 'amount')).toBeUndefined();
    expect(queryValue('amount=a+b%zz', 'amount')).toBe('a b%zz');
  });

  it('parses i32 like Rust: optional sign, digits only, in range', () => {
    expect(parseI32('+7')).toBe(7);
    expect(parseI32('-2147483648')).toBe(-2147483648);
    expect(parseI32('2147483647')).toBe(2147483647);
    expect(parseI32('2147483648')).toBeUndefined();
    expect(parseI32(' 7')).toBeUndefined();
    expect(parseI32('7 ')).toBeUndefined();
    expect(parseI32('0x10')).toBeUndefined();
    expect(parseI32('')).toBeUndefined();
    expect(parseI32('-')).toBeUndefined();
  });

  it('falls back to 1', () => {
    expect(amountOf('')).toBe(1);
    expect(amountOf('amount=+5')).toBe(1);
    expect(amountOf('amount=%2B5')).toBe(5);
  });
});

describe('kvcounter utf8 for engines without TextEncoder', () => {
  it('encodes like TextEncoder, astral planes included', () => {
    for (const s of ['', 'counter', 'é', '€', '😀', '{"error":"Other(\\"ü\\")"}']) {
      expect([...utf8ByHand(s)]).toEqual([...new TextEncoder().encode(s)]);
    }
  });
});
