/**
 * Float text as serde_json 1.0.150 writes it: zmij (dtolnay/zmij lib.rs `write`), which picks
 * ryu's shortest digits but writes a positive exponent with its sign. Plain notation is used while
 * the scientific exponent lies in FIXED_DEC_EXP: −5..=15 for f64, −6..=12 for f32. Expected texts
 * are zmij's own test vectors (tests/test.rs) and values placed by hand on both sides of each
 * switch point; serde_json's error texts format the float the same way (error.rs JsonUnexpected).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { codecFor, witResolve, type Codec } from './harness.ts';

let f64: Codec;
let f32: Codec;
let u8: Codec;

beforeAll(async () => {
  const resolve = witResolve('package test:zmij;\n\ninterface t {\n  type unused = u8;\n}\n');
  f64 = await codecFor(resolve, 'f64');
  f32 = await codecFor(resolve, 'f32');
  u8 = await codecFor(resolve, 'u8');
});

describe('f64 text (zmij)', () => {
  it.each([
    // zmij tests/test.rs dtoa_test
    [6.62607015e-34, '6.62607015e-34'],
    [5.444310685350916e14, '544431068535091.6'],
    [5e-324, '5e-324'],
    [1.2e-322, '1.2e-322'],
    [2.2250738585072004e-308, '2.2250738585072004e-308'],
    [-4.932096661796888e-226, '-4.932096661796888e-226'],
    [3.439070283483335e35, '3.439070283483335e+35'],
    [6.079537928711555e61, '6.079537928711555e+61'],
    [-5942736479622170, '-5942736479622170.0'],
    [43210.1, '43210.1'],
    // serde_json 1.0.150 tests/test.rs test_write_f64
    [Number.MAX_VALUE, '1.7976931348623157e+308'],
    [-Number.MAX_VALUE, '-1.7976931348623157e+308'],
    // dec_exp 15 is the last plain exponent, 16 the first scientific one
    [1e15, '1000000000000000.0'],
    [9007199254740992, '9007199254740992.0'],
    [1e16, '1e+16'],
    [1.5e16, '1.5e+16'],
    [-1.5e300, '-1.5e+300'],
    // dec_exp −5 is the last plain exponent, −6 the first scientific one
    [1e-5, '0.00001'],
    [1.25e-5, '0.0000125'],
    [1e-6, '1e-6'],
    [1e-7, '1e-7'],
    [-1.5e-7, '-1.5e-7'],
  ])('%s is %s', (value, text) => {
    expect(f64.encode(value)).toBe(text);
  });
});

describe('f32 text (zmij)', () => {
  it.each([
    // zmij tests/test.rs ftoa_test
    [Math.fround(6.62607e-34), '6.62607e-34'],
    [Math.fround(1.342178e8), '134217800.0'],
    [Math.fround(1.3421781e8), '134217810.0'],
    [Math.fround(43210.1), '43210.1'],
    [1.401298464324817e-45, '1e-45'],
    // f32::MAX
    [3.4028234663852886e38, '3.4028235e+38'],
    // dec_exp 12 is the last plain exponent, 13 the first scientific one
    [1e12, '1000000000000.0'],
    [1e13, '1e+13'],
    // dec_exp −6 is the last plain exponent, −7 the first scientific one
    [Math.fround(1e-6), '0.000001'],
    [Math.fround(1e-7), '1e-7'],
  ])('%s is %s', (value, text) => {
    expect(f32.encode(value)).toBe(text);
  });
});

describe('floats in error texts', () => {
  it.each([
    ['1e23', 'invalid type: floating point `1e+23`, expected u8 at line 1 column 4'],
    ['-15e299', 'invalid type: floating point `-1.5e+300`, expected u8 at line 1 column 7'],
    ['0.0000001', 'invalid type: floating point `1e-7`, expected u8 at line 1 column 9'],
    ['1000000000000000.0', 'invalid type: floating point `1000000000000000.0`, expected u8 at line 1 column 18'],
  ])('%s', (input, message) => {
    expect(u8.decodeError(input)).toBe(message);
  });
});
