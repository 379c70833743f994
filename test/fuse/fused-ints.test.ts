/**
 * The widest integers through a fused module, on both engines. Inside one, the adapters and the
 * business logic share an engine, so no integer crosses a component boundary: every value must
 * arrive exactly, including those the engines corrupt between components (a u32 of 2^31 or more, a
 * negative s64, a u64 beyond 2^53; see test/component/adapter-ints.test.ts).
 *
 * fixtures/relay-ints: the logic receives each value on `numbers` (through the receiver adapter),
 * tells the bus what it was given (`forward.seen`), and relays it through the sender adapter of
 * `forward`, whose answer it returns. The test host checks the text the logic saw against jco's JS
 * value of the integer (number for u32, bigint for 64-bit types, typed arrays for numeric lists),
 * the JSON the sender puts on the bus, and the JSON the receiver answers, all from the integers'
 * definitions.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildComponents } from '../../src/component/build.ts';
import { BACKENDS, type Backend } from '../../src/component/types.ts';
import { loadComponent, withUnversionedKeys, type LoadedComponent } from '../../src/host/load.ts';
import { appComponent } from '../../src/service/components.ts';
import { fusedComponent } from '../../src/service/fuse.ts';
import { generateTarget } from '../../src/service/generate.ts';
import { writeOutputs } from '../../src/service/output.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/relay-ints/', import.meta.url));
/** Kept between runs, so an unchanged fused module is not rebuilt (the build cache's key decides). */
const CACHE = fileURLToPath(new URL('../.cache/fused-ints/', import.meta.url));
const GENERATED = join(CACHE, 'generated');

type Wide = 'u32' | 's64' | 'u64';
const EXACT_IN_DOUBLE = 2n ** 53n - 1n;

/** The extremes test/component/adapter-ints.test.ts sends for these types. */
const VALUES: Record<Wide, bigint[]> = {
  u32: [0n, 1n, 2n ** 31n - 1n, 2n ** 31n, 2n ** 32n - 1n],
  s64: [
    -(2n ** 63n),
    -1n,
    0n,
    1n,
    2n ** 63n - 1n,
    -EXACT_IN_DOUBLE - 2n,
    -EXACT_IN_DOUBLE,
    EXACT_IN_DOUBLE,
    EXACT_IN_DOUBLE + 2n,
  ],
  u64: [
    0n,
    1n,
    2n ** 63n - 1n,
    2n ** 63n,
    2n ** 64n - 1n,
    EXACT_IN_DOUBLE,
    EXACT_IN_DOUBLE + 2n,
    2n ** 64n - 2n ** 31n,
  ],
};

/** jco's JS value of an integer, as relay.ts shows it: `5n` for a 64-bit type, `5` for a u32. */
const shown = (t: Wide, v: bigint): string => (t === 'u32' ? `${v}` : `${v}n`);
const TYPED_ARRAY: Record<Wide, string> = { u32: 'Uint32Array', s64: 'BigInt64Array', u64: 'BigUint64Array' };

/** One call of `numbers`: the method, its argument JSON, what the logic sees, and the answer's JSON. */
interface Case {
  name: string;
  method: string;
  argJson: string;
  seen: string;
  resultJson: string;
}

function cases(t: Wide, v: bigint): Case[] {
  const T = t.toUpperCase();
  const s = shown(t, v);
  return [
    { name: `echo-${t}`, method: `Numbers.Echo${T}`, argJson: `${v}`, seen: `[${s}]`, resultJson: `${v}` },
    { name: `bare-${t}`, method: `Numbers.Bare${T}`, argJson: `${v}`, seen: `[${s}]`, resultJson: `${v}` },
    {
      name: `pair-${t}`,
      method: `Numbers.Pair${T}`,
      argJson: `{"x":${v},"y":${v}}`,
      seen: `[${s},${s}]`,
      resultJson: `[${v},${v}]`,
    },
    {
      name: `echo-option-${t}`,
      method: `Numbers.EchoOption${T}`,
      argJson: `{"x":${v}}`,
      seen: `[${s}]`,
      resultJson: `${v}`,
    },
    {
      name: `echo-list-${t}`,
      method: `Numbers.EchoList${T}`,
      argJson: `[${v}]`,
      seen: `[${TYPED_ARRAY[t]}[${s}]]`,
      resultJson: `[${v}]`,
    },
  ];
}

/** The record with `t`'s field at `v` and the others 0. */
function recordCases(t: Wide, v: bigint): Case[] {
  const value = (u: Wide): bigint => (u === t ? v : 0n);
  const fields: Wide[] = ['u32', 's64', 'u64'];
  const json = `{${fields.map((u) => `"a_${u}":${value(u)}`).join(',')}}`;
  const js = `{${fields.map((u) => `a${u.toUpperCase()}:${shown(u, value(u))}`).join(',')}}`;
  return [
    { name: `echo-record ${t}`, method: 'Numbers.EchoRecord', argJson: json, seen: `[${js}]`, resultJson: json },
    {
      name: `echo-list-record ${t}`,
      method: 'Numbers.EchoListRecord',
      argJson: `[${json}]`,
      seen: `[[${js}]]`,
      resultJson: `[${json}]`,
    },
  ];
}

const WIDE: Wide[] = ['u32', 's64', 'u64'];
const CASES: Case[] = [
  ...WIDE.flatMap((t) => VALUES[t].flatMap((v) => [...cases(t, v), ...recordCases(t, v)])),
  // An option's none: `null` on the wire, `undefined` in jco.
  ...WIDE.map((t) => ({
    name: `echo-option-${t} none`,
    method: `Numbers.EchoOption${t.toUpperCase()}`,
    argJson: '{"x":null}',
    seen: '[undefined]',
    resultJson: 'null',
  })),
];

const RECEIVER = 'wasmcloud:wasmbus/receiver@0.1.0';
const SENDER = 'wasmcloud:wasmbus/sender@0.1.0';
const CONTRACT = 'witbus:relay-ints';
const text = (b: Uint8Array): string => new TextDecoder().decode(b);
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

/** What one message came to: the messages the module sent, and its answer or error. */
interface Outcome {
  sent: string[];
  answer: string;
}

for (const backend of BACKENDS as Backend[]) {
  describe(`a fused module on ${backend}`, () => {
    let fused: LoadedComponent;

    beforeAll(async () => {
      const wit = join(FIXTURE, 'relay.wit');
      const output = await generateTarget({ wit, out: GENERATED });
      const build = fusedComponent(output, GENERATED, appComponent(join(FIXTURE, 'relay.ts'), wit, backend));
      writeOutputs([output, { files: build.files }].map((o) => ({ dir: GENERATED, files: o.files })));
      const [report] = await buildComponents([build.spec], { outDir: join(CACHE, backend) });
      fused = await loadComponent(report!.outDir);
    });

    it('delivers every u32, s64 and u64 extreme exactly: to the logic, onto the bus, and back in the answer', () => {
      let sent: string[] = [];
      let reply = '';
      const send = (msg: { method: string; arg: Uint8Array }, contract: string): Uint8Array => {
        sent.push(`${contract} ${msg.method} ${text(msg.arg)}`);
        return bytes(msg.method === 'Forward.Seen' ? 'null' : reply);
      };
      const instance = fused.instantiate(withUnversionedKeys({ [SENDER]: { send } as never }));
      const run = (c: Case): Outcome => {
        sent = [];
        reply = c.resultJson;
        try {
          const r = instance[RECEIVER]!.receive!({ method: c.method, arg: bytes(c.argJson) });
          return { sent, answer: text(r as Uint8Array) };
        } catch (e) {
          // jco's ComponentError carries an rpc-error as `payload`.
          const p = (e as { payload?: unknown }).payload ?? e;
          return { sent, answer: `failed: ${p instanceof Error ? p.message : JSON.stringify(p)}` };
        }
      };
      const wrong: Record<string, { want: Outcome; got: Outcome }> = {};
      for (const c of CASES) {
        const want: Outcome = {
          sent: [
            `${CONTRACT} Forward.Seen ${JSON.stringify(c.seen)}`,
            `${CONTRACT} ${c.method.replace('Numbers.', 'Forward.')} ${c.argJson}`,
          ],
          answer: c.resultJson,
        };
        const got = run(c);
        if (JSON.stringify(got) !== JSON.stringify(want)) wrong[`${c.name} ${c.argJson}`] = { want, got };
      }
      expect(wrong).toEqual({});
    });
  });
}
