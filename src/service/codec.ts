/**
 * The codec as a service: emit the generated codec of one WIT type, load it exactly as adapters
 * ship it (bundled with the runtime by esbuild), and run it over JSON lines. `witbus codec` and
 * the tests use it to check the codec against serde_json from the outside.
 */
import { dirname } from 'node:path';
import { emitCodec } from '../codec/emit.ts';
import type { CodecOptions, EnumRepr } from '../codec/options.ts';
import { FLAGS_UNKNOWN_BITS } from '../codec/runtime.ts';
import { CODEC_RUNTIME_SOURCE } from '../node/templates.ts';
import type { Resolve, Type } from '../wit/index.ts';
import { UserError } from './errors.ts';
import { loadWitPackage } from './wit.ts';

/** Directory of runtime.ts, the module generated codecs import. */
const CODEC_DIR = dirname(CODEC_RUNTIME_SOURCE);

/** A loaded codec module: `encode<Name>` and `decode<Name>` functions by name. */
export type CodecModule = Record<string, (input: never) => unknown>;

/** Bundles generated codec source with the runtime and imports it. */
export async function loadCodecModule(source: string): Promise<CodecModule> {
  const { build } = await import('esbuild');
  const out = await build({
    stdin: { contents: source, resolveDir: CODEC_DIR, loader: 'ts', sourcefile: 'codec.ts' },
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const js = out.outputFiles[0]!.text;
  return (await import(`data:text/javascript;base64,${Buffer.from(js).toString('base64')}`)) as CodecModule;
}

/** Revives tagged JSON into a jco value. */
export function fromTaggedJson(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return v;
    const o = v as Record<string, unknown>;
    if (typeof o.$bigint === 'string') return BigInt(o.$bigint);
    if (o.$unknownBits !== undefined) {
      const { $unknownBits, ...flags } = o;
      return { ...flags, [FLAGS_UNKNOWN_BITS]: $unknownBits };
    }
    if (o.$map !== undefined) return new Map(o.$map as [unknown, unknown][]);
    if (typeof o.$typed === 'string') {
      const ctor = (globalThis as unknown as Record<string, { from(a: unknown[]): unknown }>)[o.$typed];
      const values = o.values as unknown[];
      const big = o.$typed.startsWith('Big');
      return ctor!.from(big ? values.map((x) => BigInt(x as string)) : values);
    }
    return v;
  });
}

/** Writes a jco value as tagged JSON (deterministic: object keys in insertion order). */
export function toTaggedJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'bigint') return { $bigint: v.toString() };
    // JSON.stringify skips symbol keys: show a flags value's unknown bits under a plain key.
    const unknownBits =
      typeof v === 'object' && v !== null ? (v as Record<symbol, unknown>)[FLAGS_UNKNOWN_BITS] : undefined;
    if (unknownBits !== undefined) return { ...(v as object), $unknownBits: unknownBits };
    if (v instanceof Map) return { $map: [...v.entries()] };
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
      const name = v.constructor.name;
      const values = Array.from(v as unknown as ArrayLike<number | bigint>, (x) =>
        typeof x === 'bigint' ? x.toString() : x,
      );
      return { $typed: name, values };
    }
    return v;
  });
}

/** `external`, `untagged`, `internal:TAG` or `adjacent:TAG,CONTENT`, as `--enum-repr` takes it. */
export function parseEnumRepr(text: string): EnumRepr | null {
  if (text === 'external' || text === 'untagged') return { kind: text };
  if (text.startsWith('internal:') && text.length > 9) return { kind: 'internal', tag: text.slice(9) };
  if (text.startsWith('adjacent:')) {
    const [tag, content] = text.slice(9).split(',');
    if (tag && content) return { kind: 'adjacent', tag, content };
  }
  return null;
}

/** Finds `<interface>.<type>`, preferring interfaces of the root package. */
function findType(resolve: Resolve, rootPackage: number, spec: string): Type | null {
  const dot = spec.lastIndexOf('.');
  if (dot < 0) return null;
  const ifaceName = spec.slice(0, dot);
  const typeName = spec.slice(dot + 1);
  const candidates = resolve.interfaces
    .map((iface, id) => ({ iface, id }))
    .filter(({ iface }) => iface.name === ifaceName)
    .sort((a, b) => Number(b.iface.package === rootPackage) - Number(a.iface.package === rootPackage));
  for (const { iface } of candidates) {
    const id = iface.types.get(typeName);
    if (id !== undefined) return id;
  }
  return null;
}

/**
 * The lines of `input`, split on the `\n` byte and kept as raw bytes: the codec must see what
 * serde_json's `from_slice` would, invalid UTF-8 included. A final newline ends the last line.
 */
function byteLines(input: Uint8Array): Uint8Array[] {
  const lines: Uint8Array[] = [];
  let start = 0;
  for (let k = input.indexOf(10); k >= 0; k = input.indexOf(10, start)) {
    lines.push(input.subarray(start, k));
    start = k + 1;
  }
  if (start < input.length) lines.push(input.subarray(start));
  return lines;
}

/** Tagged JSON input for --encode is text: invalid UTF-8 there is an input error, not U+FFFD. */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export type CodecMode = 'decode' | 'encode' | 'roundtrip';

/** One compiled codec for a WIT type: run it over input lines, one result line each. */
export interface TypeCodec {
  /** `{"ok":true,"output":...}` or `{"ok":false,"error":"..."}` for each line of `input`. */
  runLines(input: Uint8Array, mode: CodecMode): string[];
}

/** Loads the WIT at `path` and compiles the codec of `<interface>.<type>` in it. */
export async function typeCodec(path: string, typeSpec: string, options: CodecOptions): Promise<TypeCodec> {
  const loaded = await loadWitPackage(path);
  const type = findType(loaded.resolve, loaded.packages[0]!, typeSpec);
  if (type === null) throw new UserError(`error: no type '${typeSpec}' in ${path} (expected <interface>.<type>)`);
  const resolve = loaded.resolve;
  const emitted = emitCodec({ resolve, roots: [type], options, runtimeImport: './runtime.ts' });
  if (emitted.problems.length > 0) {
    const lines = emitted.problems.map((p) => {
      const name = typeof p.type === 'number' ? (resolve.types[p.type]!.name ?? `type ${p.type}`) : p.type;
      return `error: ${name} cannot cross a wire (${p.reason})`;
    });
    throw new UserError(lines.join('\n'));
  }
  const mod = await loadCodecModule(emitted.source);
  const { encode, decode } = emitted.roots[0]!;
  const encodeFn = mod[encode] as (v: unknown) => Uint8Array;
  const decodeFn = mod[decode] as (b: Uint8Array) => unknown;
  const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');
  const once = (line: Uint8Array, mode: CodecMode): string => {
    if (mode === 'decode') return toTaggedJson(decodeFn(line));
    if (mode === 'roundtrip') return text(encodeFn(decodeFn(line)));
    let json: string;
    try {
      json = strictUtf8.decode(line);
    } catch {
      throw new Error('input line is not valid UTF-8');
    }
    return text(encodeFn(fromTaggedJson(json)));
  };
  return {
    runLines: (input, mode) =>
      byteLines(input).map((line) => {
        try {
          return `{"ok":true,"output":${once(line, mode)}}`;
        } catch (e) {
          return JSON.stringify({ ok: false, error: e instanceof Error ? e.message : String(e) });
        }
      }),
  };
}
