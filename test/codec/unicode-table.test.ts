/** The runtime's table of characters `{:?}` escapes is exactly the Unicode property set. */
import { describe, expect, it } from 'vitest';
import { isDebugEscaped, rustDebugStr } from '../../src/codec/runtime.ts';
import { DEBUG_ESCAPED } from './unicode-sets.ts';

describe('the {:?} escape table', () => {
  it('agrees with the Unicode properties on every code point', () => {
    const wrong: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (isDebugEscaped(cp) !== DEBUG_ESCAPED(cp) && wrong.length < 10) wrong.push(cp.toString(16));
    }
    expect(wrong).toEqual([]);
  });

  it('quotes as Rust does', () => {
    // U+0301 extends a grapheme, U+200B is format (Cf), U+00A0 is a space other than ' '.
    expect(rustDebugStr('e\u0301 \u200b\u00a0é"\\\n')).toBe('"e\\u{301} \\u{200b}\\u{a0}é\\"\\\\\\n"');
  });
});
