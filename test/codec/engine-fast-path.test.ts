/**
 * The whole-document fast path inside the real engines: one small component per backend
 * (StarlingMonkey, QuickJS) holds a generated codec twice, with the runtime's native paths on and,
 * as the reference, off (see engine-builds.ts). The host hands it valid and mutated documents; the
 * guest decodes each with both, re-encodes the value with both, and tells whether the fast build
 * took the whole-document path (the exact reader's `ws` was not called, the writer's `take` was
 * not). Both builds must answer alike, and the fast path must have been taken in both engines.
 */
import { join } from 'node:path';
import { mkdir, writeFile } from 'node:fs/promises';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildComponents } from '../../src/component/build.ts';
import { BACKENDS, type Backend } from '../../src/component/types.ts';
import { emitCodec } from '../../src/codec/emit.ts';
import { loadComponent } from '../../src/host/load.ts';
import { testSeed } from '../helpers/seed.ts';
import { bundleCodec } from './engine-builds.ts';
import { codecFor, typeId, witResolve } from './harness.ts';
import { deepWithBracketStrings, mutation, UTF8_SEQUENCES, utf8 } from './mutations.ts';

const WORK = new URL('../.cache/codec-fast-path/', import.meta.url).pathname;

const TYPES_WIT = `package test:fast;

interface t {
  variant kind { plain, tagged(string), sized(u16) }
  record item { id: u32, name: string, price: f64, active: bool, tags: list<string>, note: option<string>, size: u64, kind: kind, ratio: f32 }
  type items = list<item>;
  record request { method: string, header: list<tuple<string, string>>, body: list<u8> }
}
`;

const GUEST_WIT = `package test:fast-guest;

world checker {
  /** For each document: the fast build's outcome, the reference's, and the paths the fast build took. */
  export check: func(root: string, docs: list<list<u8>>) -> list<string>;
}
`;

const GUEST = `
globalThis.exactCalls = 0;
globalThis.writerCalls = 0;
for (const codec of [FAST, EXACT]) {
  const ws = codec.TestReader.prototype.ws;
  codec.TestReader.prototype.ws = function () { exactCalls++; return ws.call(this); };
  const take = codec.TestWriter.prototype.take;
  codec.TestWriter.prototype.take = function () { writerCalls++; return take.call(this); };
}
const show = (v) => {
  if (v === undefined || v === null) return 'none';
  if (typeof v === 'bigint') return v + 'n';
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'boolean') return String(v);
  if (ArrayBuffer.isView(v)) return v.constructor.name + '[' + Array.from(v, show).join(',') + ']';
  if (Array.isArray(v)) return '[' + v.map(show).join(',') + ']';
  return '{' + Object.keys(v).map((k) => k + ':' + show(v[k])).join(',') + '}';
};
const outcome = (f) => {
  try {
    return 'ok ' + f();
  } catch (e) {
    return e && e.name === 'CodecError' ? 'error ' + e.message + ' at ' + e.path : 'thrown ' + String(e);
  }
};
export function check(root, docs) {
  return docs.map((bytes) => {
    const reference = outcome(() => {
      const v = EXACT['decode' + root](bytes);
      return show(v) + ' written ' + EXACT['encode' + root](v).join(',');
    });
    const exact = exactCalls;
    const writer = writerCalls;
    let fastDecode = false;
    const fast = outcome(() => {
      const v = FAST['decode' + root](bytes);
      fastDecode = exactCalls === exact;
      const w = writerCalls;
      const out = FAST['encode' + root](v).join(',');
      return show(v) + ' written ' + out + (writerCalls === w ? '' : '');
    });
    const fastEncode = fast.startsWith('ok') && writerCalls === writer;
    return [fast, reference, (fastDecode ? 'decode' : '') + (fastEncode ? ' encode' : '')].join('\\n');
  });
}
`;

interface Guest {
  check(root: string, docs: Uint8Array[]): string[];
}

const guests = new Map<Backend, Guest>();
const docs: Record<string, string[]> = {};

beforeAll(async () => {
  const resolve = witResolve(TYPES_WIT);
  const roots = [typeId(resolve, 't', 'items'), typeId(resolve, 't', 'request')];
  const emitted = emitCodec({ resolve, roots, runtimeImport: './runtime.ts' });
  const source = `${emitted.source}\nexport { Reader as TestReader, Writer as TestWriter } from './runtime.ts';\n`;
  const [fast, exact] = await Promise.all([bundleCodec(source, true), bundleCodec(source, false)]);
  const src = join(WORK, 'src');
  await mkdir(src, { recursive: true });
  const rename = (code: string, name: string) => code.replace(/^var codec = /m, `var ${name} = `);
  await writeFile(join(src, 'guest.js'), `${rename(fast, 'FAST')}\n${rename(exact, 'EXACT')}\n${GUEST}`);
  await writeFile(join(src, 'checker.wit'), GUEST_WIT);
  const specs = BACKENDS.map((backend) => ({
    name: `codec-fast-path-${backend}`,
    sourcePath: join(src, 'guest.js'),
    witPath: join(src, 'checker.wit'),
    world: 'checker',
    backend,
  }));
  for (const report of await buildComponents(specs, { outDir: join(WORK, 'components') })) {
    guests.set(report.spec.backend, (await loadComponent(report.outDir)).instantiate({}) as unknown as Guest);
  }
  const items = await codecFor(resolve, roots[0]!);
  const request = await codecFor(resolve, roots[1]!);
  const item = (k: number) => ({
    id: k,
    name: `item-${k}`,
    price: k * 1.25,
    active: k % 3 === 0,
    tags: ['a', `t${k % 7}`],
    note: k % 2 === 0 ? undefined : `n\u00e9 ${k}`,
    size: BigInt(k) * 1000000007n,
    kind: k % 3 === 0 ? { tag: 'plain' } : k % 3 === 1 ? { tag: 'tagged', val: `x${k}` } : { tag: 'sized', val: k },
    ratio: Math.fround(k / 8),
  });
  docs.Items = [0, 1, 5, 40].map((n) => items.encode(Array.from({ length: n }, (_, k) => item(k))));
  docs.Request = [0, 3, 100].map((n) =>
    request.encode({
      method: 'POST',
      header: [['content-type', 'application/json']],
      body: Uint8Array.from({ length: n }, (_, k) => (k * 131) & 255),
    }),
  );
}, 300_000);

describe.each(BACKENDS)('the fast path inside %s', (backend) => {
  it('decodes and encodes valid and mutated documents as the exact codec does, and takes the fast path', () => {
    const guest = guests.get(backend)!;
    const paths = { decode: 0, encode: 0 };
    for (const [root, valid] of Object.entries(docs)) {
      const mutated = fc
        .sample(fc.tuple(fc.constantFrom(...valid), mutation), { numRuns: 150, seed: testSeed() })
        .map(([doc, mutate]) => mutate(doc));
      // Every sequence Rust's UTF-8 check refuses or takes, in the first string of a document.
      const sequences = UTF8_SEQUENCES.map((bad) => {
        const doc = valid[valid.length - 1]!;
        const at = doc.indexOf(':"') + 2;
        return new Uint8Array([...utf8(doc.slice(0, at)), ...bad, ...utf8(doc.slice(at))]);
      });
      // An unknown member nesting deeper than JSON.parse survives in QuickJS, its brackets disguised
      // by brackets in strings: the nesting guard must still see it (serde skips such a member).
      const last = valid[valid.length - 1]!;
      const open = last.indexOf('{') + 1;
      const disguised = `${last.slice(0, open)}"zz":${deepWithBracketStrings(20000)},${last.slice(open)}`;
      // An unterminated string of escaped quotes before many brackets: the guard's scan for strings
      // must stay linear (it once retried from each escaped quote, quadratic in the engines).
      const unterminated = `[{"zz":"${'\\"'.repeat(20000)}${'['.repeat(1001)}`;
      const inputs = [...valid, ...mutated, disguised, unterminated, ...sequences].map((d) =>
        typeof d === 'string' ? utf8(d) : d,
      );
      const answers = guest.check(root, inputs);
      answers.forEach((answer, k) => {
        const [fast, reference, took] = answer.split('\n') as [string, string, string];
        expect(fast, Buffer.from(inputs[k]!).toString('latin1')).toBe(reference);
        if (took.includes('decode')) paths.decode++;
        if (took.includes('encode')) paths.encode++;
      });
      // Every valid document is compact and canonical, with floats serde reads exactly, and so are
      // those with a valid UTF-8 sequence in a string (QuickJS reads them with decodeURIComponent).
      for (const answer of answers.slice(0, valid.length)) expect(answer.split('\n')[2]).toContain('decode');
      const validSequences = answers.slice(-sequences.length).filter((a) => a.split('\n')[1]!.startsWith('ok'));
      expect(validSequences.length).toBe(9);
      for (const answer of validSequences) expect(answer.split('\n')[2]).toContain('decode');
    }
    expect(paths.decode).toBeGreaterThan(0);
    // QuickJS has no TextEncoder: its encoder stays on the Writer.
    if (backend === 'sm') expect(paths.encode).toBeGreaterThan(0);
    else expect(paths.encode).toBe(0);
  });
});
