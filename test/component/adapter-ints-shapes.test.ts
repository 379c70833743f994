/**
 * The generated integer lowerings for every shape that can hold an integer (variants, results,
 * tuples, nested options, lists of variants, parameters too many to pass flat), run in Node with
 * the codec runtime told which engine it is in. adapter-ints.test.ts shows on real components what
 * each engine needs; here each shape must deliver exactly that form, and the generated code must
 * type-check.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/gen/generate.ts';
import type { IntLowering } from '../../src/codec/runtime.ts';
import { loadCodecRuntime, loadTemplates } from '../../src/node/templates.ts';
import { writeOutputs } from '../../src/service/output.ts';
import { typecheckFiles } from '../gen/typecheck-files.ts';
import { loadMemoryWit, WASMBUS_WIT } from '../helpers/memory-wit.ts';
import { loadAdapter } from '../helpers/node-adapters.ts';
import { scratchDir } from '../helpers/scratch.ts';

const CONTRACT = `package test:shapes@0.1.0;
interface shapes {
  use wasmcloud:wasmbus/types@0.1.0.{rpc-error};
  variant size { small(u8), big(u32), huge(s64), none }
  take-variant: func(x: size) -> result<_, rpc-error>;
  take-result: func(x: result<u32, s64>) -> result<_, rpc-error>;
  take-tuple: func(x: tuple<u32, string, u64>) -> result<_, rpc-error>;
  take-nested: func(x: option<option<u32>>) -> result<_, rpc-error>;
  take-list: func(x: list<size>) -> result<_, rpc-error>;
  take-many: func(a: u32, b: u32, c: u32, d: u32, e: u32, f: u32, g: u32, h: u32, i: u32, j: u32, k: u32, l: u32, m: u32, n: u32, o: u32, p: u32, q: u32) -> result<_, rpc-error>;
  give-variant: func() -> result<size, rpc-error>;
}`;

type Fn = (...args: unknown[]) => unknown;
const bytes = (s: string) => new TextEncoder().encode(s);

let files: Map<string, string>;
let receive: (msg: { method: string; arg: Uint8Array }) => Uint8Array;
let sender: Record<string, Fn>;
let setIntLowering: (lowering: IntLowering) => void;
let got: unknown[] = [];
let reply = '';

beforeAll(async () => {
  const loaded = loadMemoryWit({ 'c.wit': CONTRACT, 'deps/wasmbus.wit': WASMBUS_WIT });
  const result = await generate({
    resolve: loaded.resolve,
    packages: loaded.packages,
    templates: loadTemplates(),
    codecRuntime: loadCodecRuntime(),
  });
  files = new Map(result.files.filter((f) => f.path.endsWith('.ts')).map((f) => [f.path, f.content]));
  const out = scratchDir('ints');
  writeOutputs([{ dir: out, files: result.files }]);
  const dir = join(out, 'test-shapes/shapes');
  // One bundle, so the test sets the lowering of the very runtime the adapters use.
  const entry = join(dir, 'entry.ts');
  writeFileSync(
    entry,
    [
      "export * from './receiver.js';",
      "export * from './sender.js';",
      "export { setIntLowering } from '../../codec-runtime.js';",
    ].join('\n'),
  );
  const record = (...args: unknown[]) => void got.push(args.length === 1 ? args[0] : args);
  const contract = new Proxy({}, { get: () => record }) as Record<string, Fn>;
  const names = ['takeVariant', 'takeResult', 'takeTuple', 'takeNested', 'takeList', 'takeMany', 'giveVariant'];
  const mod = await loadAdapter<{
    receiver: { receive: typeof receive };
    shapes: Record<string, Fn>;
    setIntLowering: typeof setIntLowering;
  }>(entry, {
    'test:shapes/shapes@0.1.0': Object.fromEntries(names.map((n) => [n, contract[n]!])),
    'wasmcloud:wasmbus/sender@0.1.0': { send: () => bytes(reply) },
  });
  receive = mod.receiver.receive;
  sender = mod.shapes;
  setIntLowering = mod.setIntLowering;
});

/** What the contract gets for each message, under the given engine's lowering. */
function delivered(lowering: IntLowering, messages: Array<[string, string]>): unknown[] {
  setIntLowering(lowering);
  got = [];
  try {
    for (const [method, arg] of messages) receive({ method, arg: bytes(arg) });
  } finally {
    setIntLowering('exact');
  }
  return got;
}

const U32_TOP = 2 ** 32 - 1;
const MESSAGES: Array<[string, string]> = [
  ['TakeVariant', `{"Big":${U32_TOP}}`],
  ['TakeVariant', '{"Huge":-5}'],
  ['TakeVariant', '{"Small":200}'],
  ['TakeResult', `{"Ok":${U32_TOP}}`],
  ['TakeResult', '{"Err":-7}'],
  ['TakeTuple', `[${U32_TOP},"a",9]`],
  // A lone option is sent as an object of its parameter.
  ['TakeNested', `{"x":${U32_TOP}}`],
  ['TakeNested', '{"x":null}'],
  ['TakeList', `[{"Big":${U32_TOP}},"None"]`],
];

describe('generated lowerings in every shape', () => {
  it('type-check under --strict', () => {
    expect(typecheckFiles(files)).toEqual([]);
  });

  it('pass values untouched in Node', () => {
    expect(delivered('exact', MESSAGES)).toEqual([
      { tag: 'big', val: U32_TOP },
      { tag: 'huge', val: -5n },
      { tag: 'small', val: 200 },
      { tag: 'ok', val: U32_TOP },
      { tag: 'err', val: -7n },
      [U32_TOP, 'a', 9n],
      { tag: 'some', val: U32_TOP },
      { tag: 'none' },
      [{ tag: 'big', val: U32_TOP }, { tag: 'none' }],
    ]);
  });

  it("give QuickJS a u32's int32 bit pattern and 64-bit integers as numbers, wherever they sit", () => {
    expect(delivered('quickjs', MESSAGES)).toEqual([
      { tag: 'big', val: -1 },
      { tag: 'huge', val: -5 },
      { tag: 'small', val: 200 },
      { tag: 'ok', val: -1 },
      { tag: 'err', val: -7 },
      [-1, 'a', 9],
      { tag: 'some', val: -1 },
      { tag: 'none' },
      [{ tag: 'big', val: -1 }, { tag: 'none' }],
    ]);
  });

  it('refuse on StarlingMonkey what it corrupts flat, but not in a list or beyond 16 flat parameters', () => {
    const refused = (method: string, arg: string) => {
      setIntLowering('starlingmonkey');
      try {
        receive({ method, arg: bytes(arg) });
        return 'delivered';
      } catch (e) {
        return (e as { tag: string }).tag;
      } finally {
        setIntLowering('exact');
      }
    };
    expect(refused('TakeVariant', `{"Big":${U32_TOP}}`)).toBe('ser');
    expect(refused('TakeVariant', '{"Huge":-5}')).toBe('ser');
    expect(refused('TakeNested', `{"x":${U32_TOP}}`)).toBe('ser');
    expect(refused('TakeList', `[{"Big":${U32_TOP}},{"Huge":-5}]`)).toBe('delivered');
    // 17 u32s are 17 core values: more than 16, so the parameters go through memory.
    const many = Object.fromEntries('abcdefghijklmnopq'.split('').map((k) => [k, U32_TOP]));
    expect(refused('TakeMany', JSON.stringify(many))).toBe('delivered');
  });

  it("lower a sender's results the same way", () => {
    reply = `{"Huge":-5}`;
    setIntLowering('quickjs');
    try {
      expect(sender.giveVariant!()).toEqual({ tag: 'huge', val: -5 });
    } finally {
      setIntLowering('exact');
    }
    expect(sender.giveVariant!()).toEqual({ tag: 'huge', val: -5n });
  });
});
