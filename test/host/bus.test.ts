import { describe, expect, it } from 'vitest';
import { Bus, type Provider } from '../../src/host/bus.ts';
import { thrown } from '../helpers/thrown.ts';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const echo = (contractId: string, tag: string, linkName?: string): Provider => ({
  contractId,
  ...(linkName === undefined ? {} : { linkName }),
  handle: (method, arg) => bytes(`${tag}:${method}:${new TextDecoder().decode(arg)}`),
});
const text = (b: Uint8Array): string => new TextDecoder().decode(b);

describe('Bus', () => {
  const bus = new Bus();
  bus.register(echo('wasmcloud:keyvalue', 'kv-default'));
  bus.register(echo('wasmcloud:keyvalue', 'kv-redis', 'redis'));
  bus.register(echo('wasmcloud:messaging', 'msg'));

  it('routes by contract and link, with "default" for no link (undefined on SM, null on QuickJS)', () => {
    const msg = { method: 'KeyValue.Get', arg: bytes('"k"') };
    expect(text(bus.send(msg, 'wasmcloud:keyvalue', undefined))).toBe('kv-default:KeyValue.Get:"k"');
    expect(text(bus.send(msg, 'wasmcloud:keyvalue', null))).toBe('kv-default:KeyValue.Get:"k"');
    expect(text(bus.send(msg, 'wasmcloud:keyvalue', 'default'))).toBe('kv-default:KeyValue.Get:"k"');
    expect(text(bus.send(msg, 'wasmcloud:keyvalue', 'redis'))).toBe('kv-redis:KeyValue.Get:"k"');
    expect(text(bus.send({ method: 'M.P', arg: bytes('1') }, 'wasmcloud:messaging', undefined))).toBe('msg:M.P:1');
  });

  it('fails at once with a host-error for an unknown contract or link', () => {
    const msg = { method: 'X.Y', arg: new Uint8Array() };
    expect(thrown(() => bus.send(msg, 'wasmcloud:nothing', undefined))).toEqual({
      tag: 'host-error',
      val: 'no provider is linked for contract wasmcloud:nothing on link default',
    });
    expect(thrown(() => bus.send(msg, 'wasmcloud:keyvalue', 'memcached'))).toMatchObject({ tag: 'host-error' });
  });

  it('passes a provider rpc-error on and turns any other provider failure into rpc', () => {
    const b = new Bus();
    b.register({ contractId: 'c:a', handle: () => { throw { tag: 'invalid-parameter', val: 'bad key' }; } });
    b.register({ contractId: 'c:b', handle: () => { throw new Error('disk full'); } });
    const msg = { method: 'S.Op', arg: new Uint8Array() };
    expect(thrown(() => b.send(msg, 'c:a', undefined))).toEqual({ tag: 'invalid-parameter', val: 'bad key' });
    const e = thrown(() => b.send(msg, 'c:b', undefined));
    expect(e).toEqual({ tag: 'rpc', val: 'provider c:b (default) failed on S.Op: Error: disk full' });
    expect(e).not.toBeInstanceOf(Error);
  });

  it('replaces and unregisters providers', () => {
    const b = new Bus();
    b.register(echo('c:x', 'one'));
    b.register(echo('c:x', 'two'));
    expect(text(b.send({ method: 'A.B', arg: new Uint8Array() }, 'c:x', undefined))).toBe('two:A.B:');
    expect(b.unregister('c:x')).toBe(true);
    expect(thrown(() => b.send({ method: 'A.B', arg: new Uint8Array() }, 'c:x', undefined))).toMatchObject({ tag: 'host-error' });
  });
});
