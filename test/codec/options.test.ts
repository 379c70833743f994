/** Codec options mirror serde attributes: rename_all, enum representations, byte and map forms. */
import { describe, expect, it } from 'vitest';
import { codecs } from './harness.ts';

const WIT = `
package test:options;

interface t {
  record point { x-pos: s32, %type: string }
  variant shape { circle(point), empty }
  variant value { num(u32), text(string), empty }
  enum color { red, dark-green }
  record blob { data: list<u8>, headers: list<tuple<string, u32>> }
}
`;

describe('rename_all', () => {
  it('renames fields and cases through the Rust names', async () => {
    const c = await codecs(WIT, ['t.point', 't.color', 't.shape'], { fieldRename: 'camelCase', caseRename: 'SCREAMING-KEBAB-CASE' });
    expect(c['t.point']!.encode({ xPos: 1, type: 'a' })).toBe('{"xPos":1,"type":"a"}');
    expect(c['t.point']!.decode('{"xPos":1,"type":"a"}')).toEqual({ xPos: 1, type: 'a' });
    expect(c['t.color']!.encode('dark-green')).toBe('"DARK-GREEN"');
    expect(c['t.shape']!.decodeError('"Empty"')).toBe('unknown variant `Empty`, expected `CIRCLE` or `EMPTY` at line 1 column 7');
  });
});

describe('enum representations', () => {
  const circle = { tag: 'circle', val: { xPos: 2, type: 't' } };

  it('internally tagged: {"tag": "Case", ...fields}', async () => {
    const c = await codecs(WIT, ['t.shape', 't.color'], { enumRepr: { kind: 'internal', tag: 'kind' } });
    expect(c['t.shape']!.encode(circle)).toBe('{"kind":"Circle","x_pos":2,"type_":"t"}');
    expect(c['t.shape']!.encode({ tag: 'empty' })).toBe('{"kind":"Empty"}');
    expect(c['t.shape']!.decode('{"x_pos":2,"kind":"Circle","type_":"t"}')).toEqual(circle);
    expect(c['t.shape']!.decode('{"kind":"Empty"}')).toEqual({ tag: 'empty' });
    expect(c['t.color']!.encode('red')).toBe('{"kind":"Red"}');
    expect(c['t.shape']!.decodeError('{"x_pos":2}')).toBe('missing field `kind` at line 1 column 11');
    expect(c['t.shape']!.decodeError('{"kind":"Square"}')).toBe('unknown variant `Square`, expected `Circle` or `Empty` at line 1 column 16');
    expect(c['t.shape']!.decodeError('{"kind":"Empty","kind":"Empty"}')).toBe('duplicate field `kind` at line 1 column 22');
    // The payload of an internally tagged case is buffered by serde: no position.
    expect(c['t.shape']!.decodeError('{"kind":"Circle","x_pos":"2","type_":"t"}')).toBe(
      'invalid type: string "2", expected i32',
    );
    expect(c['t.shape']!.decodeError('"Circle"')).toBe('invalid type: string "Circle", expected internally tagged enum Shape at line 1 column 8');
  });

  it('adjacently tagged: {"t": "Case", "c": payload}', async () => {
    const c = await codecs(WIT, ['t.value'], { enumRepr: { kind: 'adjacent', tag: 't', content: 'c' } });
    expect(c['t.value']!.encode({ tag: 'num', val: 5 })).toBe('{"t":"Num","c":5}');
    expect(c['t.value']!.encode({ tag: 'empty' })).toBe('{"t":"Empty"}');
    expect(c['t.value']!.decode('{"c":"hi","t":"Text"}')).toEqual({ tag: 'text', val: 'hi' });
    expect(c['t.value']!.decode('{"t":"Empty"}')).toEqual({ tag: 'empty' });
    // Content after the tag is read in place (positioned); content before it is buffered.
    expect(c['t.value']!.decodeError('{"t":"Num","c":"x"}')).toBe('invalid type: string "x", expected u32 at line 1 column 18');
    expect(c['t.value']!.decodeError('{"c":"x","t":"Num"}')).toBe('invalid type: string "x", expected u32');
    expect(c['t.value']!.decodeError('{"t":"Num"}')).toBe('missing field `c` at line 1 column 11');
  });

  it('untagged: the payload alone, first matching case wins', async () => {
    const c = await codecs(WIT, ['t.value'], { enumRepr: { kind: 'untagged' } });
    expect(c['t.value']!.encode({ tag: 'text', val: 'hi' })).toBe('"hi"');
    expect(c['t.value']!.encode({ tag: 'empty' })).toBe('null');
    expect(c['t.value']!.decode('7')).toEqual({ tag: 'num', val: 7 });
    expect(c['t.value']!.decode('"x"')).toEqual({ tag: 'text', val: 'x' });
    expect(c['t.value']!.decode('null')).toEqual({ tag: 'empty' });
    // serde buffers untagged content: the final error has no position, syntax errors keep theirs.
    expect(c['t.value']!.decodeError('[1]')).toBe('data did not match any variant of untagged enum Value');
    expect(c['t.value']!.decodeError('[1,]')).toBe('trailing comma at line 1 column 4');
  });
});

describe('bytes and witified maps', () => {
  it('writes list<u8> as base64 and list<tuple<string, V>> as an object', async () => {
    const c = await codecs(WIT, ['t.blob'], { bytes: 'base64', witifiedMaps: true });
    const v = { data: new Uint8Array([1, 2, 3, 250]), headers: [['b', 1], ['a', 2]] };
    const json = '{"data":"AQID+g==","headers":{"b":1,"a":2}}';
    expect(c['t.blob']!.encode(v)).toBe(json);
    expect(c['t.blob']!.decode(json)).toEqual(v);
    expect(c['t.blob']!.decodeError('{"data":"AQ=","headers":{}}')).toBe(
      'invalid value: string "AQ=", expected a base64 string at line 1 column 13',
    );
  });
});
