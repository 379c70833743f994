/** Test helpers: load WIT text in memory, emit a codec for named types and import it. */
import { loadWit, type WitFs } from '../../src/wit/load.ts';
import type { Resolve, Type } from '../../src/wit/model.ts';
import { emitCodec, type CodecRoot } from '../../src/codec/emit.ts';
import type { CodecOptions } from '../../src/codec/options.ts';
import { loadCodecModule } from '../../src/service/codec.ts';

/** Resolves one WIT file given as text. */
export function witResolve(text: string): Resolve {
  const fs: WitFs = {
    readFile: () => text,
    readDir: () => [],
    kind: (path) => (path === '/mem/test.wit' ? 'file' : null),
  };
  return loadWit(fs, '/mem/test.wit').resolve;
}

/** The TypeId of `name` in interface `iface`. */
export function typeId(resolve: Resolve, iface: string, name: string): Type {
  for (const i of resolve.interfaces) {
    const id = i.name === iface ? i.types.get(name) : undefined;
    if (id !== undefined) return id;
  }
  throw new Error(`no type ${iface}.${name}`);
}

export interface Codec {
  encode(value: unknown): string;
  decode(json: string | Uint8Array): unknown;
  /** decode, returning the CodecError message instead of throwing. */
  decodeError(json: string | Uint8Array): string;
  source: string;
}

/** Emits, bundles and imports the codec of one root. */
export async function codecFor(resolve: Resolve, root: CodecRoot, options?: CodecOptions): Promise<Codec> {
  const emitted = emitCodec({ resolve, roots: [root], options, runtimeImport: './runtime.ts' });
  if (emitted.problems.length > 0) throw new Error(`problems: ${JSON.stringify(emitted.problems)}`);
  const mod = await loadCodecModule(emitted.source);
  const { encode, decode } = emitted.roots[0]!;
  const enc = mod[encode] as (v: unknown) => Uint8Array;
  const dec = mod[decode] as (b: Uint8Array) => unknown;
  const bytes = (j: string | Uint8Array) => (typeof j === 'string' ? new TextEncoder().encode(j) : j);
  return {
    source: emitted.source,
    encode: (v) => new TextDecoder().decode(enc(v)),
    decode: (j) => dec(bytes(j)),
    decodeError: (j) => {
      try {
        dec(bytes(j));
      } catch (e) {
        return (e as Error).message;
      }
      throw new Error('expected a decode error');
    },
  };
}

/** Codecs for several types of one WIT text, keyed by `iface.type`. */
export async function codecs(text: string, names: string[], options?: CodecOptions): Promise<Record<string, Codec>> {
  const resolve = witResolve(text);
  const out: Record<string, Codec> = {};
  for (const n of names) {
    const [iface, type] = n.split('.') as [string, string];
    out[n] = await codecFor(resolve, typeId(resolve, iface, type), options);
  }
  return out;
}
