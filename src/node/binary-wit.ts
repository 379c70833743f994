/**
 * Decoding WIT packages stored as Wasm (a component in the binary or text format) to WIT text,
 * ahead of `loadWit`, which is synchronous while jco's Wasm tools are not. jco-transpile's bundled
 * wasm-tools turns `.wat` into binary, and its `unpackWit` decodes the binary with wit-component
 * and prints each package back as WIT.
 */
import { isWasmPackage, packageFilePaths, type DecodedWitPackage, type WitFs } from '../wit/index.ts';

/** A `WitFs` that can also read a file's raw bytes, which a binary package needs. */
export interface ByteWitFs extends WitFs {
  readBytes(path: string): Uint8Array;
}

/** `unpackWit`'s file for the package itself; the others are `deps/<name>/package.wit`. */
const PACKAGE_FILE = 'package.wit';

/**
 * `fs`, answering `decodedPackage` for every package file that loading `path` reads and that holds
 * Wasm. Files that hold WIT text are not touched; jco is only loaded when there is Wasm.
 */
export async function withDecodedPackages(fs: ByteWitFs, path: string): Promise<WitFs> {
  const decoded = new Map<string, DecodedWitPackage>();
  for (const file of packageFilePaths(fs, path)) {
    const bytes = fs.readBytes(file);
    const text = new TextDecoder().decode(bytes);
    if (isWasmPackage(text)) decoded.set(file, await decodeWasmPackage(bytes, text));
  }
  return {
    readFile: (file) => fs.readFile(file),
    readDir: (dir) => fs.readDir(dir),
    kind: (file) => fs.kind(file),
    decodedPackage: (file) => decoded.get(file),
  };
}

/**
 * The WIT package in `bytes`, a component in the binary format or (as `text`) in the text format.
 * Failures become a message, for the loader to report against the file.
 */
export async function decodeWasmPackage(bytes: Uint8Array, text: string): Promise<DecodedWitPackage> {
  const { parse } = await import('@bytecodealliance/jco-transpile/wasm-tools');
  const { unpackWit } = await import('@bytecodealliance/jco-transpile');
  let binary = bytes;
  if (!text.startsWith('\0asm')) {
    try {
      binary = await parse(text);
    } catch (e) {
      return { ok: false, message: watErrorMessage(e) };
    }
  }
  let files: Map<string, string>;
  try {
    files = await unpackWit(undefined, binary);
  } catch (e) {
    return { ok: false, message: unpackErrorMessage(e) };
  }
  const wit = files.get(PACKAGE_FILE);
  if (wit === undefined) return { ok: false, message: `the decoder returned no ${PACKAGE_FILE}` };
  const deps = [...files].filter(([name]) => name !== PACKAGE_FILE).map(([name, depWit]) => ({ name, wit: depWit }));
  return { ok: true, wit, deps };
}

/**
 * jco reports a `.wat` syntax error as the Rust `Debug` text of wat's error; its message (`kind:
 * Custom("...")`) and 0-based position are what a reader needs.
 */
function watErrorMessage(e: unknown): string {
  const raw = e instanceof Error ? e.message : String(e);
  const kind = /kind: Custom\("((?:[^"\\]|\\.)*)"\)/.exec(raw);
  const at = /line: (\d+), col: (\d+)/.exec(raw);
  if (kind === null || at === null) return `invalid Wasm text: ${raw}`;
  const message = JSON.parse(`"${kind[1]!}"`) as string;
  return `invalid Wasm text at line ${Number(at[1]) + 1}, column ${Number(at[2]) + 1}: ${message}`;
}

/** `unpackWit` throws an error whose `payload` is its `UnpackError` variant. */
function unpackErrorMessage(e: unknown): string {
  const payload = (e as { payload?: { tag?: unknown; val?: unknown } } | null)?.payload;
  switch (payload?.tag) {
    case 'component-artifact':
      // wit-parser's words for the same case.
      return 'found an actual component instead of an encoded WIT package in wasm';
    case 'invalid-wasm':
    case 'print-error':
      return String(payload.val);
    default:
      return e instanceof Error ? e.message : String(e);
  }
}
