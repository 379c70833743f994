/**
 * UTF-8 encoding: the engine's native TextEncoder where there is one (StarlingMonkey), by hand
 * where there is not (QuickJS).
 */
export function utf8ByHand(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return new Uint8Array(out);
}

const native = typeof TextEncoder === 'function' ? new TextEncoder() : undefined;

export const utf8: (text: string) => Uint8Array = native === undefined ? utf8ByHand : (text) => native.encode(text);
