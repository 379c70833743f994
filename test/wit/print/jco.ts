/**
 * jco's view of a WIT package, for differential tests and the benchmark: `componentEmbed` builds
 * a dummy core module carrying the world's `component-type` custom section, and jco-transpile's
 * `unpackWit` prints that section back as WIT files (`package.wit`, `deps/<pkg>/package.wit`).
 */
import { componentEmbed } from '@bytecodealliance/jco';
import { unpackWit } from '@bytecodealliance/jco-transpile';
import { _setPreopens } from '@bytecodealliance/preview2-shim/filesystem';

// jco's bundled wasm-tools reads `witPath` through the WASI shim, which sees no files until
// the preopens are set. The package's export map gives TypeScript the browser typing (a file
// tree); Node's implementation takes host paths.
(_setPreopens as unknown as (preopens: Record<string, string>) => void)({ '/': '/' });

export function embedWorld(witPath: string, world: string): Promise<Uint8Array> {
  return componentEmbed({ witPath, dummy: true, world });
}

/** The payload of the first custom section whose name starts with `component-type`. */
export function componentTypeSection(module: Uint8Array): Uint8Array {
  let offset = 8; // magic and version
  while (offset < module.length) {
    const id = module[offset++]!;
    const [size, bodyStart] = readU32(module, offset);
    const end = bodyStart + size;
    if (id === 0) {
      const [nameLen, nameStart] = readU32(module, bodyStart);
      const name = new TextDecoder().decode(module.subarray(nameStart, nameStart + nameLen));
      if (name.startsWith('component-type')) return module.subarray(nameStart + nameLen, end);
    }
    offset = end;
  }
  throw new Error('no component-type custom section');
}

/** The WIT files jco prints for the world embedded in `witPath`, by path. */
export async function jcoWorldWit(witPath: string, world: string): Promise<Map<string, string>> {
  return unpackWit(undefined, componentTypeSection(await embedWorld(witPath, world)));
}

function readU32(bytes: Uint8Array, start: number): [number, number] {
  let result = 0;
  let shift = 0;
  let offset = start;
  for (;;) {
    const byte = bytes[offset++]!;
    result |= (byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return [result >>> 0, offset];
    shift += 7;
  }
}

/**
 * The top-level `interface x { ... }` and `world x { ... }` blocks of canonically printed WIT, by
 * `interface x` / `world x`. jco prints only what a world needs (and in decoding order), so
 * comparisons are block by block.
 */
export function topLevelBlocks(text: string): Map<string, string> {
  const blocks = new Map<string, string>();
  let key: string | null = null;
  let lines: string[] = [];
  for (const line of text.split('\n')) {
    const open = /^(interface|world) (\S+) \{$/.exec(line);
    if (key === null && open) {
      key = `${open[1]} ${open[2]}`;
      lines = [line];
    } else if (key !== null) {
      lines.push(line);
      if (line === '}') {
        blocks.set(key, lines.join('\n'));
        key = null;
      }
    }
  }
  return blocks;
}

/** The `ns:name@version` of a printed file's `package ...;` line. */
export function printedPackageName(text: string): string {
  const match = /^package ([^;\s]+);$/m.exec(text);
  if (!match) throw new Error('no package line');
  return match[1]!;
}
