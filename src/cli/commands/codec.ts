/**
 * `witbus codec <wit> --type <interface>.<type> --decode|--encode|--roundtrip`: runs the
 * GENERATED codec for one WIT type over JSON lines on stdin, one result line per input line.
 * It exists to check the codec against serde_json from the outside, so it uses exactly the
 * module the adapters ship (emitted, bundled with the runtime by esbuild, imported).
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { parseCommandArgs, usageError, type CliCommand } from '../command.ts';
import { WitLoadError } from '../../wit/load.ts';
import { loadWitFromDisk, nodeWitFs } from '../../node/wit-fs.ts';
import type { Resolve, Type } from '../../wit/model.ts';
import { emitCodec } from '../../codec/emit.ts';
import type { CodecOptions, EnumRepr } from '../../codec/options.ts';
import { FLAGS_UNKNOWN_BITS } from '../../codec/runtime.ts';
import { isRenameRule, type RenameRule } from '../../naming/index.ts';

const HELP = `usage: witbus codec <wit> --type <interface>.<type> (--decode | --encode | --roundtrip) [options]

Reads JSON lines on stdin (split on the newline byte; each line's raw bytes go to the codec, so
invalid UTF-8 is rejected as serde_json's from_slice rejects it) and writes one line per input:
  {"ok":true,"output":...} or {"ok":false,"error":"..."}

modes:
  --decode      input: serde_json wire JSON; output: the decoded jco value (tagged JSON, below)
  --encode      input: a jco value as tagged JSON; output: the wire JSON serde_json would write
  --roundtrip   input: wire JSON; output: the wire JSON after decode then encode

tagged JSON for jco values: bigint {"$bigint":"-5"}, typed arrays {"$typed":"Uint8Array","values":[1,2]}
(64-bit elements as strings), Map {"$map":[[key,value],...]}; option none is null or absent; flags
bits no named flag covers as "$unknownBits" beside the flags ({"read":true,"$unknownBits":{"$bigint":"128"}}).

options:
  --field-rename RULE   serde rename_all for record fields (lowercase, UPPERCASE, PascalCase,
                        camelCase, snake_case, SCREAMING_SNAKE_CASE, kebab-case, SCREAMING-KEBAB-CASE)
  --case-rename RULE    serde rename_all for variant and enum cases
  --enum-repr REPR      external (default) | internal:TAG | adjacent:TAG,CONTENT | untagged
  --bytes FORM          list<u8> as array (default) or base64
  --witified-maps       list<tuple<string, V>> as a JSON object
  -h, --help            show this help
`;

/** Directory of runtime.ts, the module generated codecs import. */
const CODEC_DIR = fileURLToPath(new URL('../../codec/', import.meta.url));

/** A loaded codec module: `encode<Name>` and `decode<Name>` functions by name. */
export type CodecModule = Record<string, (input: never) => unknown>;

/** Bundles generated codec source with the runtime and imports it. */
export async function loadCodecModule(source: string): Promise<CodecModule> {
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
    const unknownBits = typeof v === 'object' && v !== null ? (v as Record<symbol, unknown>)[FLAGS_UNKNOWN_BITS] : undefined;
    if (unknownBits !== undefined) return { ...(v as object), $unknownBits: unknownBits };
    if (v instanceof Map) return { $map: [...v.entries()] };
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
      const name = v.constructor.name;
      const values = Array.from(v as unknown as ArrayLike<number | bigint>, (x) => (typeof x === 'bigint' ? x.toString() : x));
      return { $typed: name, values };
    }
    return v;
  });
}

function parseEnumRepr(text: string): EnumRepr | null {
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

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
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

function errorLine(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return JSON.stringify({ ok: false, error: message });
}

async function run(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs('codec', HELP, argv, {
    type: { type: 'string' },
    decode: { type: 'boolean' },
    encode: { type: 'boolean' },
    roundtrip: { type: 'boolean' },
    'field-rename': { type: 'string' },
    'case-rename': { type: 'string' },
    'enum-repr': { type: 'string' },
    bytes: { type: 'string' },
    'witified-maps': { type: 'boolean' },
  });
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const modes = [values.decode, values.encode, values.roundtrip].filter(Boolean).length;
  if (positionals.length !== 1 || values.type === undefined || modes !== 1) {
    return usageError('codec', HELP, 'expected one WIT path, --type and exactly one mode');
  }
  const options: CodecOptions = {};
  for (const [flag, key] of [
    ['field-rename', 'fieldRename'],
    ['case-rename', 'caseRename'],
  ] as const) {
    const rule = values[flag];
    if (rule === undefined) continue;
    if (!isRenameRule(rule)) {
      process.stderr.write(`witbus codec: unknown --${flag} rule '${rule}'\n`);
      return 2;
    }
    options[key] = rule as RenameRule;
  }
  if (values['enum-repr'] !== undefined) {
    const repr = parseEnumRepr(values['enum-repr']);
    if (repr === null) {
      process.stderr.write(`witbus codec: bad --enum-repr '${values['enum-repr']}'\n`);
      return 2;
    }
    options.enumRepr = repr;
  }
  if (values.bytes !== undefined) {
    if (values.bytes !== 'array' && values.bytes !== 'base64') {
      process.stderr.write(`witbus codec: --bytes must be array or base64\n`);
      return 2;
    }
    options.bytes = values.bytes;
  }
  if (values['witified-maps']) options.witifiedMaps = true;

  const path = positionals[0]!;
  if (nodeWitFs.kind(path) === null) {
    process.stderr.write(`witbus codec: no such file or directory: ${path}\n`);
    return 1;
  }
  let resolve: Resolve;
  let rootPackage: number;
  try {
    const loaded = await loadWitFromDisk(path);
    resolve = loaded.resolve;
    rootPackage = loaded.packages[0]!;
  } catch (e) {
    if (e instanceof WitLoadError) {
      process.stderr.write(`${e.message}\n`);
      return 1;
    }
    throw e;
  }
  const type = findType(resolve, rootPackage, values.type);
  if (type === null) {
    process.stderr.write(`witbus codec: no type '${values.type}' (expected <interface>.<type>)\n`);
    return 1;
  }
  const emitted = emitCodec({ resolve, roots: [type], options, runtimeImport: './runtime.ts' });
  if (emitted.problems.length > 0) {
    for (const p of emitted.problems) {
      const name = typeof p.type === 'number' ? (resolve.types[p.type]!.name ?? `type ${p.type}`) : p.type;
      process.stderr.write(`witbus codec: ${name} cannot cross a wire (${p.reason})\n`);
    }
    return 1;
  }
  const mod = await loadCodecModule(emitted.source);
  const { encode, decode } = emitted.roots[0]!;
  const encodeFn = mod[encode] as (v: unknown) => Uint8Array;
  const decodeFn = mod[decode] as (b: Uint8Array) => unknown;
  const out: string[] = [];
  for (const line of byteLines(await readStdin())) {
    try {
      if (values.decode) {
        out.push(`{"ok":true,"output":${toTaggedJson(decodeFn(line))}}`);
      } else if (values.encode) {
        let text: string;
        try {
          text = strictUtf8.decode(line);
        } catch {
          throw new Error('input line is not valid UTF-8');
        }
        out.push(`{"ok":true,"output":${Buffer.from(encodeFn(fromTaggedJson(text))).toString('utf8')}}`);
      } else {
        const bytes = encodeFn(decodeFn(line));
        out.push(`{"ok":true,"output":${Buffer.from(bytes).toString('utf8')}}`);
      }
    } catch (e) {
      out.push(errorLine(e));
    }
  }
  process.stdout.write(out.length > 0 ? `${out.join('\n')}\n` : '');
  return 0;
}

export const command: CliCommand = {
  summary: 'run the generated serde_json codec of a WIT type over JSON lines',
  run,
};
