/**
 * Mutations of JSON documents where JSON.parse and serde part ways, for the tests of the
 * whole-document fast path: number forms, strings and escapes, duplicate, reordered and unknown
 * members, whitespace, deep nesting, invalid UTF-8, truncation.
 */
import fc from 'fast-check';

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** A token of a JSON text: its kind (`"` string, `0` number, `a` literal, else the punctuation) and span. */
interface Token {
  kind: string;
  start: number;
  end: number;
}

function tokens(text: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < text.length;) {
    const c = text[i]!;
    const start = i;
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      out.push({ kind: '"', start, end: ++i });
    } else if (/[-0-9]/.test(c)) {
      while (i < text.length && /[-+.eE0-9]/.test(text[i]!)) i++;
      out.push({ kind: '0', start, end: i });
    } else if (/[a-z]/.test(c)) {
      while (i < text.length && /[a-z]/.test(text[i]!)) i++;
      out.push({ kind: 'a', start, end: i });
    } else {
      out.push({ kind: c, start, end: ++i });
    }
  }
  return out;
}

/** The index after the value starting at token `i`. */
function valueEnd(toks: Token[], i: number): number {
  let depth = 0;
  for (let k = i; k < toks.length; k++) {
    const kind = toks[k]!.kind;
    if (kind === '[' || kind === '{') depth++;
    if (kind === ']' || kind === '}') depth--;
    if (depth === 0) return k + 1;
  }
  return toks.length;
}

/** The spans `"key":value` of every object member, in text order. */
function members(text: string): [number, number][] {
  const toks = tokens(text);
  const out: [number, number][] = [];
  toks.forEach((t, i) => {
    const prev = toks[i - 1]?.kind;
    if (t.kind === '"' && toks[i + 1]?.kind === ':' && (prev === '{' || prev === ',')) {
      const end = valueEnd(toks, i + 2);
      out.push([t.start, toks[end - 1]!.end]);
    }
  });
  return out;
}

const NUMBER_FORMS = [
  (t: string) => `${t}.0`,
  (t: string) => `${t}e0`,
  (t: string) => `${t}E+0`,
  () => '-0',
  () => '-0.0',
  () => '9007199254740993',
  () => '9007199254740992',
  () => '18446744073709551616',
  () => '-9223372036854775809',
  () => '1e400',
  () => '-1e400',
  () => '2.2250738585072011e-308',
  () => '4.9e-324',
  () => '0.1',
  () => '1.5',
  () => '-1',
  () => '256',
  () => '4294967296',
  () => '123456789012345.5',
  () => '1234567890123456',
  () => '999999999999999.0',
  () => '1000000000000000.0',
  () => '0.30000000000000004',
  () => '0.000001',
  () => '5e-7',
  () => '1E2',
  () => '100000000000000000000',
  () => '00',
  () => '1.',
];

const STRING_FORMS = [
  '"\\ud800"',
  '"\\udc00x"',
  '"\\ud83d\\ude00"',
  '"\\uD83D\\uDE00"',
  '"\\u0041"',
  '"\\/"',
  '"a\\u0000b"',
  '"\\u0001x"',
  '"\\u00015.0\\u0002"',
  '"\\u0001[1]\\u0002"',
  '"x\\u0002"',
  '"\u00e9"',
  '"\\\\ud800"',
  '"0"',
  '"c0"',
  '"\uff01x"',
  '"\uff01"',
  '"\ud83d\ude00x"',
  '"f0 | f1"',
  '"0x8"',
];

/**
 * Byte sequences put into a string: what Rust's `str::from_utf8` refuses (a stray byte, overlongs,
 * surrogates, beyond U+10FFFF, truncated or lone continuation bytes) and, at the edges, what it
 * accepts.
 */
export const UTF8_SEQUENCES = [
  [0xff],
  [0x80],
  [0xc0, 0xaf],
  [0xc1, 0xbf],
  [0xe0, 0x80, 0xaf],
  [0xf0, 0x80, 0x80, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xed, 0xbf, 0xbf],
  [0xf4, 0x90, 0x80, 0x80],
  [0xf5, 0x80, 0x80, 0x80],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
  [0xe2, 0x82],
  [0xf0, 0x9f, 0x98],
  [0xc2, 0x80],
  [0xdf, 0xbf],
  [0xe0, 0xa0, 0x80],
  [0xed, 0x9f, 0xbf],
  [0xee, 0x80, 0x80],
  [0xef, 0xbf, 0xbf],
  [0xf0, 0x90, 0x80, 0x80],
  [0xf0, 0x9f, 0x98, 0x80],
  [0xf4, 0x8f, 0xbf, 0xbf],
];

/** Mutations of a document's text where JSON.parse and serde may part ways. */
/**
 * An array nesting `depth` deep whose every level also holds the strings `"]"` and `"["`, which pair
 * with the real brackets around them when strings are not told apart.
 */
export function deepWithBracketStrings(depth: number): string {
  return `${'["]",'.repeat(depth)}1${',"["]'.repeat(depth)}`;
}

export const mutation: fc.Arbitrary<(text: string) => string | Uint8Array> = fc.oneof(
  fc.constant((text: string) => text),
  fc.tuple(fc.nat(), fc.nat(NUMBER_FORMS.length - 1)).map(([at, form]) => (text: string) => {
    const nums = tokens(text).filter((t) => t.kind === '0');
    if (nums.length === 0) return text;
    const t = nums[at % nums.length]!;
    return text.slice(0, t.start) + NUMBER_FORMS[form]!(text.slice(t.start, t.end)) + text.slice(t.end);
  }),
  fc.tuple(fc.nat(), fc.nat(STRING_FORMS.length - 1)).map(([at, form]) => (text: string) => {
    const strs = tokens(text).filter((t) => t.kind === '"');
    if (strs.length === 0) return text;
    const t = strs[at % strs.length]!;
    return text.slice(0, t.start) + STRING_FORMS[form]! + text.slice(t.end);
  }),
  fc
    .tuple(fc.nat(), fc.constantFrom('duplicate', 'swap', 'unknown', 'deep-unknown', 'deep-unknown-strings'))
    .map(([at, how]) => (text: string) => {
      const spans = members(text);
      if (spans.length === 0) return text;
      const [start, end] = spans[at % spans.length]!;
      const member = text.slice(start, end);
      switch (how) {
        case 'duplicate':
          return `${text.slice(0, end)},${member}${text.slice(end)}`;
        case 'unknown':
          return `${text.slice(0, start)}"zz":[1,{"a":"b:c"},2.5],${text.slice(start)}`;
        case 'deep-unknown':
          return `${text.slice(0, start)}"zz":${'['.repeat(3000)}${']'.repeat(3000)},${text.slice(start)}`;
        case 'deep-unknown-strings':
          return `${text.slice(0, start)}"zz":${deepWithBracketStrings(3000)},${text.slice(start)}`;
        default: {
          // Swap with the next member of the same object, if it follows at once.
          const next = spans.find(([s]) => s === end + 1);
          if (next === undefined || text[end] !== ',') return text;
          return text.slice(0, start) + text.slice(next[0], next[1]) + ',' + member + text.slice(next[1]);
        }
      }
    }),
  fc.tuple(fc.nat(), fc.constantFrom(' ', '\n', '\t', '\r', '\f', '\u00a0')).map(([at, ws]) => (text: string) => {
    const toks = tokens(text);
    const t = toks[at % toks.length]!;
    return text.slice(0, t.end) + ws + text.slice(t.end);
  }),
  fc.tuple(fc.nat(), fc.constantFrom(1, 50, 130, 3000), fc.boolean()).map(([at, depth, asNull]) => (text: string) => {
    const toks = tokens(text);
    const i = at % toks.length;
    if (!['"', '0', 'a', '[', '{'].includes(toks[i]!.kind)) return text;
    const end = toks[valueEnd(toks, i) - 1]!.end;
    const value = asNull ? 'null' : `${'['.repeat(depth)}${']'.repeat(depth)}`;
    return text.slice(0, toks[i]!.start) + value + text.slice(end);
  }),
  fc.tuple(fc.nat(), fc.constantFrom(...UTF8_SEQUENCES)).map(([at, bad]) => (text: string) => {
    const strs = tokens(text).filter((t) => t.kind === '"');
    if (strs.length === 0) return text;
    const t = strs[at % strs.length]!;
    const bytes = utf8(text.slice(0, t.start + 1));
    return new Uint8Array([...bytes, ...bad, ...utf8(text.slice(t.start + 1))]);
  }),
  fc.nat().map((at) => (text: string) => text.slice(0, at % (text.length + 1))),
);
