/**
 * Every integer type through witbus's generated adapters, built as real components on both
 * engines (fixtures/adapter-ints: a contract with every integer type flat, in a record, a list and
 * an option, as arguments and as results). The test host plays both the business logic and the bus:
 * - sender: the host calls the typed export, checks the JSON the sender sends, answers with the
 *   value's JSON, and checks the typed value the sender returns;
 * - receiver: the host sends the value's JSON, checks the typed value the contract import gets,
 *   returns the value, and checks the JSON the receiver answers.
 * Every expectation comes from the integer's definition (its decimal text on the wire, jco's JS
 * value on the typed side). Where an engine cannot carry a value (LIMITS), the adapter must fail
 * with rpc-error `ser` naming the limit (a trap where the function has no error channel).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  loadComponent,
  withUnversionedKeys,
  type ComponentExports,
  type LoadedComponent,
} from '../../src/host/load.ts';
import { BACKENDS, type Backend } from '../../src/component/types.ts';
import { componentDir } from '../setup/paths.ts';

type IntType = 'u8' | 's8' | 'u16' | 's16' | 'u32' | 's32' | 'u64' | 's64';
const INT_TYPES: IntType[] = ['u8', 's8', 'u16', 's16', 'u32', 's32', 'u64', 's64'];
const bits = (t: IntType): bigint => BigInt(t.slice(1));
const is64 = (t: IntType): boolean => bits(t) === 64n;

const EXACT_IN_DOUBLE = 2n ** 53n - 1n;

/**
 * Both ends, -1, 0 and 1, and both sides of the sign bit; for 64-bit types also the edges of the
 * integers a double holds exactly (±(2^53-1) and ±(2^53+1)), and for u64 2^64-2^31, the first
 * whose two's complement reading fits an s32.
 */
function valuesOf(t: IntType): bigint[] {
  const half = 2n ** (bits(t) - 1n);
  if (t.startsWith('s')) {
    const ends = [-half, -1n, 0n, 1n, half - 1n];
    return is64(t) ? [...ends, -EXACT_IN_DOUBLE - 2n, -EXACT_IN_DOUBLE, EXACT_IN_DOUBLE, EXACT_IN_DOUBLE + 2n] : ends;
  }
  const ends = [0n, 1n, half - 1n, half, 2n * half - 1n];
  return is64(t) ? [...ends, EXACT_IN_DOUBLE, EXACT_IN_DOUBLE + 2n, 2n ** 64n - 2n ** 31n] : ends;
}

/**
 * Where a value crosses between an adapter and the other side: as core values (`flat`: a
 * function's parameters, or a result of one core value), through memory (a larger result, a
 * record in a list), or in a typed array.
 */
type Position = 'flat' | 'memory' | 'typed';
/** `in`: lifted into the adapter; `out`: lowered out of it. */
type Direction = 'in' | 'out';

/**
 * What the engines cannot carry, whatever form the adapter gives a value, and so what the adapter
 * refuses with a clear error (../shared/notes/component-engines.md, test/component/ints.test.ts):
 * - QuickJS holds 64-bit integers as doubles outside typed arrays, so beyond 2^53-1 in magnitude a
 *   value may already be rounded; a u64 of 2^64-2^31 or more comes in as its exact int32 reading;
 * - StarlingMonkey corrupts a u32 of 2^31 or more lowered flat, and traps on a negative s64 lowered
 *   flat.
 */
function carries(engine: Backend, direction: Direction, position: Position, t: IntType, v: bigint): boolean {
  if (engine === 'quickjs') {
    if (!is64(t) || (v >= -EXACT_IN_DOUBLE && v <= EXACT_IN_DOUBLE)) return true;
    if (direction === 'in') return t === 'u64' && v >= 2n ** 64n - 2n ** 31n;
    return position === 'typed';
  }
  if (direction === 'in' || position !== 'flat') return true;
  return t === 'u32' ? v < 2n ** 31n : t === 's64' ? v >= 0n : true;
}

const FIELDS: Record<IntType, { js: string; json: string }> = Object.fromEntries(
  INT_TYPES.map((t) => [t, { js: `a${t.toUpperCase()}`, json: `a_${t}` }]),
) as Record<IntType, { js: string; json: string }>;

const TYPED_ARRAYS: Record<IntType, { of(...xs: Array<number | bigint>): ArrayLike<unknown> }> = {
  u8: Uint8Array,
  s8: Int8Array,
  u16: Uint16Array,
  s16: Int16Array,
  u32: Uint32Array,
  s32: Int32Array,
  u64: BigUint64Array,
  s64: BigInt64Array,
} as never;

/** jco's JS value of an integer: bigint for 64-bit types, a number otherwise. */
const jsInt = (t: IntType, v: bigint): number | bigint => (is64(t) ? v : Number(v));

/** A record with `t`'s field at `v` and every other field 0. */
const record = (t: IntType, v: bigint): { js: Record<string, number | bigint>; json: string } => ({
  js: Object.fromEntries(INT_TYPES.map((u) => [FIELDS[u].js, jsInt(u, u === t ? v : 0n)])),
  json: `{${INT_TYPES.map((u) => `"${FIELDS[u].json}":${u === t ? v : 0n}`).join(',')}}`,
});

/**
 * One function of the contract carrying one value: its name (`echo-u32`), the arguments as the host
 * passes them and as JSON, the result as JS and JSON, and where the value crosses: into the
 * function's parameters and out of its result.
 */
interface Call {
  fn: string;
  args: unknown[];
  argsJson: string;
  result: unknown;
  resultJson: string;
  params: Position;
  returns: Position;
  /** The export returns the value bare: no rpc-error channel, so a refusal traps. */
  bare: boolean;
}

const camel = (name: string): string => name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
const pascal = (name: string): string => camel(`-${name}`);

function calls(t: IntType, v: bigint): Call[] {
  const x = jsInt(t, v);
  const r = record(t, v);
  const base = { bare: false, params: 'flat' as Position, returns: 'memory' as Position };
  return [
    { ...base, fn: `echo-${t}`, args: [x], argsJson: `${v}`, result: x, resultJson: `${v}` },
    {
      ...base,
      fn: `bare-${t}`,
      args: [x],
      argsJson: `${v}`,
      result: x,
      resultJson: `${v}`,
      returns: 'flat',
      bare: true,
    },
    {
      ...base,
      fn: `pair-${t}`,
      args: [x, x],
      argsJson: `{"x":${v},"y":${v}}`,
      result: [x, x],
      resultJson: `[${v},${v}]`,
    },
    { ...base, fn: `echo-option-${t}`, args: [x], argsJson: `{"x":${v}}`, result: x, resultJson: `${v}` },
    {
      ...base,
      fn: `echo-list-${t}`,
      args: [TYPED_ARRAYS[t].of(x)],
      argsJson: `[${v}]`,
      result: TYPED_ARRAYS[t].of(x),
      resultJson: `[${v}]`,
      params: 'typed',
      returns: 'typed',
    },
    { ...base, fn: 'echo-record', args: [r.js], argsJson: r.json, result: r.js, resultJson: r.json },
    { ...base, fn: 'bare-record', args: [r.js], argsJson: r.json, result: r.js, resultJson: r.json, bare: true },
    {
      ...base,
      fn: 'echo-list-record',
      args: [[r.js]],
      argsJson: `[${r.json}]`,
      result: [r.js],
      resultJson: `[${r.json}]`,
      params: 'memory',
    },
    { ...base, fn: 'echo-option-record', args: [r.js], argsJson: `{"x":${r.json}}`, result: r.js, resultJson: r.json },
  ];
}

interface Case {
  type: IntType;
  value: bigint;
  call: Call;
}
const CASES: Case[] = INT_TYPES.flatMap((type) =>
  valuesOf(type).flatMap((value) => calls(type, value).map((call) => ({ type, value, call }))),
);
const caseName = ({ type, value, call }: Case): string => `${call.fn} ${type} ${value}`;

/** An option's none, checked once per type: `null` on the wire, `undefined` in jco. */
const NONE_CALLS: Call[] = INT_TYPES.map((t) => ({
  fn: `echo-option-${t}`,
  args: [undefined],
  argsJson: '{"x":null}',
  result: undefined,
  resultJson: 'null',
  params: 'flat',
  returns: 'memory',
  bare: false,
}));

const METHOD = (fn: string): string => `Numbers.${pascal(fn)}`;
const CONTRACT = 'witbus:adapter-ints/numbers@0.1.0';
const SENDER_IMPORT = 'wasmcloud:wasmbus/sender@0.1.0';
const RECEIVER_EXPORT = 'wasmcloud:wasmbus/receiver@0.1.0';

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

/** What a call came to: the values seen on the other side, or how it failed. */
type Outcome = { ok: string } | { error: string } | { trap: true };

/** A value as text for comparing (bigints and typed arrays included). */
const show = (x: unknown): string =>
  JSON.stringify(x, (_k, v: unknown) =>
    typeof v === 'bigint'
      ? `${v}n`
      : ArrayBuffer.isView(v)
        ? [v.constructor.name, ...Array.from(v as never, String)]
        : v,
  ) ?? 'undefined';

function failure(e: unknown): Outcome {
  if (String(e).includes('RuntimeError')) return { trap: true };
  // jco's ComponentError carries the rpc-error as `payload`; the host's loader throws it bare.
  const p = ((e as { payload?: unknown }).payload ?? e) as { tag?: string; val?: string };
  if (p.tag === undefined) throw e;
  return { error: `${p.tag}: ${p.val ?? ''}` };
}

/** A refusal names the value (after the codec's path to it, if any) and the engine's limit. */
const REFUSAL =
  /^ser: numbers: (\S+: )?[us]\d\d -?\d+ (cannot be handed over|is beyond 2\^53 - 1 in a number): .*(2\^53 - 1|StarlingMonkey)/;

/** Where the value crosses for each adapter: the sender lifts the export's parameters and lowers its result; the receiver lowers the import's parameters and lifts its result. */
function expected(engine: Backend, side: 'sender' | 'receiver', c: Case): 'exact' | 'refused' | 'trap' {
  const { params, returns, bare } = c.call;
  const crossings: Array<[Direction, Position]> =
    side === 'sender'
      ? [
          ['in', params],
          ['out', returns],
        ]
      : [
          ['out', params],
          ['in', returns],
        ];
  if (crossings.every(([d, p]) => carries(engine, d, p, c.type, c.value))) return 'exact';
  return side === 'sender' && bare ? 'trap' : 'refused';
}

for (const engine of BACKENDS as Backend[]) {
  describe(`generated adapters on ${engine}`, () => {
    let sender: LoadedComponent;
    let receiver: LoadedComponent;

    beforeAll(async () => {
      sender = await loadComponent(componentDir(engine, 'adapter-ints-sender'));
      receiver = await loadComponent(componentDir(engine, 'adapter-ints-receiver'));
    });

    it('sender: the bus gets every value exactly and the caller gets it back, or the adapter refuses it', () => {
      let sent: string[] = [];
      let reply = '';
      const send = (msg: { method: string; arg: Uint8Array }, contract: string): Uint8Array => {
        sent.push(`${contract} ${msg.method} ${text(msg.arg)}`);
        return bytes(reply);
      };
      const fresh = (): ComponentExports =>
        sender.instantiate(withUnversionedKeys({ [SENDER_IMPORT]: { send } as never }));
      let instance = fresh();

      const run = (call: Call): { sent: string[]; outcome: Outcome } => {
        sent = [];
        reply = call.resultJson;
        try {
          const r = instance[CONTRACT]![camel(call.fn)]!(...call.args);
          return { sent, outcome: { ok: show(r) } };
        } catch (e) {
          const outcome = failure(e);
          // A trap poisons the instance.
          if ('trap' in outcome) instance = fresh();
          return { sent, outcome };
        }
      };

      const wrong: Record<string, unknown> = {};
      for (const c of [...CASES, ...NONE_CALLS.map((call) => ({ type: 'u8' as IntType, value: 0n, call }))]) {
        const want = expected(engine, 'sender', c);
        const got = run(c.call);
        const wire = `witbus:adapter-ints ${METHOD(c.call.fn)} ${c.call.argsJson}`;
        const sendsExactly = got.sent.length === 1 && got.sent[0] === wire;
        const ok =
          want === 'exact'
            ? sendsExactly && 'ok' in got.outcome && got.outcome.ok === show(c.call.result)
            : want === 'trap'
              ? 'trap' in got.outcome
              : 'error' in got.outcome && REFUSAL.test(got.outcome.error) && (got.sent.length === 0 || sendsExactly);
        if (!ok) wrong[caseName(c)] = { want, got };
      }
      expect(wrong).toEqual({});
    });

    it('receiver: the contract gets every value exactly and the bus gets it back, or the adapter refuses it', () => {
      let seen: string[] = [];
      let answer: unknown;
      const contract = new Proxy(
        {},
        {
          get:
            (_t, name) =>
            (...args: unknown[]) => {
              seen.push(`${String(name)} ${show(args)}`);
              return answer;
            },
        },
      );
      const instance = receiver.instantiate(withUnversionedKeys({ [CONTRACT]: contract as never }));

      const wrong: Record<string, unknown> = {};
      for (const c of [...CASES, ...NONE_CALLS.map((call) => ({ type: 'u8' as IntType, value: 0n, call }))]) {
        const want = expected(engine, 'receiver', c);
        seen = [];
        answer = c.call.result;
        let outcome: Outcome;
        try {
          const r = instance[RECEIVER_EXPORT]!.receive!({ method: METHOD(c.call.fn), arg: bytes(c.call.argsJson) });
          outcome = { ok: text(r as Uint8Array) };
        } catch (e) {
          outcome = failure(e);
        }
        const called = `${camel(c.call.fn)} ${show(c.call.args)}`;
        const ok =
          want === 'exact'
            ? seen.length === 1 && seen[0] === called && 'ok' in outcome && outcome.ok === c.call.resultJson
            : 'error' in outcome && REFUSAL.test(outcome.error) && (seen.length === 0 || seen[0] === called);
        if (!ok) wrong[caseName(c)] = { want, seen, outcome };
      }
      expect(wrong).toEqual({});
    });
  });
}
