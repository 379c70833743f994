import { describe, expect, it } from 'vitest';
import { deriveContract, deriveContracts } from '../../src/contract/contract.ts';
import { ContractError } from '../../src/contract/errors.ts';
import { BusNotFoundError } from '../../src/contract/bus.ts';
import { loadWit } from '../../src/wit/load.ts';
import { nodeWitFs } from '../../src/node/wit-fs.ts';
import { loadMemoryWit, WASMBUS_WIT } from '../helpers/memory-wit.ts';

function contractOf(body: string, options = {}) {
  const loaded = loadMemoryWit({
    'c.wit': `package acme:things@1.0.0;\ninterface thing-store {\n  use wasmcloud:wasmbus/types@0.1.0.{rpc-error};\n${body}\n}\n`,
    'deps/wasmbus.wit': WASMBUS_WIT,
  });
  const iface = loaded.resolve.packages[loaded.packages[0]!]!.interfaces.get('thing-store')!;
  return { ...loaded, contract: deriveContract(loaded.resolve, iface, options) };
}

describe('contract model', () => {
  it('derives method strings, contract id and argument shapes', () => {
    const { contract } = contractOf(`
      ping: func();
      get: func(key: string) -> result<string, rpc-error>;
      put-many: func(key: string, value: list<u8>) -> result<_, rpc-error>;
      maybe: func(key: option<string>) -> option<string>;
      typed: func() -> result<u32, string>;
    `);
    expect(contract.contractId).toBe('acme:things');
    expect(contract.service).toBe('ThingStore');
    expect(contract.witId).toBe('acme:things/thing-store@1.0.0');
    const byName = Object.fromEntries(contract.functions.map((f) => [f.func.name, f]));
    expect(byName.ping!.method).toBe('ThingStore.Ping');
    expect(byName.ping!.args.kind).toBe('none');
    expect(byName.ping!.result.kind).toBe('none');
    expect(byName.get!.args.kind).toBe('single');
    expect(byName.get!.result).toMatchObject({ kind: 'rpc', ok: 'string' });
    expect(byName['put-many']!.method).toBe('ThingStore.PutMany');
    expect(byName['put-many']!.args.kind).toBe('object');
    expect(byName['put-many']!.result).toMatchObject({ kind: 'rpc', ok: null });
    // A lone option parameter still travels inside an object, so None is not an empty payload.
    expect(byName.maybe!.args.kind).toBe('object');
    expect(byName.maybe!.result.kind).toBe('value');
    // A result with another error type travels whole, as serde's {"Ok"} / {"Err"}.
    expect(byName.typed!.result).toMatchObject({ kind: 'result', ok: 'u32', err: 'string' });
  });

  it('applies interface and function overrides by every key form', () => {
    for (const key of ['acme:things/thing-store@1.0.0', 'acme:things/thing-store', 'thing-store']) {
      const { contract } = contractOf('increment: func(key: string, value: s32) -> result<s32, rpc-error>;', {
        interfaces: { [key]: { service: 'KeyValue', contractId: 'wasmcloud:keyvalue', functions: { increment: { method: 'Incr' } } } },
      });
      expect(contract.contractId).toBe('wasmcloud:keyvalue');
      expect(contract.functions[0]!.method).toBe('KeyValue.Incr');
      expect(contract.functions[0]!.operation).toBe('Incr');
    }
    const { contract } = contractOf('increment: func(key: string) -> result<s32, rpc-error>;', {
      interfaces: { 'thing-store': { functions: { increment: { method: 'Other.Inc' } } } },
    });
    expect(contract.functions[0]!.method).toBe('Other.Inc');
    expect(contract.functions[0]!.operation).toBe('Inc');
  });

  it('rejects functions that cannot cross a wire, or skips them on request', () => {
    const body = `
      resource blob;
      ok: func(key: string) -> result<string, rpc-error>;
      open: func(key: string) -> blob;
      watch: func() -> stream<u8>;
    `;
    expect(() => contractOf(body)).toThrow(ContractError);
    expect(() => contractOf(body)).toThrow(/function `open` of acme:things\/thing-store@1.0.0 cannot cross a wire: it uses own handle to resource `blob`/);
    const { contract } = contractOf(body, { skipUnsupported: true });
    expect(contract.functions.map((f) => f.func.name)).toEqual(['ok']);
    expect(contract.skipped.map((s) => [s.func.name, s.reasons])).toEqual([
      ['open', ['own handle to resource `blob`']],
      ['watch', ['stream']],
    ]);
  });

  it('rejects two functions answering to the same method', () => {
    expect(() =>
      contractOf('a: func(); b: func();', { interfaces: { 'thing-store': { functions: { b: { method: 'A' } } } } }),
    ).toThrow(/functions `a` and `b` of .* both answer to method `ThingStore.A`/);
  });

  it('needs the wasmbus interfaces', () => {
    const loaded = loadMemoryWit({ 'c.wit': 'package a:b;\ninterface x { f: func(); }\n' });
    expect(() => deriveContracts(loaded.resolve, loaded.packages)).toThrow(BusNotFoundError);
  });

  it('finds the bundled contracts and leaves the bus itself out', () => {
    const loaded = loadWit(nodeWitFs, 'wit');
    const all = deriveContracts(loaded.resolve, loaded.resolve.packages.map((_, i) => i));
    expect(all.map((c) => c.witId)).toEqual(['wasmcloud:httpserver/http-server@0.1.0', 'wasmcloud:keyvalue/key-value@0.1.0']);
    const kv = all[1]!;
    expect(kv.functions.find((f) => f.func.name === 'increment')).toMatchObject({ method: 'KeyValue.Increment', args: { kind: 'object' } });
    expect(all[0]!.functions[0]).toMatchObject({ method: 'HttpServer.HandleRequest', args: { kind: 'single' } });
  });
});
