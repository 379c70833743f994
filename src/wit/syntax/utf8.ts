/**
 * UTF-8 validation reporting the first problem the way Rust's `Utf8Error` displays it; wit-parser
 * shows that text when a string literal's `\xx` escapes spell invalid UTF-8.
 */
function isContinuation(b: number | undefined): boolean {
  return b !== undefined && b >= 0x80 && b <= 0xbf;
}

/** Whether `second` may follow lead byte `first` of a 3- or 4-byte sequence. */
function validSecond(first: number, second: number): boolean {
  if (first === 0xe0) return second >= 0xa0 && second <= 0xbf;
  if (first === 0xed) return second >= 0x80 && second <= 0x9f;
  if (first === 0xf0) return second >= 0x90 && second <= 0xbf;
  if (first === 0xf4) return second >= 0x80 && second <= 0x8f;
  return isContinuation(second);
}

function sequenceWidth(first: number): number {
  if (first < 0x80) return 1;
  if (first >= 0xc2 && first <= 0xdf) return 2;
  if (first >= 0xe0 && first <= 0xef) return 3;
  if (first >= 0xf0 && first <= 0xf4) return 4;
  return 0;
}

/** Rust's message for the first invalid sequence in `bytes`, or null when they are valid UTF-8. */
export function utf8Error(bytes: readonly number[]): string | null {
  let i = 0;
  while (i < bytes.length) {
    const first = bytes[i]!;
    const width = sequenceWidth(first);
    const invalid = (len: number): string => `invalid utf-8 sequence of ${len} bytes from index ${i}`;
    const incomplete = `incomplete utf-8 byte sequence from index ${i}`;
    if (width === 0) return invalid(1);
    for (let k = 1; k < width; k++) {
      const b = bytes[i + k];
      if (b === undefined) return incomplete;
      const ok = k === 1 && width > 2 ? validSecond(first, b) : isContinuation(b);
      if (!ok) return invalid(k);
    }
    i += width;
  }
  return null;
}
