/**
 * The codec inside the engines that run it: one small component per engine (StarlingMonkey via
 * componentize-js, QuickJS via componentize-qjs), built as witbus builds adapters, holding the
 * generated codecs of the real contracts. It runs the generated decoder and encoder, and the
 * engine's JSON.parse and JSON.stringify on the same document, in batches inside the engine.
 * Those builds have no clock in the guest (reading one traps with WASI clocks disabled or stubbed),
 * so the host times each batch call; a batch lasts at least MIN_BATCH_MS, against a call cost of
 * tens of microseconds. Cases: the httpserver request without a body, with a 64 KiB and with a
 * 1 MiB body, keyvalue's list of 10k strings, and a list of 10k records. Target: decode and encode
 * within 1.5× of the engine's native JSON.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildComponents } from '../src/component/build.ts';
import { BACKENDS, type Backend } from '../src/component/types.ts';
import { emitCodec } from '../src/codec/emit.ts';
import { loadComponent } from '../src/host/load.ts';
import { loadWit, type WitFs } from '../src/wit/load.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WORK = join(tmpdir(), 'witbus-codec-engine-bench');
const CASES = ['request-small', 'request-64k', 'request-1m', 'keyvalue-strings-10k', 'records-10k'] as const;
const OPS = ['decode', 'parse', 'encode', 'stringify'] as const;
/** Each batch runs at least this long in the engine, so the call around it does not count. */
const MIN_BATCH_MS = 40;
const ROUNDS = 5;

const BENCH_WIT = `package witbus:codec-bench;

world bench {
  /** Runs \`op\` on case \`name\` \`iterations\` times; a checksum of the results. */
  export measure: func(name: string, op: string, iterations: u32) -> u32;
  /** Whether the codec re-encodes its own decoding of the case's bytes byte for byte. */
  export roundtrips: func(name: string) -> bool;
}
`;

const RECORDS_WIT = `package bench:records;

interface records {
  record item { id: u32, name: string, price: f64, active: bool, tags: list<string> }
  type items = list<item>;
}
`;

const GUEST = `
import { decodeHttpRequest, encodeHttpRequest } from ${JSON.stringify(join(ROOT, 'generated/wasmcloud-httpserver/http-server/codec.ts'))};
import { decodeListString, encodeListString } from ${JSON.stringify(join(ROOT, 'generated/wasmcloud-keyvalue/key-value/codec.ts'))};
import { decodeItems, encodeItems } from './records-codec.ts';

/** The payloads are ASCII: their text, for the native parser, is one char per byte. */
function ascii(bytes) {
  let s = '';
  for (let k = 0; k < bytes.length; k += 8192) s += String.fromCharCode.apply(null, bytes.subarray(k, k + 8192));
  return s;
}

function bytesOf(n) {
  const b = new Uint8Array(n);
  for (let k = 0; k < n; k++) b[k] = (k * 131 + 7) & 255;
  return b;
}

const request = (method, body) => ({
  method,
  path: '/api/v1/upload',
  queryString: 'a=1&b=two',
  header: [['content-type', 'application/octet-stream'], ['x-request-id', '5f1c2d']],
  body,
});

const builders = {
  'request-small': () => [request('GET', new Uint8Array(0)), decodeHttpRequest, encodeHttpRequest],
  'request-64k': () => [request('POST', bytesOf(64 * 1024)), decodeHttpRequest, encodeHttpRequest],
  'request-1m': () => [request('POST', bytesOf(1024 * 1024)), decodeHttpRequest, encodeHttpRequest],
  'keyvalue-strings-10k': () => [Array.from({ length: 10000 }, (_, k) => 'member-' + k + '-of-the-set'), decodeListString, encodeListString],
  'records-10k': () => [
    Array.from({ length: 10000 }, (_, k) => ({ id: k, name: 'item-' + k, price: k * 1.25, active: k % 3 === 0, tags: ['a', 't' + (k % 7)] })),
    decodeItems,
    encodeItems,
  ],
};

const cases = {};
function get(name) {
  let c = cases[name];
  if (c === undefined) {
    const [value, decode, encode] = builders[name]();
    const bytes = encode(value).slice();
    const text = ascii(bytes);
    c = { bytes, text, value: decode(bytes), plain: JSON.parse(text), decode, encode };
    cases[name] = c;
  }
  return c;
}

export function measure(name, op, iterations) {
  const c = get(name);
  let sink = 0;
  for (let k = 0; k < iterations; k++) {
    let out;
    if (op === 'decode') out = c.decode(c.bytes);
    else if (op === 'parse') out = JSON.parse(c.text);
    else if (op === 'encode') out = c.encode(c.value);
    else out = JSON.stringify(c.plain);
    sink = (sink + (out.length ?? 1)) >>> 0;
  }
  return sink;
}

export function roundtrips(name) {
  const c = get(name);
  const again = c.encode(c.decode(c.bytes));
  if (again.length !== c.bytes.length) return false;
  for (let k = 0; k < again.length; k++) if (again[k] !== c.bytes[k]) return false;
  return true;
}
`;

interface Guest {
  measure(name: string, op: string, iterations: number): number;
  roundtrips(name: string): boolean;
}

/** Milliseconds one batch of `iterations` takes, timed around the call. */
function batch(guest: Guest, name: string, op: string, iterations: number): number {
  const t0 = performance.now();
  guest.measure(name, op, iterations);
  return performance.now() - t0;
}

/** Writes the guest, its WIT and the records codec, and builds (or reuses) both components. */
async function buildGuests(): Promise<Map<Backend, Guest>> {
  const src = join(WORK, 'src');
  await mkdir(src, { recursive: true });
  const fs: WitFs = {
    readFile: () => RECORDS_WIT,
    readDir: () => [],
    kind: (p) => (p === '/records.wit' ? 'file' : null),
  };
  const { resolve } = loadWit(fs, '/records.wit');
  const items = resolve.interfaces.find((i) => i.name === 'records')!.types.get('items')!;
  const runtime = join(ROOT, 'generated/codec-runtime.ts').replace(/\.ts$/, '.js');
  const emitted = emitCodec({ resolve, roots: [items], runtimeImport: runtime });
  await writeFile(join(src, 'records-codec.ts'), emitted.source);
  await writeFile(join(src, 'guest.js'), GUEST);
  await writeFile(join(src, 'bench.wit'), BENCH_WIT);
  const specs = BACKENDS.map((backend) => ({
    name: `codec-bench-${backend}`,
    sourcePath: join(src, 'guest.js'),
    witPath: join(src, 'bench.wit'),
    world: 'bench',
    backend,
  }));
  const reports = await buildComponents(specs, { outDir: join(WORK, 'components') });
  const guests = new Map<Backend, Guest>();
  for (const report of reports) {
    const loaded = await loadComponent(report.outDir);
    guests.set(report.spec.backend, loaded.instantiate({}) as unknown as Guest);
  }
  return guests;
}

/** Milliseconds per operation: a batch sized to MIN_BATCH_MS, its fastest of ROUNDS. */
function perOp(guest: Guest, name: string, op: string): number {
  let n = 1;
  let ms = batch(guest, name, op, n);
  while (ms < MIN_BATCH_MS) {
    n *= Math.min(8, Math.ceil((MIN_BATCH_MS * 1.2) / ms));
    ms = batch(guest, name, op, n);
  }
  let best = ms / n;
  // A single slow operation (seconds, before any fast path) needs fewer repeats to be stable.
  const rounds = ms > 1000 ? 2 : ROUNDS;
  for (let r = 1; r < rounds; r++) best = Math.min(best, batch(guest, name, op, n) / n);
  return best;
}

const round = (n: number, digits = 3): number => Number(n.toFixed(digits));

export async function bench(): Promise<Record<string, unknown>> {
  const guests = await buildGuests();
  const out: Record<string, unknown> = {};
  for (const [backend, guest] of guests) {
    const engine: Record<string, unknown> = {};
    for (const name of CASES) {
      if (!guest.roundtrips(name)) throw new Error(`${backend}: the codec does not round-trip ${name}`);
      const ms = Object.fromEntries(OPS.map((op) => [op, perOp(guest, name, op)])) as Record<
        (typeof OPS)[number],
        number
      >;
      engine[name] = {
        decodeMs: round(ms.decode),
        jsonParseMs: round(ms.parse),
        decodeRatio: round(ms.decode / ms.parse, 2),
        encodeMs: round(ms.encode),
        jsonStringifyMs: round(ms.stringify),
        encodeRatio: round(ms.encode / ms.stringify, 2),
      };
      process.stderr.write(`bench: codec-engine ${backend} ${name}: ${JSON.stringify(engine[name])}\n`);
    }
    out[backend] = engine;
  }
  out.targets = { decodeRatio: 1.5, encodeRatio: 1.5 };
  return out;
}
