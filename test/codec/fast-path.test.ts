/**
 * The whole-document fast path (JSON.parse, a generated walk, a comparison of the text written
 * back) must answer exactly as the exact reader: the same value or the same error, position and
 * path, for valid documents of random types and for the same documents mutated where JSON.parse
 * and serde differ (duplicate and reordered keys, `1.0`, `-0`, exponents, big integers, float edge
 * tokens, lone surrogate escapes, marks spelled out in strings, unknown fields, deep nesting,
 * whitespace, invalid UTF-8). Each random type's codec runs in three ECMAScript contexts like
 * native-paths.test.ts: fast paths with TextDecoder (as StarlingMonkey), without (as QuickJS), and
 * the reference with them off. Whether a decode took the fast path shows in the exact reader's
 * calls, counted in each context.
 */
import { createContext, runInContext, type Context } from 'node:vm';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { emitCodec } from '../../src/codec/emit.ts';
import { testSeed } from '../helpers/seed.ts';
import { bundleCodec } from './engine-builds.ts';
import { mutation, utf8 } from './mutations.ts';
import { codecFor, typeId, witResolve } from './harness.ts';
import { typeTree, valueOf, witFor } from './random-types.ts';

/** Runs in each context: decodes, describes the outcome, and tells whether the exact reader ran. */
const HARNESS = `
globalThis.exactCalls = 0;
const ws = codec.TestReader.prototype.ws;
codec.TestReader.prototype.ws = function () { exactCalls++; return ws.call(this); };
globalThis.writerCalls = 0;
const take = codec.TestWriter.prototype.take;
codec.TestWriter.prototype.take = function () { writerCalls++; return take.call(this); };
const show = (v) => {
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  if (typeof v === 'bigint') return v + 'n';
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'boolean') return String(v);
  if (v instanceof Map) return 'Map{' + [...v].map(([k, x]) => show(k) + '=>' + show(x)).join(',') + '}';
  if (ArrayBuffer.isView(v)) return v.constructor.name + '[' + Array.from(v, show).join(',') + ']';
  if (Array.isArray(v)) return '[' + v.map(show).join(',') + ']';
  const own = Object.keys(v).map((k) => k + ':' + show(v[k]));
  const symbols = Object.getOwnPropertySymbols(v).map((s) => String(s) + ':' + show(v[s]));
  return '{' + own.concat(symbols).join(',') + '}';
};
globalThis.decodeOnce = (bytes) => {
  const before = exactCalls;
  let out;
  try {
    const v = codec[decodeName](bytes);
    out = 'ok ' + show(v) + ' written ' + Array.from(codec[encodeName](v)).join(',');
  } catch (e) {
    out = e && e.name === 'CodecError' ? 'error ' + e.message + ' at path ' + JSON.stringify(e.path) : 'thrown ' + String(e);
  }
  return { out, fast: exactCalls === before };
};
/** Values the Writer refuses, re-wraps or writes its own way, put in place of one part of a value. */
const HOSTILE = [
  () => '\ud800', () => 'a\udc00b', () => '\ud83d\ude00', () => 'e\u0301', () => '\u0001', () => '\u00015.0\u0002', () => 'x\u0002',
  () => NaN, () => Infinity, () => -0, () => 0.1, () => 1.5, () => 123.456, () => 1e21, () => 1e16, () => 1e-7, () => 5e-324,
  () => 2 ** 53 - 1, () => 2 ** 53 + 2, () => 4294967296, () => -2147483649, () => -1, () => 255, () => 65536,
  () => 2n ** 64n - 1n, () => 2n ** 64n, () => -(2n ** 63n), () => -1n, () => 7n,
  () => 'x', () => '', () => null, () => undefined, () => true, () => ({}), () => [1, 2], () => new Uint8Array([1, 2]),
  () => new Map([[1, 2]]), () => new Map([['1', 2]]), () => new Map([['__proto__', 2]]), () => ({ tag: 'nope' }),
];
globalThis.encodeMutated = (bytes, at, which) => {
  let v;
  try {
    v = codec[decodeName](bytes);
  } catch {
    return { out: 'undecodable', fast: false };
  }
  const holder = { v };
  const slots = [[holder, 'v']];
  const collect = (x) => {
    if (typeof x !== 'object' || x === null || ArrayBuffer.isView(x)) return;
    if (x instanceof Map) {
      for (const [k, y] of x) { slots.push([x, k]); collect(y); }
      return;
    }
    for (const k of Object.keys(x)) { slots.push([x, k]); collect(x[k]); }
  };
  collect(v);
  const [c, k] = slots[at % slots.length];
  const hostile = HOSTILE[which % HOSTILE.length]();
  if (c instanceof Map) c.set(k, hostile);
  else c[k] = hostile;
  const before = writerCalls;
  let out;
  try {
    out = 'ok ' + Array.from(codec[encodeName](holder.v)).join(',');
  } catch (e) {
    out = e && e.name === 'CodecError' ? 'error ' + e.message + ' at path ' + JSON.stringify(e.path) : 'thrown ' + String(e);
  }
  // The Writer's take() ends every encode it completes.
  return { out, fast: out.startsWith('ok') && writerCalls === before };
};
`;

interface Outcome {
  out: string;
  fast: boolean;
}

interface Build {
  decode(bytes: Uint8Array): Outcome;
  /** Decodes a document, puts a hostile value in place of one part of the value, and encodes it. */
  encodeMutated(bytes: Uint8Array, at: number, which: number): Outcome;
}

function load(code: string, globals: Record<string, unknown>, names: { decode: string; encode: string }): Build {
  const context: Context = createContext({ ...globals, decodeName: names.decode, encodeName: names.encode });
  runInContext(code, context);
  runInContext(HARNESS, context);
  return {
    decode: (bytes) => {
      context.input = Array.from(bytes);
      return runInContext('decodeOnce(new Uint8Array(input))', context) as Outcome;
    },
    encodeMutated: (bytes, at, which) => {
      Object.assign(context, { input: Array.from(bytes), at, which });
      return runInContext('encodeMutated(new Uint8Array(input), at, which)', context) as Outcome;
    },
  };
}

interface Case {
  wit: string;
  docs: string[];
  fastNative: Build;
  fastBare: Build;
  reference: Build;
}

const cases: Case[] = [];

beforeAll(async () => {
  const seed = testSeed();
  const trees = fc.sample(typeTree, { numRuns: 40, seed });
  for (const [n, tree] of trees.entries()) {
    const wit = witFor(tree);
    const resolve = witResolve(wit);
    const root = typeId(resolve, 't', 'root');
    const emitted = emitCodec({ resolve, roots: [root], runtimeImport: './runtime.ts' });
    // The exact reader's and writer's classes, to count their calls.
    const source = `${emitted.source}\nexport { Reader as TestReader, Writer as TestWriter } from './runtime.ts';\n`;
    const names = emitted.roots[0]!;
    const [fast, exact] = await Promise.all([bundleCodec(source, true), bundleCodec(source, false)]);
    const node = await codecFor(resolve, root);
    const docs = fc.sample(valueOf(tree), { numRuns: 12, seed: seed + n }).map((v) => node.encode(v));
    cases.push({
      wit,
      docs,
      fastNative: load(fast, { TextDecoder, TextEncoder }, names),
      fastBare: load(fast, {}, names),
      reference: load(exact, {}, names),
    });
  }
}, 240_000);

describe('the whole-document fast path against the exact reader', () => {
  it('decodes valid and mutated documents of random types alike, and takes the fast path where it can', () => {
    let validFast = 0;
    let valid = 0;
    let mutatedFast = 0;
    for (const c of cases) {
      for (const doc of c.docs) {
        const want = c.reference.decode(utf8(doc));
        expect(want.fast).toBe(false);
        for (const b of [c.fastNative, c.fastBare]) {
          const got = b.decode(utf8(doc));
          expect(got.out, `${c.wit}\n${doc}`).toBe(want.out);
          valid++;
          if (got.fast) validFast++;
        }
      }
      fc.assert(
        fc.property(fc.constantFrom(...c.docs), mutation, (doc, mutate) => {
          const text = mutate(doc);
          const bytes = typeof text === 'string' ? utf8(text) : text;
          const want = c.reference.decode(bytes).out;
          for (const b of [c.fastNative, c.fastBare]) {
            const got = b.decode(bytes);
            expect(
              got.out,
              `${c.wit}\n${doc}\n${typeof text === 'string' ? text : Buffer.from(text).toString('latin1')}`,
            ).toBe(want);
            if (got.fast) mutatedFast++;
          }
        }),
        { seed: testSeed(), numRuns: 60 },
      );
    }
    // Most valid documents are compact and canonical; those with floats serde may read otherwise miss.
    expect(validFast).toBeGreaterThan(valid * 0.6);
    expect(mutatedFast).toBeGreaterThan(0);
  });

  it('encodes values of random types alike, with a hostile value in place of any part', () => {
    let fast = 0;
    for (const c of cases) {
      fc.assert(
        fc.property(fc.constantFrom(...c.docs), fc.nat(), fc.nat(), (doc, at, which) => {
          const bytes = utf8(doc);
          const want = c.reference.encodeMutated(bytes, at, which);
          expect(want.fast).toBe(false);
          for (const b of [c.fastNative, c.fastBare]) {
            const got = b.encodeMutated(bytes, at, which);
            expect(got.out, `${c.wit}\n${doc}`).toBe(want.out);
            if (got.fast) fast++;
          }
        }),
        { seed: testSeed(), numRuns: 60 },
      );
    }
    // Only the build with TextEncoder encodes natively.
    expect(fast).toBeGreaterThan(0);
  });
});
