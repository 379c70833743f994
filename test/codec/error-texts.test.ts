/**
 * Error texts that quote input or depend on where input ends, checked against the Rust sources
 * that produce them:
 * - core's `impl Debug for str` escapes each char with `escape_debug_ext` (grapheme extenders
 *   everywhere in the string, plus what `is_printable` rejects: Cc Cf Cs Co Cn Zl Zp, and Zs
 *   but the space), as serde's `Unexpected::Str` (`string {:?}`) shows it;
 * - serde's `unknown_variant` writes the variant with Display (`unknown variant \`{}\``), raw;
 * - serde_json 1.0.150's `VariantAccess::variant_seed` reads the key of `{"Case": ..}` as a
 *   map key: EOF there is `EOF while parsing an object`, a non-string key `key must be a string`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { codecs, type Codec } from './harness.ts';
import { rustDebugStr } from '../../src/codec/runtime.ts';

describe("Rust's {:?} of a str", () => {
  it.each([
    ['plain ascii', '"plain ascii"'],
    ['say "hi"\\', '"say \\"hi\\"\\\\"'],
    ["it's", '"it\'s"'],
    ['\0\t\r\n', '"\\0\\t\\r\\n"'],
    ['\x1b\x7f\u0085', '"\\u{1b}\\u{7f}\\u{85}"'],
    // U+0301 is printable (Mn) but a grapheme extender, escaped even after its base character
    ['e\u0301', '"e\\u{301}"'],
    ['\u0301e', '"\\u{301}e"'],
    // U+FF9E is a letter modifier (Lm) with Grapheme_Extend
    ['\uff9e', '"\\u{ff9e}"'],
    // Zs other than the space, Cf, Zl, Zp, Co, Cn
    ['a\u00a0b\u3000c', '"a\\u{a0}b\\u{3000}c"'],
    ['\u200b\u200d\ufeff', '"\\u{200b}\\u{200d}\\u{feff}"'],
    ['\u2028\u2029', '"\\u{2028}\\u{2029}"'],
    ['\ue000\u{10fffd}', '"\\u{e000}\\u{10fffd}"'],
    ['\u0378', '"\\u{378}"'],
    // printable beyond ASCII stays as it is
    ['café 😀 日本', '"café 😀 日本"'],
  ])('%j is %s', (s, debug) => {
    expect(rustDebugStr(s)).toBe(debug);
  });
});

let c: Record<string, Codec>;

beforeAll(async () => {
  c = await codecs(
    `package test:texts;

interface t {
  type ch = char;
  type small = u8;
  variant shape { circle(f64), empty }
  enum color { red, green }
  type res = result<u32, string>;
}
`,
    ['t.ch', 't.small', 't.shape', 't.color', 't.res'],
  );
});

describe('quoted input in error texts', () => {
  it('quotes strings with {:?} (serde Unexpected::Str)', () => {
    // `"e\u{301}"` is 5 bytes: the error sits after the closing quote.
    expect(c['t.ch']!.decodeError('"e\u0301"')).toBe('invalid value: string "e\\u{301}", expected a character at line 1 column 5');
    expect(c['t.small']!.decodeError('"\u00a0"')).toBe('invalid type: string "\\u{a0}", expected u8 at line 1 column 4');
  });

  it('writes unknown variants raw (serde unknown_variant uses Display)', () => {
    expect(c['t.color']!.decodeError('"e\u0301"')).toBe('unknown variant `e\u0301`, expected `Red` or `Green` at line 1 column 5');
  });
});

describe('externally tagged enums cut short or malformed (VariantAccess::variant_seed)', () => {
  it.each([
    ['t.shape', '{', 'EOF while parsing an object at line 1 column 1'],
    ['t.shape', '{ ', 'EOF while parsing an object at line 1 column 2'],
    ['t.color', '{', 'EOF while parsing an object at line 1 column 1'],
    ['t.res', '{', 'EOF while parsing an object at line 1 column 1'],
    ['t.shape', '{}', 'expected value at line 1 column 2'],
    ['t.shape', '{1:2}', 'key must be a string at line 1 column 2'],
    ['t.shape', '{[true]: null}', 'key must be a string at line 1 column 2'],
    ['t.shape', '{"Circle"', 'EOF while parsing an object at line 1 column 9'],
    ['t.shape', '{"Circle":', 'EOF while parsing a value at line 1 column 10'],
    ['t.shape', '{"Circle":1', 'EOF while parsing an object at line 1 column 11'],
    // deserialize_enum's end check uses `error`, not `peek_error`: the column of the comma itself
    ['t.shape', '{"Circle":1,', 'expected value at line 1 column 11'],
    ['t.shape', '"Circle', 'EOF while parsing a string at line 1 column 7'],
    ['t.shape', '', 'EOF while parsing a value at line 1 column 0'],
  ])('%s %j', (type, input, message) => {
    expect(c[type]!.decodeError(input)).toBe(message);
  });
});
