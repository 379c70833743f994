/** Float text: the writer's fast paths must print exactly what the zmij-layout formatter prints. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Writer, formatF32, formatF64 } from '../../src/codec/runtime.ts';

function written(x: number): string {
  const w = new Writer(8);
  w.f64(x);
  return new TextDecoder().decode(w.take());
}

describe('f64 writing', () => {
  it.each([
    [1.25, '1.25'],
    [-0.5, '-0.5'],
    [1234.5, '1234.5'],
    [0.07, '0.07'],
    [100, '100.0'],
    [-0, '-0.0'],
    [1.005, '1.005'],
    [4294967296.5, '4294967296.5'],
    [9999999999999.99, '9999999999999.99'],
  ])('%s', (x, text) => {
    expect(written(x)).toBe(text);
  });

  it('agrees with the zmij-layout formatter on whole, cent and arbitrary values', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: -1e12, max: 1e12 }).map((n) => n / 100),
          fc.integer({ min: -1e9, max: 1e9 }).map((n) => n * 1.25),
          fc.double({ noNaN: true, noDefaultInfinity: true }),
        ),
        (x) => written(x) === formatF64(x),
      ),
      { numRuns: 20000 },
    );
  });
});

describe('f32 writing', () => {
  it('round-trips through f32 in at most 9 significant digits', () => {
    fc.assert(
      fc.property(fc.float({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const text = formatF32(x);
        const digits = text.replace(/^-/, '').replace(/e.*$/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
        return Math.fround(Number(text)) === x && (x === 0 || digits.length <= 9);
      }),
      { numRuns: 20000 },
    );
  });
});
