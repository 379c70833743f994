/**
 * Byte-exact vectors. Error texts and positions are serde_json's own test expectations
 * (serde-rs/json tests/test.rs: test_parse_string, test_parse_list, test_parse_object,
 * test_parse_struct, test_parse_enum_errors, test_parse_number_errors, test_multiline_errors,
 * map integer keys, test_write_f64/f32), transposed to the Rust types wit-bindgen generates.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { codecFor, codecs, witResolve, type Codec } from './harness.ts';

const WIT = `
package test:vectors;

interface t {
  record inner { b: u64, c: list<string> }
  record outer { inner: list<inner> }
  record cat-info { age: u64, name: string }
  variant animal { dog, frog(tuple<string, list<s64>>), cat(cat-info), ant-hive(list<string>) }
  record foo { x: option<s64> }
  type floats = list<f64>;
  type smap = map<string, u32>;
  type imap = map<s32, bool>;
  type ssmap = map<string, string>;
  enum color { red, dark-green }
  flags perms { read, write, exec }
  record kw { %type: string, self: u8, query-string: string }
  type header-map = list<tuple<string, string>>;
  record http-request {
    method: string,
    path: string,
    query-string: string,
    header: header-map,
    body: list<u8>,
  }
  type res = result<u32, string>;
  type unit-res = result;
  type opt-list = list<option<string>>;
  type byte = u8;
  type aliased-bytes = list<byte>;
}
`;

let c: Record<string, Codec>;
let prim: Record<string, Codec>;

beforeAll(async () => {
  c = await codecs(WIT, [
    't.outer',
    't.animal',
    't.foo',
    't.floats',
    't.smap',
    't.imap',
    't.ssmap',
    't.color',
    't.perms',
    't.kw',
    't.http-request',
    't.res',
    't.unit-res',
    't.opt-list',
    't.aliased-bytes',
  ]);
  const resolve = witResolve(WIT);
  prim = {};
  for (const p of ['string', 'f64', 'f32', 'u64', 's64', 'u8', 's32', 'char', 'bool'] as const) {
    prim[p] = await codecFor(resolve, p);
  }
});

describe('strings (test_parse_string)', () => {
  it.each([
    ['"', 'EOF while parsing a string at line 1 column 1'],
    ['"lol', 'EOF while parsing a string at line 1 column 4'],
    ['"lol"a', 'trailing characters at line 1 column 6'],
    ['"\\uD83C\\uFFFF"', 'lone leading surrogate in hex escape at line 1 column 13'],
    ['"\n"', 'control character (\\u0000-\\u001F) found while parsing a string at line 2 column 0'],
    ['"\x1F"', 'control character (\\u0000-\\u001F) found while parsing a string at line 1 column 2'],
  ])('%j', (input, message) => {
    expect(prim.string!.decodeError(input)).toBe(message);
  });

  it.each([
    [[34, 159, 146, 150, 34], 'invalid unicode code point at line 1 column 5'],
    [[34, 92, 110, 159, 146, 150, 34], 'invalid unicode code point at line 1 column 7'],
    [[34, 92, 117, 48, 48, 51], 'EOF while parsing a string at line 1 column 6'],
    [[34, 92, 117, 250, 48, 51, 48, 34], 'invalid escape at line 1 column 7'],
    [[34, 92, 117, 48, 48, 51, 250, 34], 'invalid escape at line 1 column 7'],
  ])('bytes %j', (bytes, message) => {
    expect(prim.string!.decodeError(new Uint8Array(bytes))).toBe(message);
  });

  it.each([
    ['""', ''],
    ['"foo"', 'foo'],
    [' "foo" ', 'foo'],
    ['"\\""', '"'],
    ['"\\b"', '\b'],
    ['"\\u12ab"', '\u12ab'],
    ['"\\uD83C\\uDF95"', '\u{1F395}'],
    ['"caf\u00e9 \u{1F600}"', 'caf\u00e9 \u{1F600}'],
  ])('decodes %j', (input, value) => {
    expect(prim.string!.decode(input)).toBe(value);
  });

  it('writes minimal escapes like format_escaped_str', () => {
    expect(prim.string!.encode('a"\\\n\t\u0001\u001f\u007f\u00e9/')).toBe('"a\\"\\\\\\n\\t\\u0001\\u001f\u007f\u00e9/"');
    expect(prim.string!.encode('\u{1F600}')).toBe('"\u{1F600}"');
  });
});

describe('numbers (test_parse_number_errors, test_parse_f64)', () => {
  it.each([
    ['+', 'expected value at line 1 column 1'],
    ['.', 'expected value at line 1 column 1'],
    ['-', 'EOF while parsing a value at line 1 column 1'],
    ['00', 'invalid number at line 1 column 2'],
    ['0x80', 'trailing characters at line 1 column 2'],
    ['1.', 'EOF while parsing a value at line 1 column 2'],
    ['1.a', 'invalid number at line 1 column 3'],
    ['1.e1', 'invalid number at line 1 column 3'],
    ['1e', 'EOF while parsing a value at line 1 column 2'],
    ['1e+', 'EOF while parsing a value at line 1 column 3'],
    ['1a', 'trailing characters at line 1 column 2'],
    ['100e777777777777777777777777777', 'number out of range at line 1 column 14'],
    ['-100e777777777777777777777777777', 'number out of range at line 1 column 15'],
    [`1${'0'.repeat(309)}`, 'number out of range at line 1 column 310'],
    [`1${'0'.repeat(303)}.0e8`, 'number out of range at line 1 column 308'],
  ])('f64 %j', (input, message) => {
    expect(prim.f64!.decodeError(input)).toBe(message);
  });

  it.each([
    ['3.00', 3],
    ['0.4e5', 0.4e5],
    ['0.4e-01', 0.04],
    ['3.5E-2147483647', 0],
    ['0.0100000000000000000001', 0.01],
    ['100e-777777777777777777777777777', 0],
    ['0e1000000000000000000000000000000000000000000000', 0],
    [`1${'0'.repeat(308)}`, 1e308],
    [`1${'0'.repeat(300)}.0e8`, 1e308],
    ['-0', -0],
    ['18446744073709551616', 18446744073709551616],
    // Bug-compatible with serde_json's default float parser: a 17-digit significand is rounded
    // to f64 and then multiplied by 1e28, so this reads one ULP below the nearest double.
    ['2.0157781544882786e44', 2.0157781544882782e44],
    ['7', 7],
  ])('f64 decodes %j', (input, value) => {
    expect(prim.f64!.decode(input)).toBe(value);
  });

  it('keeps 64-bit integers exact and range-checks them', () => {
    expect(prim.u64!.decode('18446744073709551615')).toBe(18446744073709551615n);
    expect(prim.s64!.decode('-9223372036854775808')).toBe(-9223372036854775808n);
    expect(prim.u64!.decodeError('-1')).toBe('invalid value: integer `-1`, expected u64 at line 1 column 2');
    expect(prim.s64!.decodeError('9223372036854775808')).toBe(
      'invalid value: integer `9223372036854775808`, expected i64 at line 1 column 19',
    );
    expect(prim.u64!.decodeError('18446744073709551616')).toBe(
      'invalid type: floating point `1.8446744073709552e+19`, expected u64 at line 1 column 20',
    );
    expect(prim.u64!.encode(18446744073709551615n)).toBe('18446744073709551615');
    expect(prim.s64!.encode(-9223372036854775808n)).toBe('-9223372036854775808');
  });

  it('is strict about integers (serde primitive visitors)', () => {
    expect(prim.u8!.decodeError('1.0')).toBe('invalid type: floating point `1.0`, expected u8 at line 1 column 3');
    expect(prim.u8!.decodeError('256')).toBe('invalid value: integer `256`, expected u8 at line 1 column 3');
    expect(prim.s32!.decodeError('"1"')).toBe('invalid type: string "1", expected i32 at line 1 column 3');
    expect(prim.u8!.decodeError('null')).toBe('invalid type: null, expected u8 at line 1 column 4');
    expect(prim.u8!.decodeError('[1]')).toBe('invalid type: sequence, expected u8 at line 1 column 0');
    expect(prim.u8!.decode(' 255 ')).toBe(255);
  });

  it.each([
    [3, '3.0'],
    [3.1, '3.1'],
    [-1.5, '-1.5'],
    [0.5, '0.5'],
    [-Number.MAX_VALUE, '-1.7976931348623157e+308'],
    [Number.MAX_VALUE, '1.7976931348623157e+308'],
    [Number.EPSILON, '2.220446049250313e-16'],
    [1e16, '1e+16'],
    [1e15, '1000000000000000.0'],
    [0.0001, '0.0001'],
    [0.00001, '0.00001'],
    [0.000001, '1e-6'],
    [-0, '-0.0'],
    [NaN, 'null'],
    [Infinity, 'null'],
  ])('f64 writes %s as %s (test_write_f64, zmij)', (value, text) => {
    expect(prim.f64!.encode(value)).toBe(text);
  });

  it.each([
    [3, '3.0'],
    [3.1, '3.1'],
    [-3.4028234663852886e38, '-3.4028235e+38'],
    [1.1920928955078125e-7, '1.1920929e-7'],
    [0.1, '0.1'],
    [1e13, '1e+13'],
    [7.038531e-26, '7.038531e-26'],
  ])('f32 writes %s as %s (test_write_f32, zmij)', (value, text) => {
    expect(prim.f32!.encode(value)).toBe(text);
  });
});

describe('lists and maps (test_parse_list, test_parse_object)', () => {
  it.each([
    ['[', 'EOF while parsing a list at line 1 column 1'],
    ['[ ', 'EOF while parsing a list at line 1 column 2'],
    ['[1', 'EOF while parsing a list at line 1 column 2'],
    ['[1,', 'EOF while parsing a value at line 1 column 3'],
    ['[1,]', 'trailing comma at line 1 column 4'],
    ['[1 2]', 'expected `,` or `]` at line 1 column 4'],
    ['[]a', 'trailing characters at line 1 column 3'],
  ])('list %j', (input, message) => {
    expect(c['t.floats']!.decodeError(input)).toBe(message);
  });

  it.each([
    ['{', 'EOF while parsing an object at line 1 column 1'],
    ['{ ', 'EOF while parsing an object at line 1 column 2'],
    ['{1', 'key must be a string at line 1 column 2'],
    ['{ "a"', 'EOF while parsing an object at line 1 column 5'],
    ['{"a"', 'EOF while parsing an object at line 1 column 4'],
    ['{"a" ', 'EOF while parsing an object at line 1 column 5'],
    ['{"a" 1', 'expected `:` at line 1 column 6'],
    ['{"a":', 'EOF while parsing a value at line 1 column 5'],
    ['{"a":1', 'EOF while parsing an object at line 1 column 6'],
    ['{"a":1 1', 'expected `,` or `}` at line 1 column 8'],
    ['{"a":1,', 'EOF while parsing a value at line 1 column 7'],
    ['{}a', 'trailing characters at line 1 column 3'],
  ])('map %j', (input, message) => {
    expect(c['t.smap']!.decodeError(input)).toBe(message);
  });

  it('reads and writes maps with sorted keys', () => {
    expect(c['t.smap']!.decode(' { "b" : 4 , "a" : 3 } ')).toEqual(new Map([['b', 4], ['a', 3]]));
    expect(c['t.smap']!.encode(new Map([['b', 4], ['a', 3]]))).toBe('{"a":3,"b":4}');
    expect(c['t.smap']!.encode({ b: 4, a: 3 })).toBe('{"a":3,"b":4}');
    expect(() => c['t.imap']!.encode({ 1: true })).toThrow('expected a Map, got object');
    expect(c['t.imap']!.encode(new Map([[1, true], [-1, false]]))).toBe('{"-1":false,"1":true}');
    expect(c['t.imap']!.decode('{"-1":false,"1":true}')).toEqual(new Map([[-1, false], [1, true]]));
  });

  it('rejects non-numeric integer keys like MapKey', () => {
    expect(c['t.imap']!.decodeError('{"x":true}')).toBe(
      'invalid value: expected key to be a number in quotes at line 1 column 2',
    );
    expect(c['t.imap']!.decodeError('{" 123":true}')).toBe(
      'invalid value: expected key to be a number in quotes at line 1 column 2',
    );
    expect(c['t.imap']!.decodeError('{"123 ":true}')).toBe('expected `"` at line 1 column 6');
  });

  it('counts lines and columns (test_multiline_errors)', () => {
    expect(c['t.ssmap']!.decodeError('{\n  "foo":\n "bar"')).toBe('EOF while parsing an object at line 3 column 6');
  });
});

describe('records (test_parse_struct, test_missing_option_field)', () => {
  it.each([
    ['5', 'invalid type: integer `5`, expected struct Outer at line 1 column 1'],
    ['"hello"', 'invalid type: string "hello", expected struct Outer at line 1 column 7'],
    ['{"inner": true}', 'invalid type: boolean `true`, expected a sequence at line 1 column 14'],
    ['{}', 'missing field `inner` at line 1 column 2'],
    ['{"inner": [{"c": []}]}', 'missing field `b` at line 1 column 20'],
    ['[]', 'invalid length 0, expected struct Outer with 1 element at line 1 column 2'],
    ['{"inner":[],"inner":[]}', 'duplicate field `inner` at line 1 column 19'],
  ])('%j', (input, message) => {
    expect(c['t.outer']!.decodeError(input)).toBe(message);
  });

  it('accepts the positional form and ignores unknown keys', () => {
    const v = { inner: [{ b: 2n, c: ['abc', 'xyz'] }] };
    expect(c['t.outer']!.decode('[[[2, ["abc", "xyz"]]]]')).toEqual(v);
    expect(c['t.outer']!.decode('{"zzz": {"deep": [1, {"x": null}]}, "inner": [{"c": ["abc","xyz"], "b": 2}]}')).toEqual(v);
    expect(c['t.outer']!.encode(v)).toBe('{"inner":[{"b":2,"c":["abc","xyz"]}]}');
  });

  it('treats absent option fields as none', () => {
    expect(c['t.foo']!.decode('{}')).toEqual({ x: undefined });
    expect(c['t.foo']!.decode('{"x": 5}')).toEqual({ x: 5n });
    expect(c['t.foo']!.encode({ x: undefined })).toBe('{"x":null}');
    expect(c['t.foo']!.encode({ x: null })).toBe('{"x":null}');
  });

  it('uses wit-bindgen field names (snake_case, keyword_)', () => {
    expect(c['t.kw']!.encode({ type: 'a', self: 1, queryString: 'q' })).toBe('{"type_":"a","self_":1,"query_string":"q"}');
  });

  it('writes the seed http-request byte-exact', () => {
    const req = { method: 'GET', path: '/a', queryString: 'x=1', header: [['accept', '*/*']], body: new Uint8Array([0, 9, 10, 255]) };
    const json = '{"method":"GET","path":"/a","query_string":"x=1","header":[["accept","*/*"]],"body":[0,9,10,255]}';
    expect(c['t.http-request']!.encode(req)).toBe(json);
    expect(c['t.http-request']!.decode(json)).toEqual(req);
  });

  it('reports a JSON path', () => {
    let err: unknown;
    try {
      c['t.http-request']!.decode('{"method":"GET","path":"/","query_string":"","header":[["a",1]],"body":[]}');
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ name: 'CodecError', path: 'header[0].1' });
    expect((err as Error).message).toBe('invalid type: integer `1`, expected a string at line 1 column 61');
  });
});

describe('variants, enums, results (test_parse_enum_errors)', () => {
  it.each([
    ['{}', 'expected value at line 1 column 2'],
    ['[]', 'expected value at line 1 column 1'],
    ['"unknown"', 'unknown variant `unknown`, expected one of `Dog`, `Frog`, `Cat`, `AntHive` at line 1 column 9'],
    ['{"unknown":null}', 'unknown variant `unknown`, expected one of `Dog`, `Frog`, `Cat`, `AntHive` at line 1 column 10'],
    ['{"Dog":', 'EOF while parsing a value at line 1 column 7'],
    ['{"Dog":}', 'expected value at line 1 column 8'],
    ['{"Dog":{}}', 'invalid type: map, expected unit at line 1 column 7'],
    ['"Frog"', 'invalid type: unit variant, expected newtype variant'],
    ['"Frog" 0 ', 'invalid type: unit variant, expected newtype variant'],
    ['{"Cat":{"age": 2, "name": "Kate",}}', 'trailing comma at line 1 column 34'],
  ])('%j', (input, message) => {
    expect(c['t.animal']!.decodeError(input)).toBe(message);
  });

  it('reads both unit forms and writes the externally tagged form', () => {
    expect(c['t.animal']!.decode('"Dog"')).toEqual({ tag: 'dog' });
    expect(c['t.animal']!.decode(' { "Dog" : null } ')).toEqual({ tag: 'dog' });
    expect(c['t.animal']!.decode(' { "Cat" : { "age" : 5 , "name" : "Kate" } } ')).toEqual({
      tag: 'cat',
      val: { age: 5n, name: 'Kate' },
    });
    expect(c['t.animal']!.encode({ tag: 'dog' })).toBe('"Dog"');
    expect(c['t.animal']!.encode({ tag: 'ant-hive', val: ['Bob'] })).toBe('{"AntHive":["Bob"]}');
    expect(c['t.animal']!.encode({ tag: 'frog', val: ['Henry', new BigInt64Array([349n, -102n])] })).toBe(
      '{"Frog":["Henry",[349,-102]]}',
    );
  });

  it('handles enums, results and flags', () => {
    expect(c['t.color']!.encode('dark-green')).toBe('"DarkGreen"');
    expect(c['t.color']!.decode('{"Red":null}')).toBe('red');
    expect(c['t.color']!.decodeError('"red"')).toBe('unknown variant `red`, expected `Red` or `DarkGreen` at line 1 column 5');
    expect(c['t.res']!.encode({ tag: 'err', val: 'x' })).toBe('{"Err":"x"}');
    expect(c['t.res']!.decode('{"Ok":7}')).toEqual({ tag: 'ok', val: 7 });
    expect(c['t.unit-res']!.encode({ tag: 'ok' })).toBe('{"Ok":null}');
    expect(c['t.unit-res']!.decodeError('"Ok"')).toBe('invalid type: unit variant, expected newtype variant');
    expect(c['t.perms']!.encode({ read: true, exec: true })).toBe('"READ | EXEC"');
    expect(c['t.perms']!.encode({})).toBe('""');
    expect(c['t.perms']!.decode('" WRITE|READ "')).toEqual({ read: true, write: true, exec: false });
    expect(c['t.perms']!.decode('"0x4"')).toEqual({ read: false, write: false, exec: true });
    expect(c['t.perms']!.decodeError('"READ | NOPE"')).toBe('unrecognized named flag at line 1 column 13');
    expect(c['t.perms']!.decodeError('"READ ||"')).toBe('encountered empty flag at line 1 column 9');
  });

  it('treats lists of aliased numbers like jco (typed arrays)', () => {
    expect(c['t.aliased-bytes']!.decode('[1,2]')).toEqual(new Uint8Array([1, 2]));
    expect(c['t.aliased-bytes']!.encode(new Uint8Array([255]))).toBe('[255]');
  });

  it('writes options inside lists as null', () => {
    expect(c['t.opt-list']!.encode(['a', undefined, null])).toBe('["a",null,null]');
    expect(c['t.opt-list']!.decode('["a",null]')).toEqual(['a', undefined]);
  });
});

describe('encode errors', () => {
  it('reports wrong JS values with a path', () => {
    let err: unknown;
    try {
      c['t.outer']!.encode({ inner: [{ b: 1n, c: ['x', 5] }] });
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ name: 'CodecError', path: 'inner[0].c[1]', message: 'expected string, got number 5' });
    expect(() => prim.u8!.encode(256)).toThrow('expected u8, got number 256');
    expect(() => prim.char!.encode('ab')).toThrow('expected char');
  });
});
