/**
 * A plain JS receiver (plain-adapters.ts's `createReceiver`) whose implementation answers with
 * promises: each message is decoded once, as for a synchronous implementation, and the reply is a
 * promise of exactly the bytes (or the rpc-error) the synchronous implementation's answer gets,
 * for every result shape.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/gen/generate.ts';
import { loadCodecRuntime, loadTemplates } from '../../src/node/templates.ts';
import { writeOutputs } from '../../src/service/output.ts';
import { plainAdapterFiles, plainContract } from '../../src/service/plain-adapters.ts';
import { loadMemoryWit, WASMBUS_WIT } from '../helpers/memory-wit.ts';
import { scratchDir } from '../helpers/scratch.ts';

const CONTRACT = `package test:later;

interface jobs {
  use wasmcloud:wasmbus/types@0.1.0.{rpc-error};
  touch: func(key: string);
  fetch: func(key: string) -> result<string, rpc-error>;
  store: func(key: string, value: u32) -> result<_, rpc-error>;
  size: func(key: string) -> u32;
  parse: func(text: string) -> result<u32, string>;
  check: func(text: string) -> result<_, string>;
}
`;

type Fn = (...args: unknown[]) => unknown;
type Reply = Uint8Array | Promise<Uint8Array>;
interface Receiver {
  receive(msg: { method: string; arg: Uint8Array }): Reply;
}
let createReceiver: (impl: Record<string, Fn>) => Receiver;

const bytes = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);

/** The contract's functions answering at once: `fail` makes each throw that value instead. */
function syncImpl(fail?: unknown): Record<string, Fn> {
  const answer =
    (value: unknown): Fn =>
    () => {
      if (fail !== undefined) throw fail;
      return value;
    };
  return {
    touch: answer(undefined),
    fetch: answer('found'),
    store: answer(undefined),
    // Not a u32: its encoding fails with rpc-error ser.
    size: (key) => (key === 'huge' ? 2 ** 40 : answer(7)()),
    parse: answer(5),
    check: answer(undefined),
  };
}

/** The same answers as promises: resolved, or rejected with `fail`. */
function asyncImpl(fail?: unknown): Record<string, Fn> {
  const sync = syncImpl(fail);
  return Object.fromEntries(
    Object.entries(sync).map(([name, fn]) => [
      name,
      (...args: unknown[]) => new Promise((resolve) => setTimeout(() => resolve(undefined), 1)).then(() => fn(...args)),
    ]),
  );
}

/** A message counting how often its payload is read: the receiver reads it once per decode. */
function counted(method: string, arg: string): { msg: { method: string; arg: Uint8Array }; reads: () => number } {
  let reads = 0;
  const payload = bytes(arg);
  return {
    msg: {
      method,
      get arg() {
        reads++;
        return payload;
      },
    },
    reads: () => reads,
  };
}

/** The reply's text, or what it threw or rejected with. */
async function outcome(reply: () => Reply): Promise<{ ok: string } | { err: unknown }> {
  try {
    return { ok: text(await reply()) };
  } catch (e) {
    return { err: e };
  }
}

const MESSAGES: [string, string][] = [
  ['Jobs.Touch', '"a"'],
  ['Jobs.Fetch', '"a"'],
  ['Jobs.Store', '{"key":"a","value":3}'],
  ['Jobs.Size', '"a"'],
  ['Jobs.Size', '"huge"'],
  ['Jobs.Parse', '"5"'],
  ['Jobs.Check', '"x"'],
];

beforeAll(async () => {
  const { resolve, packages } = loadMemoryWit({ 'c.wit': CONTRACT, 'deps/wasmbus.wit': WASMBUS_WIT });
  const result = await generate({ resolve, packages, templates: loadTemplates(), codecRuntime: loadCodecRuntime() });
  const out = scratchDir('gen-async');
  writeOutputs([{ dir: out, files: result.files }]);
  const plain = await plainAdapterFiles(join(out, 'test-later/jobs'), plainContract(resolve, result.contracts[0]!));
  const dir = scratchDir('plain-async');
  for (const f of plain) writeFileSync(join(dir, f.path), f.content);
  ({ createReceiver } = (await import(pathToFileURL(join(dir, 'index.js')).href)) as {
    createReceiver: typeof createReceiver;
  });
});

describe('a receiver of an implementation answering with promises', () => {
  it('decodes each message once, for synchronous and asynchronous implementations alike', async () => {
    for (const impl of [
      syncImpl(),
      asyncImpl(),
      syncImpl({ tag: 'other', val: 'no' }),
      asyncImpl({ tag: 'other', val: 'no' }),
    ]) {
      const receiver = createReceiver(impl);
      for (const [method, arg] of MESSAGES) {
        const { msg, reads } = counted(method, arg);
        await outcome(() => receiver.receive(msg));
        expect({ method, arg, reads: reads() }).toEqual({ method, arg, reads: 1 });
      }
    }
  });

  it('answers a synchronous implementation synchronously, and an asynchronous one with a promise', () => {
    const { msg } = counted('Jobs.Fetch', '"a"');
    expect(text(createReceiver(syncImpl()).receive(msg) as Uint8Array)).toBe('"found"');
    expect(createReceiver(asyncImpl()).receive(msg)).toBeInstanceOf(Promise);
  });

  it("replies to a settled promise exactly as to the synchronous answer: its value, its rpc-error, the contract's error, ser", async () => {
    const fails = [undefined, { tag: 'other', val: 'no' }, 'bad text'];
    for (const fail of fails) {
      const sync = createReceiver(syncImpl(fail));
      const later = createReceiver(asyncImpl(fail));
      for (const [method, arg] of MESSAGES) {
        const want = await outcome(() => sync.receive(counted(method, arg).msg));
        expect({ method, arg, fail, got: await outcome(() => later.receive(counted(method, arg).msg)) }).toEqual({
          method,
          arg,
          fail,
          got: want,
        });
      }
    }
    // The synchronous answers themselves, by the contract: the reply, the error variant, ser.
    const sync = createReceiver(syncImpl());
    expect(await outcome(() => sync.receive(counted('Jobs.Parse', '"5"').msg))).toEqual({ ok: '{"Ok":5}' });
    expect(await outcome(() => sync.receive(counted('Jobs.Size', '"huge"').msg))).toMatchObject({
      err: { tag: 'ser' },
    });
    const failing = createReceiver(asyncImpl('bad text'));
    expect(await outcome(() => failing.receive(counted('Jobs.Check', '"x"').msg))).toEqual({
      ok: '{"Err":"bad text"}',
    });
    const rpc = createReceiver(asyncImpl({ tag: 'other', val: 'no' }));
    expect(await outcome(() => rpc.receive(counted('Jobs.Fetch', '"a"').msg))).toEqual({
      err: { tag: 'other', val: 'no' },
    });
  });
});
