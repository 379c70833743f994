import { describe, expect, it } from 'vitest';
import { keyValueProvider } from '../../src/host/providers/keyvalue.ts';
import { thrown } from '../helpers/thrown.ts';

const enc = (v: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(v));
const dec = (b: Uint8Array): unknown => (b.length === 0 ? undefined : JSON.parse(new TextDecoder().decode(b)));

function kv(now = () => 0) {
  const p = keyValueProvider({ now });
  return (op: string, arg: unknown): unknown => dec(p.handle(`KeyValue.${op}`, enc(arg)));
}

describe('keyvalue provider', () => {
  it('gets, sets, deletes and checks strings; set answers with an empty payload', () => {
    const call = kv();
    expect(call('Get', 'a')).toEqual({ value: '', exists: false });
    expect(call('Set', { key: 'a', value: 'x', expires: 0 })).toBeUndefined();
    expect(call('Get', 'a')).toEqual({ value: 'x', exists: true });
    expect(call('Contains', 'a')).toBe(true);
    expect(call('Del', 'a')).toBe(true);
    expect(call('Del', 'a')).toBe(false);
    expect(call('Contains', 'a')).toBe(false);
  });

  it('expires keys after their time to live', () => {
    let t = 1000;
    const call = kv(() => t);
    call('Set', { key: 'k', value: 'v', expires: 2 });
    t += 1999;
    expect(call('Contains', 'k')).toBe(true);
    t += 1;
    expect(call('Get', 'k')).toEqual({ value: '', exists: false });
  });

  it('increments from 0, keeps s32 range and rejects non-integers', () => {
    const call = kv();
    expect(call('Increment', { key: 'n', value: 5 })).toBe(5);
    expect(call('Increment', { key: 'n', value: -7 })).toBe(-2);
    expect(call('Get', 'n')).toEqual({ value: '-2', exists: true });
    call('Set', { key: 'big', value: '2147483647', expires: 0 });
    expect(thrown(() => call('Increment', { key: 'big', value: 1 }))).toMatchObject({ tag: 'invalid-parameter' });
    call('Set', { key: 's', value: 'abc', expires: 0 });
    expect(thrown(() => call('Increment', { key: 's', value: 1 }))).toMatchObject({ tag: 'invalid-parameter' });
  });

  it('handles lists like Redis RPUSH, LREM 1, LRANGE and DEL', () => {
    const call = kv();
    for (const v of ['a', 'b', 'a', 'c']) call('ListAdd', { list_name: 'l', value: v });
    expect(call('ListRange', { list_name: 'l', start: 0, stop: -1 })).toEqual(['a', 'b', 'a', 'c']);
    expect(call('ListRange', { list_name: 'l', start: -2, stop: 10 })).toEqual(['a', 'c']);
    expect(call('ListRange', { list_name: 'l', start: 3, stop: 1 })).toEqual([]);
    expect(call('ListDel', { list_name: 'l', value: 'a' })).toBe(true);
    expect(call('ListRange', { list_name: 'l', start: 0, stop: -1 })).toEqual(['b', 'a', 'c']);
    expect(call('ListDel', { list_name: 'l', value: 'z' })).toBe(false);
    expect(call('ListClear', 'l')).toBe(true);
    expect(call('ListClear', 'l')).toBe(false);
  });

  it('handles sets with sorted, deterministic answers', () => {
    const call = kv();
    expect(call('SetAdd', { set_name: 's1', value: 'b' })).toBe(1);
    expect(call('SetAdd', { set_name: 's1', value: 'a' })).toBe(1);
    expect(call('SetAdd', { set_name: 's1', value: 'a' })).toBe(0);
    call('SetAdd', { set_name: 's2', value: 'c' });
    call('SetAdd', { set_name: 's2', value: 'a' });
    expect(call('SetQuery', 's1')).toEqual(['a', 'b']);
    expect(call('SetUnion', ['s1', 's2'])).toEqual(['a', 'b', 'c']);
    expect(call('SetIntersection', ['s1', 's2'])).toEqual(['a']);
    expect(call('SetIntersection', [])).toEqual([]);
    expect(call('SetDel', { set_name: 's1', value: 'a' })).toBe(1);
    expect(call('SetDel', { set_name: 's1', value: 'a' })).toBe(0);
    expect(call('SetClear', 's2')).toBe(true);
    expect(call('SetQuery', 's2')).toEqual([]);
  });

  it('refuses to use a key as another kind', () => {
    const call = kv();
    call('ListAdd', { list_name: 'x', value: '1' });
    expect(thrown(() => call('SetAdd', { set_name: 'x', value: '1' }))).toEqual({
      tag: 'invalid-parameter',
      val: 'key x holds a list, not a set',
    });
  });

  it('reports bad payloads as deser and unknown methods as method-not-handled', () => {
    const p = keyValueProvider();
    expect(thrown(() => p.handle('KeyValue.Get', new TextEncoder().encode('{')))).toMatchObject({ tag: 'deser' });
    expect(thrown(() => p.handle('KeyValue.Increment', enc({ key: 'k' })))).toEqual({
      tag: 'deser',
      val: 'keyvalue Increment: missing field `value` at line 1 column 11',
    });
    expect(thrown(() => p.handle('KeyValue.Increment', enc({ key: 'k', value: 2 ** 31 })))).toMatchObject({ tag: 'deser' });
    expect(thrown(() => p.handle('KeyValue.Frobnicate', enc('k')))).toMatchObject({ tag: 'method-not-handled' });
    expect(thrown(() => p.handle('Other.Get', enc('k')))).toMatchObject({ tag: 'method-not-handled' });
  });

  it('accepts the bare operation name', () => {
    const p = keyValueProvider();
    expect(dec(p.handle('Increment', enc({ key: 'k', value: 3 })))).toBe(3);
  });
});
