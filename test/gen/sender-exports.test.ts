/**
 * The sender exports its contract object and, beside it, each function alone as `$name` (so a
 * bundle keeps only the ones it calls). Functions named like what the sender declares or imports
 * itself (`call`, the bus `send`, the helper `encodeOrSer`, the object `api`), or like what a module
 * cannot declare or must not shadow (`arguments`, `undefined`, `globalThis`), still work under both
 * exports, and the files type-check.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate, type GeneratedOutput } from '../../src/gen/generate.ts';
import { loadCodecRuntime, loadTemplates } from '../../src/node/templates.ts';
import { writeOutputs } from '../../src/service/output.ts';
import { loadMemoryWit, WASMBUS_WIT } from '../helpers/memory-wit.ts';
import { asImport, loadAdapter } from '../helpers/node-adapters.ts';
import { scratchDir } from '../helpers/scratch.ts';
import { typecheckFiles } from './typecheck-files.ts';

const CONTRACT = `package test:names;

interface api {
  call: func(x: u32) -> u32;
  send: func(text: string) -> string;
  encode-or-ser: func();
  api: func() -> bool;
  arguments: func() -> u32;
  undefined: func() -> u32;
  global-this: func() -> u32;
}
`;

type Fn = (...args: unknown[]) => unknown;
const text = (b: Uint8Array) => new TextDecoder().decode(b);

let files: GeneratedOutput[];
let sender: { api: Record<string, Fn> } & Record<string, Fn>;
const wire: { method: string; arg: string }[] = [];
/** The JSON reply of each method. */
const REPLIES: Record<string, string> = {
  'Api.Call': '8',
  'Api.Send': '"sent"',
  'Api.EncodeOrSer': '',
  'Api.Api': 'true',
  'Api.Arguments': '1',
  'Api.Undefined': '2',
  'Api.GlobalThis': '3',
};

beforeAll(async () => {
  const { resolve, packages } = loadMemoryWit({ 'c.wit': CONTRACT, 'deps/wasmbus.wit': WASMBUS_WIT });
  files = (await generate({ resolve, packages, templates: loadTemplates(), codecRuntime: loadCodecRuntime() })).files;
  const out = scratchDir('gen-sender-exports');
  writeOutputs([{ dir: out, files }]);
  const send = asImport((msg) => {
    const m = msg as { method: string; arg: Uint8Array };
    wire.push({ method: m.method, arg: text(m.arg) });
    return new TextEncoder().encode(REPLIES[m.method]);
  });
  sender = await loadAdapter(join(out, 'test-names/api/sender.ts'), { 'wasmcloud:wasmbus/sender@0.1.0': { send } });
});

describe('a sender whose functions are named like its own declarations', () => {
  it('exports the object with every function under its own name, and the same functions alone as $name', () => {
    expect(Object.keys(sender.api)).toEqual([
      'call',
      'send',
      'encodeOrSer',
      'api',
      'arguments',
      'undefined',
      'globalThis',
    ]);
    for (const name of Object.keys(sender.api)) expect(sender[`$${name}`]).toBe(sender.api[name]);
    expect(Object.keys(sender).sort()).toEqual([
      '$api',
      '$arguments',
      '$call',
      '$encodeOrSer',
      '$globalThis',
      '$send',
      '$undefined',
      'api',
    ]);
  });

  it('sends each function as its own method', () => {
    wire.length = 0;
    expect(sender.api.call!(7)).toBe(8);
    expect(sender.$send!('hi')).toBe('sent');
    expect(sender.$encodeOrSer!()).toBeUndefined();
    expect(sender.api.api!()).toBe(true);
    expect(sender.api.arguments!()).toBe(1);
    expect(sender.$undefined!()).toBe(2);
    expect(sender.api.globalThis!()).toBe(3);
    expect(wire).toEqual([
      { method: 'Api.Call', arg: '7' },
      { method: 'Api.Send', arg: '"hi"' },
      { method: 'Api.EncodeOrSer', arg: '' },
      { method: 'Api.Api', arg: '' },
      { method: 'Api.Arguments', arg: '' },
      { method: 'Api.Undefined', arg: '' },
      { method: 'Api.GlobalThis', arg: '' },
    ]);
  });

  it('type-checks', () => {
    const ts = files.filter((f) => f.path.endsWith('.ts'));
    expect(typecheckFiles(new Map(ts.map((f) => [f.path, f.content])))).toEqual([]);
  });
});
