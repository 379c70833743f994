/**
 * The runtime's native fast paths (byte lists through JSON.parse, long strings through indexOf,
 * regular expressions and TextDecoder/TextEncoder) must answer exactly as the byte-by-byte reader
 * and writer: the same values, bytes, errors, positions and paths. One generated codec runs in
 * three builds, each in its own ECMAScript context: the fast paths with TextDecoder/TextEncoder
 * (as StarlingMonkey and Node have them), the fast paths without them (as QuickJS), and the
 * reference with the fast paths switched off (their threshold raised beyond any input). Node compiles
 * JavaScript and keeps the loops; these contexts have neither `process` nor `navigator`, so the
 * runtime takes them for the interpreters that have the fast paths.
 */
import { createContext, runInContext, type Context } from 'node:vm';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { emitCodec } from '../../src/codec/emit.ts';
import { testSeed } from '../helpers/seed.ts';
import { bundleCodec as bundle } from './engine-builds.ts';
import { typeId, witResolve } from './harness.ts';

const WIT = `
package test:native;

interface t {
  record req { name: string, body: list<u8>, tags: list<string> }
  type bytes = list<u8>;
}
`;

/** Calls into one build: decode results and encode results as comparable text. */
interface Build {
  decode(root: string, input: number[]): string;
  encode(root: string, value: unknown): string;
  /** How often the codec called the native functions its fast paths start with. */
  nativeCalls(): { parse: number; indexOf: number };
}

/**
 * In-context helpers: values are built and described inside the context, so realms never mix; a
 * byte list given as an array of bytes becomes a Uint8Array when its length is even, and stays a
 * plain array otherwise, so both writers run. JSON.parse and Uint8Array's indexOf are counted.
 */
const HARNESS = `
globalThis.calls = { parse: 0, indexOf: 0 };
const parse = JSON.parse;
JSON.parse = function (...args) { calls.parse++; return parse.apply(this, args); };
const indexOf = Uint8Array.prototype.indexOf;
Uint8Array.prototype.indexOf = function (...args) { calls.indexOf++; return indexOf.apply(this, args); };
globalThis.toValue = (v) =>
  Array.isArray(v) && v.length % 2 === 0 && v.every((x) => typeof x === 'number' && (x & 255) === x) ? new Uint8Array(v) : v;
globalThis.show = (v) => JSON.stringify(v, (k, x) => (x instanceof Uint8Array ? { bytes: Array.from(x) } : x));
globalThis.outcome = (f) => {
  try {
    return 'ok ' + f();
  } catch (e) {
    return e && e.name === 'CodecError' ? 'error ' + e.message + ' at path ' + JSON.stringify(e.path) : 'thrown ' + String(e);
  }
};
`;

function load(
  code: string,
  globals: Record<string, unknown>,
  roots: Record<string, { decode: string; encode: string }>,
): Build {
  const context: Context = createContext({ ...globals });
  runInContext(code, context);
  runInContext(HARNESS, context);
  const call = (script: string, args: Record<string, unknown>) => {
    Object.assign(context, args);
    return runInContext(script, context) as string;
  };
  return {
    decode: (root, input) =>
      call(
        `outcome(() => { const v = codec.${roots[root]!.decode}(new Uint8Array(input)); return show(v) + ' re-encoded ' + Array.from(codec.${roots[root]!.encode}(v)).join(','); })`,
        { input },
      ),
    encode: (root, value) =>
      call(`outcome(() => Array.from(codec.${roots[root]!.encode}(toValue(value))).join(','))`, { value }),
    nativeCalls: () => ({ ...(runInContext('calls', context) as { parse: number; indexOf: number }) }),
  };
}

let fastNative: Build;
let fastBare: Build;
let reference: Build;

beforeAll(async () => {
  const resolve = witResolve(WIT);
  const emitted = emitCodec({
    resolve,
    roots: [typeId(resolve, 't', 'req'), typeId(resolve, 't', 'bytes'), 'string'],
    runtimeImport: './runtime.ts',
  });
  const [req, bytes, str] = emitted.roots as [
    { decode: string; encode: string },
    { decode: string; encode: string },
    { decode: string; encode: string },
  ];
  const roots = { req, bytes, string: str };
  const fast = await bundle(emitted.source, true);
  const exact = await bundle(emitted.source, false);
  fastNative = load(fast, { TextDecoder, TextEncoder }, roots);
  fastBare = load(fast, {}, roots);
  reference = load(exact, {}, roots);
}, 60_000);

const utf8 = (s: string): number[] => Array.from(Buffer.from(s, 'utf8'));

/** Every build gives the reference's answer; returns it for further checks. */
function same(run: (b: Build) => string): string {
  const want = run(reference);
  expect(run(fastNative)).toBe(want);
  expect(run(fastBare)).toBe(want);
  return want;
}

const WS = [' ', '\n', '\t', '\r'];
const ws = fc.array(fc.constantFrom(...WS), { maxLength: 2 }).map((a) => a.join(''));

/** A JSON array of byte numbers with random JSON whitespace. */
const byteArrayText = fc
  .tuple(
    fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 300, size: 'max' }),
    fc.array(ws, { minLength: 602, maxLength: 602 }),
  )
  .map(([values, spaces]) => `[${spaces[0]}${values.map((v, k) => `${v}${spaces[2 * k + 1]}`).join(`,${spaces[1]}`)}]`);

/** Elements and characters that serde rejects or reads otherwise, spliced into a byte array. */
const BAD_ELEMENTS = [
  '256',
  '01',
  '00',
  '-1',
  '-0',
  '1.0',
  '1e2',
  '2E0',
  'null',
  'true',
  'false',
  '"1"',
  '[1]',
  '{}',
  '999',
  '1000',
  '',
  ',',
  '\f1',
  '1\u000b',
  'é',
  '\u0000',
  '255]',
  '[',
  '99999999999999999999',
];

const mutatedByteArray = fc
  .tuple(byteArrayText, fc.constantFrom(...BAD_ELEMENTS), fc.nat(), fc.boolean())
  .map(([text, bad, at, replace]) => {
    const k = 1 + (at % Math.max(1, text.length - 1));
    const cut = replace ? text.slice(k).replace(/^[0-9]+/, '') : text.slice(k);
    return text.slice(0, k) + bad + cut;
  });

describe('native fast paths against the byte-by-byte codec', () => {
  it('reads byte lists alike, valid or not, alone and inside a record', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          byteArrayText,
          mutatedByteArray,
          mutatedByteArray.map((t) => t.slice(0, -1)),
        ),
        (text) => {
          same((b) => b.decode('bytes', utf8(text)));
          same((b) => b.decode('req', utf8(`{"name":"n","body":${text},"tags":[]}`)));
        },
      ),
      { seed: testSeed(), numRuns: 400 },
    );
  });

  it('reads every such element alike at the start, middle and end of a long byte list', () => {
    const values = Array.from({ length: 40 }, (_, k) => (k * 37) % 256);
    for (const bad of BAD_ELEMENTS) {
      for (const at of [0, 20, 40]) {
        for (const replace of [false, true]) {
          const elements = values.map(String);
          elements.splice(at, replace ? 1 : 0, bad);
          const text = `[${elements.join(',')}]`;
          same((b) => b.decode('bytes', utf8(text)));
          same((b) => b.decode('req', utf8(`{"name":"n","body":${text},"tags":[]}`)));
        }
      }
    }
  });

  it('reads long strings alike: escapes, control characters, invalid UTF-8, a byte-order mark, no end', () => {
    const piece = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 8 }).map(utf8),
      fc.string({ maxLength: 8 }).map((s) => utf8(JSON.stringify(s).slice(1, -1))),
      fc.constantFrom(
        [0x5c, 0x22],
        [0x5c],
        [0x5c, 0x75, 0x64, 0x38, 0x30, 0x30],
        [0x5c, 0x75, 0x30, 0x30, 0x33, 0x61],
        [0x00],
        [0x1f],
        [0x7f],
        [0xef, 0xbb, 0xbf],
        [0xc0, 0xaf],
        [0xed, 0xa0, 0x80],
        [0xf4, 0x90, 0x80, 0x80],
        [0xe2, 0x82],
        [0xff],
        [0x22],
      ),
    );
    const body = fc
      .tuple(fc.integer({ min: 0, max: 90 }), fc.array(piece, { maxLength: 6 }), fc.integer({ min: 0, max: 90 }))
      .map(([before, pieces, after]) => [...utf8('a'.repeat(before)), ...pieces.flat(), ...utf8('z'.repeat(after))]);
    fc.assert(
      fc.property(body, fc.boolean(), (bytes, closed) => {
        const quoted = [0x22, ...bytes, ...(closed ? [0x22] : [])];
        same((b) => b.decode('string', quoted));
        same((b) => b.decode('req', [...utf8('{"name":'), ...quoted, ...utf8(',"body":[],"tags":[]}')]));
        same((b) => b.decode('req', [...utf8('{"name":"n","body":[],"tags":['), ...quoted, ...utf8(']}')]));
      }),
      { seed: testSeed(), numRuns: 600 },
    );
  });

  it('writes strings alike, lone surrogates and characters serde escapes included', () => {
    const text = fc
      .tuple(
        fc.string({ unit: 'binary', maxLength: 40 }),
        fc.string({
          unit: fc.constantFrom('"', '\\', '\u0000', '\u001f', '\ud800', '\udfff', '\u2028', '\u007f', 'é'),
          maxLength: 3,
        }),
        fc.integer({ min: 0, max: 100 }),
      )
      .map(([a, b, n]) => 'x'.repeat(n) + a + b);
    fc.assert(
      fc.property(text, (s) => {
        const out = same((b) => b.encode('string', s));
        // An independent reader of the written text: it is a JSON string holding s.
        if (out.startsWith('ok ') && !/[\ud800-\udfff]/.test(s)) {
          expect(JSON.parse(Buffer.from(out.slice(3).split(',').map(Number)).toString('utf8'))).toBe(s);
        }
      }),
      { seed: testSeed(), numRuns: 400 },
    );
  });

  it('writes byte lists alike, from Uint8Arrays and from arrays with wrong elements', () => {
    const element = fc.oneof(
      { weight: 20, arbitrary: fc.integer({ min: 0, max: 255 }) },
      { weight: 1, arbitrary: fc.constantFrom<unknown>(256, -1, 1.5, '1', null, -0) },
    );
    fc.assert(
      fc.property(fc.array(element, { maxLength: 300, size: 'max' }), (values) => {
        const out = same((b) => b.encode('bytes', values));
        if (values.every((v) => typeof v === 'number' && (v & 255) === v && !Object.is(v, -0))) {
          expect(out).toBe(`ok ${utf8(`[${values.join(',')}]`).join(',')}`);
        }
      }),
      { seed: testSeed(), numRuns: 300 },
    );
  });

  it('took the fast paths (and the reference never did)', () => {
    const exact = reference.nativeCalls();
    expect(exact.parse).toBe(0);
    for (const b of [fastNative, fastBare]) {
      expect(b.nativeCalls().parse).toBeGreaterThan(50);
      // Long strings look for their closing quote with indexOf; byte lists for their `]` in every build.
      expect(b.nativeCalls().indexOf).toBeGreaterThan(exact.indexOf + 200);
    }
  });
});
