/**
 * `npm run unicode-table`: writes the code point table of `rustDebugStr` into the codec runtime.
 * The runtime runs inside StarlingMonkey, whose regular expressions have no Unicode property
 * escapes, so the set is computed here, from this Node's Unicode data, and embedded as ranges.
 * A test checks the embedded table against the same property escapes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEBUG_ESCAPED } from '../test/codec/unicode-sets.ts';

const runtime = fileURLToPath(new URL('../src/codec/runtime.ts', import.meta.url));

/** `gap,length` pairs in base 36, each range starting `gap` after the end of the one before. */
function encodeRanges(test: (cp: number) => boolean): string {
  const parts: string[] = [];
  let end = 0;
  for (let cp = 0; cp <= 0x10ffff; cp++) {
    if (!test(cp)) continue;
    let last = cp;
    while (last + 1 <= 0x10ffff && test(last + 1)) last++;
    parts.push(`${(cp - end).toString(36)}.${(last + 1 - cp).toString(36)}`);
    end = last + 1;
    cp = last;
  }
  return parts.join(',');
}

const table = encodeRanges(DEBUG_ESCAPED);
const text = readFileSync(runtime, 'utf8');
const start = text.indexOf('const DEBUG_ESCAPED_RANGES = ');
const end = text.indexOf(';\n', start);
if (start < 0) throw new Error('DEBUG_ESCAPED_RANGES not found in the runtime');
writeFileSync(runtime, `${text.slice(0, start)}const DEBUG_ESCAPED_RANGES =\n  '${table}'${text.slice(end)}`);
process.stdout.write(`wrote ${table.split(',').length} ranges (${table.length} characters) into ${runtime}\n`);
