/**
 * WIT names equal to the generated code's own names: the receiver's `msg` parameter and case-block
 * locals, the sender's `reply` and `result` locals and its `call` helper, helpers and imports a
 * function body calls, and the module's export itself (`receiver`, an interface named `call` or
 * one that cannot be bound, `eval`). Every function still reaches the contract with its values
 * (sender → wire → receiver → implementation and back), and the files type-check.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate, type GeneratedOutput } from '../../src/gen/generate.ts';
import { jsName } from '../../src/naming/index.ts';
import { loadCodecRuntime, loadTemplates } from '../../src/node/templates.ts';
import { writeOutputs } from '../../src/service/output.ts';
import { loadMemoryWit, WASMBUS_WIT } from '../helpers/memory-wit.ts';
import { asImport, loadAdapter } from '../helpers/node-adapters.ts';
import { scratchDir } from '../helpers/scratch.ts';
import { typecheckFiles } from './typecheck-files.ts';

/** Each case its own interface, so that each collision fails by itself. */
interface Case {
  iface: string;
  functions: string;
  impl: Record<string, Fn>;
  /** Function, arguments, and the value it returns (or `{ thrown }`) through sender and receiver. */
  calls: [string, unknown[], unknown][];
}

type Fn = (...args: unknown[]) => unknown;
type Receive = (msg: { method: string; arg: Uint8Array }) => Uint8Array;

const ping: Case['impl'] = { ping: (x) => (x as number) + 10 };
const CASES: Case[] = [
  // The receiver's own names: `receive(msg)`, the case blocks' `out`, the helper a block calls, the export.
  {
    iface: 'recv-msg',
    functions: 'msg: func(x: u32) -> u32;',
    impl: { msg: (x) => (x as number) + 1 },
    calls: [['msg', [41], 42]],
  },
  {
    iface: 'recv-echo',
    functions: 'echo: func(echo: string) -> string;',
    impl: { echo: (s) => `${s as string}!` },
    calls: [['echo', ['hi'], 'hi!']],
  },
  {
    iface: 'recv-out',
    functions: 'out: func(out: u32) -> u32;',
    impl: { out: (x) => (x as number) * 2 },
    calls: [['out', [21], 42]],
  },
  {
    iface: 'recv-helper',
    functions: 'pass: func(decode-or-deser: string) -> string;',
    impl: { pass: (s) => (s as string).toUpperCase() },
    calls: [['pass', ['up'], 'UP']],
  },
  {
    iface: 'recv-export',
    functions: 'receiver: func() -> bool;',
    impl: { receiver: () => true },
    calls: [['receiver', [], true]],
  },
  // The sender's own names: the `reply` and `result` locals, the `call` helper.
  {
    iface: 'send-reply',
    functions: 'answer: func(reply: string) -> u32;',
    impl: { answer: (s) => (s as string).length },
    calls: [['answer', ['four'], 4]],
  },
  {
    iface: 'send-call',
    functions: 'greet: func(call: string) -> string;',
    impl: { greet: (s) => `hello ${s as string}` },
    calls: [['greet', ['you'], 'hello you']],
  },
  {
    iface: 'send-result',
    functions: 'forward: func(text: string, %result: u32) -> result<string, string>;',
    impl: {
      forward: (s, n) => {
        if ((n as number) === 0) throw 'zero';
        return `${s as string}:${n as number}`;
      },
    },
    calls: [
      ['forward', ['x', 7], 'x:7'],
      ['forward', ['x', 0], { thrown: 'zero' }],
    ],
  },
  // Interfaces named like the sender's helper, or like what no module can bind.
  { iface: 'call', functions: 'ping: func(x: u32) -> u32;', impl: ping, calls: [['ping', [1], 11]] },
  { iface: 'eval', functions: 'ping: func(x: u32) -> u32;', impl: ping, calls: [['ping', [1], 11]] },
  { iface: 'arguments', functions: 'ping: func(x: u32) -> u32;', impl: ping, calls: [['ping', [1], 11]] },
];

const CONTRACT = ['package test:names;', ...CASES.map((c) => `interface ${c.iface} {\n  ${c.functions}\n}`)].join(
  '\n\n',
);

let files: GeneratedOutput[];
let out: string;

/** The sender module of `c`, wired to its receiver, which calls `c.impl`. */
async function loadSender(c: Case): Promise<Record<string, unknown>> {
  const dir = join(out, 'test-names', c.iface);
  const contractFns = Object.fromEntries(Object.entries(c.impl).map(([n, f]) => [n, asImport(f)]));
  const receiverMod = await loadAdapter<{ receiver: { receive: Receive } }>(join(dir, 'receiver.ts'), {
    [`test:names/${c.iface}`]: contractFns,
  });
  const send = asImport((msg) => receiverMod.receiver.receive(msg as Parameters<Receive>[0]));
  return loadAdapter(join(dir, 'sender.ts'), { 'wasmcloud:wasmbus/sender@0.1.0': { send } });
}

beforeAll(async () => {
  const { resolve, packages } = loadMemoryWit({ 'c.wit': CONTRACT, 'deps/wasmbus.wit': WASMBUS_WIT });
  files = (await generate({ resolve, packages, templates: loadTemplates(), codecRuntime: loadCodecRuntime() })).files;
  out = scratchDir('gen-local-names');
  writeOutputs([{ dir: out, files }]);
});

describe('WIT names equal to the generated code’s own names', () => {
  it.each(CASES)('round-trips $iface, exported under its own name', async (c) => {
    const sender = await loadSender(c);
    const exportName = jsName(c.iface, 'interface-export');
    expect(Object.keys(sender).sort()).toEqual([...Object.keys(c.impl).map((n) => `$${n}`), exportName].sort());
    const contract = sender[exportName] as Record<string, Fn>;
    for (const [fn, args, expected] of c.calls) {
      // The err side of a result is thrown as a plain value, as exports report errors.
      let answer: unknown;
      try {
        answer = contract[fn]!(...args);
      } catch (e) {
        answer = { thrown: e };
      }
      expect(answer).toEqual(expected);
    }
  });

  it('type-checks', () => {
    const ts = files.filter((f) => f.path.endsWith('.ts'));
    expect(typecheckFiles(new Map(ts.map((f) => [f.path, f.content])))).toEqual([]);
  });
});
