/**
 * The generated adapters, run in Node against an in-memory wasmbus: a typed call goes through the
 * sender, crosses the bus as JSON, is dispatched by the receiver to a typed implementation, and
 * its result comes back the same way.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/gen/generate.ts';
import { loadCodecRuntime, loadTemplates } from '../../src/node/templates.ts';
import { writeOutputs } from '../../src/service/output.ts';
import { loadMemoryWit, WASMBUS_WIT } from '../helpers/memory-wit.ts';
import { asImport, loadAdapter } from '../helpers/node-adapters.ts';
import { scratchDir } from '../helpers/scratch.ts';
import { thrown } from '../helpers/thrown.ts';

const CONTRACT = readFileSync(new URL('fixtures/things/things.wit', import.meta.url), 'utf8');

type Fn = (...args: unknown[]) => unknown;
const text = (b: Uint8Array) => new TextDecoder().decode(b);
const bytes = (s: string) => new TextEncoder().encode(s);

let sender: Record<string, Fn>;
let receive: (msg: { method: string; arg: Uint8Array }) => Uint8Array;
const wire: { method: string; arg: string; contract: string; link: unknown; reply?: string }[] = [];
const impl: Record<string, Fn> = {};

beforeAll(async () => {
  const loaded = loadMemoryWit({ 'c.wit': CONTRACT, 'deps/wasmbus.wit': WASMBUS_WIT });
  const out = scratchDir('gen');
  const result = await generate({
    resolve: loaded.resolve,
    packages: loaded.packages,
    templates: loadTemplates(),
    codecRuntime: loadCodecRuntime(),
  });
  writeOutputs([{ dir: out, files: result.files }]);
  const dir = join(out, 'acme-things/thing-store');
  const contractFns = Object.fromEntries(
    ['ping', 'get', 'put', 'find', 'parse', 'paint', 'fail'].map((n) => [n, asImport((...a) => impl[n]!(...a))]),
  );
  const receiverMod = await loadAdapter<{ receiver: { receive: typeof receive } }>(join(dir, 'receiver.ts'), {
    'acme:things/thing-store@1.0.0': contractFns,
  });
  receive = receiverMod.receiver.receive;
  const send = asImport((msg, contract, link) => {
    const m = msg as { method: string; arg: Uint8Array };
    const entry: (typeof wire)[number] = { method: m.method, arg: text(m.arg), contract: contract as string, link };
    wire.push(entry);
    const reply = receive(m);
    entry.reply = text(reply);
    return reply;
  });
  const senderMod = await loadAdapter<{ thingStore: Record<string, Fn> }>(join(dir, 'sender.ts'), {
    'wasmcloud:wasmbus/sender@0.1.0': { send },
  });
  sender = senderMod.thingStore;
});

function lastWire() {
  return wire[wire.length - 1]!;
}

describe('generated adapters in Node', () => {
  it('sends an empty payload for no parameters and no result', () => {
    let called = 0;
    impl.ping = () => void called++;
    expect(sender.ping!()).toBeUndefined();
    expect(called).toBe(1);
    expect(lastWire()).toEqual({
      method: 'ThingStore.Ping',
      arg: '',
      contract: 'acme:things',
      link: undefined,
      reply: '',
    });
  });

  it('sends one parameter as itself and decodes the typed reply', () => {
    impl.get = (key) => ({ name: `n-${key as string}`, tags: ['x'], size: 18446744073709551615n });
    expect(sender.get!('k')).toEqual({ name: 'n-k', tags: ['x'], size: 18446744073709551615n });
    expect(lastWire().arg).toBe('"k"');
    expect(lastWire().reply).toBe('{"name":"n-k","tags":["x"],"size":18446744073709551615}');
  });

  it('bundles several parameters into an object with serde field names', () => {
    let seen: unknown[] = [];
    impl.put = (...args) => void (seen = args);
    expect(sender.put!('k', { name: 'a', tags: [], size: 1n })).toBeUndefined();
    expect(lastWire().arg).toBe('{"key":"k","value":{"name":"a","tags":[],"size":1}}');
    expect(lastWire().reply).toBe('');
    expect(seen).toEqual(['k', { name: 'a', tags: [], size: 1n }]);
  });

  it('wraps a lone option parameter in an object', () => {
    impl.find = () => undefined;
    expect(sender.find!(undefined)).toBeUndefined();
    expect(lastWire().arg).toBe('{"key":null}');
    expect(lastWire().reply).toBe('null');
  });

  it('carries a result with its own error type whole, both ways', () => {
    impl.parse = (t) => {
      if (t === 'bad') throw 'no shape';
      return { tag: 'circle', val: 1.5 };
    };
    expect(sender.parse!('c')).toEqual({ tag: 'circle', val: 1.5 });
    expect(lastWire().reply).toBe('{"Ok":{"Circle":1.5}}');
    expect(thrown(() => sender.parse!('bad'))).toBe('no shape');
    expect(lastWire().reply).toBe('{"Err":"no shape"}');
  });

  it('writes enums and unit cases as serde does', () => {
    impl.paint = () => new Uint8Array([1, 2, 255]);
    expect(sender.paint!('dark-blue', { tag: 'empty' })).toEqual(new Uint8Array([1, 2, 255]));
    expect(lastWire().arg).toBe('{"c":"DarkBlue","s":"Empty"}');
    expect(lastWire().reply).toBe('[1,2,255]');
  });

  it('passes an rpc-error from the implementation back to the caller', () => {
    impl.fail = () => {
      throw { tag: 'not-implemented' };
    };
    expect(thrown(() => sender.fail!())).toEqual({ tag: 'not-implemented' });
  });

  it('accepts bare operations and rejects unknown methods with method-not-handled', () => {
    impl.get = () => ({ name: 'b', tags: [], size: 0n });
    expect(text(receive({ method: 'Get', arg: bytes('"x"') }))).toBe('{"name":"b","tags":[],"size":0}');
    expect(thrown(() => receive({ method: 'ThingStore.Nope', arg: new Uint8Array() }))).toEqual({
      tag: 'method-not-handled',
      val: 'Method ThingStore.Nope is not supported by the thing-store contract',
    });
  });

  it("turns a malformed payload into deser with serde_json's message", () => {
    for (const [arg, message] of [
      // serde_json reports a peeked byte's position, which is column 0 at the start.
      ['', 'EOF while parsing a value at line 1 column 0'],
      ['{', 'invalid type: map, expected a string at line 1 column 0'],
      ['"abc', 'EOF while parsing a string at line 1 column 4'],
      ['"x" 1', 'trailing characters at line 1 column 5'],
      [
        '{"key":"k","value":{"name":"a","tags":[],"size":-1}}',
        'value.size: invalid value: integer `-1`, expected u64 at line 1 column 50',
      ],
    ] as const) {
      const method = arg.startsWith('{"key"') ? 'ThingStore.Put' : 'ThingStore.Get';
      impl.put = () => undefined;
      const e = thrown(() => receive({ method, arg: bytes(arg) }));
      expect(e).toMatchObject({ tag: 'deser' });
      expect((e as { val: string }).val).toContain(message);
      expect((e as { val: string }).val.startsWith('thing-store: ')).toBe(true);
    }
  });

  it('answers every hostile payload with deser, never a crash, and never pollutes prototypes', () => {
    impl.put = () => undefined;
    impl.get = () => ({ name: 'b', tags: [], size: 0n });
    const hostile: [string, string | Uint8Array][] = [
      ['ThingStore.Put', '{"key":"k","value":{"name":"a","tags":' + '['.repeat(100_000)],
      ['ThingStore.Put', '{"key":"k","value":{"name":"a","tags":[],"size":1' + '0'.repeat(5000) + '}}'],
      ['ThingStore.Put', '{"key":"k","value":{"name":"a","tags":[],"size":1e400}}'],
      ['ThingStore.Get', new Uint8Array([0x22, 0xff, 0xfe, 0x22])],
      ['ThingStore.Get', new Uint8Array([0x22, 0xed, 0xa0, 0x80, 0x22])],
      ['ThingStore.Put', '{"key":"k","value":{"name":"a","tags":[],"size":1'],
      ['ThingStore.Put', '{"key":"k","key":"k","value":{"name":"a","tags":[],"size":1}}'],
      [
        'ThingStore.Put',
        '{"__proto__":{"polluted":true},"key":"k","value":{"name":"a","tags":[],"size":1,"constructor":{"prototype":{"polluted":true}}}}',
      ],
    ];
    for (const [method, arg] of hostile) {
      let error: unknown;
      try {
        receive({ method, arg: typeof arg === 'string' ? bytes(arg) : arg });
      } catch (e) {
        error = e;
      }
      if (method === 'ThingStore.Put' && typeof arg === 'string' && arg.startsWith('{"__proto__"')) {
        // Unknown keys are ignored, as serde does; the point is that nothing leaks into prototypes.
        expect(error).toBeUndefined();
      } else {
        expect(error, String(arg).slice(0, 60)).toMatchObject({
          tag: 'deser',
          val: expect.stringMatching(/^thing-store: /),
        });
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    }
  });
});
