/**
 * witbus codec runtime: a JSON reader and writer over bytes that behave exactly like
 * serde_json 1.0.150 (default features) reading and writing serde-derived Rust types.
 *
 * This module is copied verbatim next to generated adapters and runs inside StarlingMonkey
 * and QuickJS, so it imports nothing, uses no Node APIs and does not depend on
 * TextEncoder/TextDecoder (QuickJS lacks them; TextDecoder is only used as an optional speed-up
 * for long strings that were already validated).
 *
 * Reference: serde-rs/json src/de.rs (Deserializer, SeqAccess, MapAccess, VariantAccess,
 * MapKey), src/read.rs (SliceRead, parse_str, escapes), src/error.rs (messages, positions,
 * JsonUnexpected), src/ser.rs (escaping, MapKeySerializer); dtolnay/zmij lib.rs (float text, which
 * serde_json 1.0.150 uses instead of ryu); bitflags 2.13 parser.rs (flags text).
 */

/**
 * A decode or encode failure. `message` is serde_json's text including
 * ` at line L column C` when serde_json would report a position; `detail` is the text without
 * it; `path` locates the failing value (`header[0].1`, empty at the root).
 */
export class CodecError extends Error {
  detail: string;
  /** 1-based line and 0-based byte column as serde_json counts them; 0 when unpositioned. */
  line: number;
  column: number;
  path: string;
  /** Path segments collected while unwinding, innermost first (`.field`, `[3]`). */
  segments: string[];
  /** Byte index the position refers to (-1: none yet), resolved to line/column by `seal`. */
  index: number;
  input: Uint8Array | null;

  constructor(detail: string, input: Uint8Array | null = null, index = -1) {
    super(detail);
    this.name = 'CodecError';
    this.detail = detail;
    this.line = 0;
    this.column = 0;
    this.path = '';
    this.segments = [];
    this.index = index;
    this.input = input;
  }

  /**
   * Fills in `message`, position and `path` once the error has reached the top. Positions are
   * resolved only here, so failed attempts (untagged enums) never pay for a line count.
   */
  seal(): CodecError {
    if (this.index >= 0 && this.input !== null) {
      let line = 1;
      let startOfLine = 0;
      for (let k = 0; k < this.index; k++) {
        if (this.input[k] === 10) {
          line++;
          startOfLine = k + 1;
        }
      }
      this.line = line;
      this.column = this.index - startOfLine;
      this.input = null;
    }
    this.message = this.line === 0 ? this.detail : `${this.detail} at line ${this.line} column ${this.column}`;
    let path = '';
    for (let k = this.segments.length - 1; k >= 0; k--) path += this.segments[k];
    this.path = path.charAt(0) === '.' ? path.slice(1) : path;
    return this;
  }
}

/** Anything thrown inside a codec becomes a CodecError, so callers only ever see one type. */
export function asCodecError(e: unknown): CodecError {
  if (e instanceof CodecError) return e;
  return new CodecError(e instanceof Error ? `internal codec error: ${e.message}` : 'internal codec error');
}

const POW10: number[] = [];
for (let k = 0; k <= 308; k++) POW10.push(Number(`1e${k}`));

const U64_MAX = 0xffffffffffffffffn;
const I64_MIN_ABS = 0x8000000000000000n;
/** Why a 64-bit integer held as a number cannot be trusted beyond 2^53 - 1. */
const INEXACT_INT64 = 'this engine carries 64-bit integers as numbers (doubles), which are exact only up to 2^53 - 1';
const U64_DIV10 = 1844674407370955161n;
const EXP_DIV10 = 214748364;

/** Number kinds of serde_json's ParserNumber. */
const NUM_U64 = 0;
const NUM_I64 = 1;
const NUM_F64 = 2;

type Utf8Decoder = { decode(b: Uint8Array): string };
type Utf8DecoderClass = new (label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean }) => Utf8Decoder;
type Utf8EncoderClass = new () => {
  encode(s: string): Uint8Array;
  encodeInto(s: string, into: Uint8Array): { written: number };
};
const TextDecoderClass = (globalThis as { TextDecoder?: Utf8DecoderClass }).TextDecoder;
const TextEncoderClass = (globalThis as { TextEncoder?: Utf8EncoderClass }).TextEncoder;
const utf8Decoder: Utf8Decoder | null = typeof TextDecoderClass === 'function' ? new TextDecoderClass() : null;
/**
 * Rust's `str::from_utf8` as the engine's native decoder: WHATWG's fatal UTF-8 decoding rejects
 * exactly what Rust rejects (overlongs, surrogates, beyond U+10FFFF), and ignoreBOM keeps a
 * leading U+FEFF, which is content in a JSON string.
 */
const strictUtf8Decoder: Utf8Decoder | null =
  typeof TextDecoderClass === 'function' ? new TextDecoderClass('utf-8', { fatal: true, ignoreBOM: true }) : null;
/** The engine's native UTF-8 encoder, which writes a lone surrogate as U+FFFD like `Writer.str`. */
const utf8Encoder = typeof TextEncoderClass === 'function' ? new TextEncoderClass() : null;

/**
 * From this many bytes or characters on, strings and byte lists go through the engine's native
 * code (indexOf, JSON.parse, regular expressions, TextDecoder/TextEncoder) instead of a loop over
 * each byte: QuickJS and StarlingMonkey run this module in an interpreter, where such a loop costs
 * many times the native call. Below it the loop is cheaper than setting the call up. Engines that
 * compile JavaScript (Node, browsers) run the loops at native speed, and keep them.
 */
const INTERPRETED_NATIVE_MIN = 64;
const NATIVE_MIN = engineIntLowering() === 'exact' ? Infinity : INTERPRETED_NATIVE_MIN;

/** Latin-1/ASCII bytes to a string, in chunks small enough for `apply`. */
function asciiString(b: Uint8Array, start: number, end: number): string {
  const f = String.fromCharCode;
  // Short keys and values dominate JSON; explicit arities avoid per-character concatenation.
  switch (end - start) {
    case 0:
      return '';
    case 1:
      return f(b[start]!);
    case 2:
      return f(b[start]!, b[start + 1]!);
    case 3:
      return f(b[start]!, b[start + 1]!, b[start + 2]!);
    case 4:
      return f(b[start]!, b[start + 1]!, b[start + 2]!, b[start + 3]!);
    case 5:
      return f(b[start]!, b[start + 1]!, b[start + 2]!, b[start + 3]!, b[start + 4]!);
    case 6:
      return f(b[start]!, b[start + 1]!, b[start + 2]!, b[start + 3]!, b[start + 4]!, b[start + 5]!);
    case 7:
      return f(b[start]!, b[start + 1]!, b[start + 2]!, b[start + 3]!, b[start + 4]!, b[start + 5]!, b[start + 6]!);
    case 8:
      return f(
        b[start]!,
        b[start + 1]!,
        b[start + 2]!,
        b[start + 3]!,
        b[start + 4]!,
        b[start + 5]!,
        b[start + 6]!,
        b[start + 7]!,
      );
  }
  if (end - start < 32) {
    let s = '';
    for (let k = start; k < end; k++) s += f(b[k]!);
    return s;
  }
  if (utf8Decoder !== null) return utf8Decoder.decode(b.subarray(start, end));
  return latin1String(b, start, end);
}

/** How many arguments one `apply` passes at most (QuickJS refuses more than 65535). */
const APPLY_CHUNK = 32768;

/** Bytes to a string of the same char codes, in chunks small enough for `apply`, joined once. */
function latin1String(b: Uint8Array, start: number, end: number): string {
  const chunks: string[] = [];
  for (let k = start; k < end; k += APPLY_CHUNK) {
    chunks.push(String.fromCharCode.apply(null, b.subarray(k, Math.min(end, k + APPLY_CHUNK)) as unknown as number[]));
  }
  return chunks.join('');
}

/** UTF-16 code units to a string, chunked for `apply`. */
function unitsString(units: number[]): string {
  let s = '';
  for (let k = 0; k < units.length; k += 8192) {
    s += String.fromCharCode.apply(null, units.slice(k, k + 8192));
  }
  return s;
}

/**
 * Decodes b[start..end) as UTF-8 with Rust's `str::from_utf8` acceptance (no overlongs, no
 * surrogates, nothing above U+10FFFF). Returns null when the bytes are not valid UTF-8.
 */
function utf8String(b: Uint8Array, start: number, end: number): string | null {
  const units: number[] = [];
  let k = start;
  while (k < end) {
    const c = b[k]!;
    if (c < 0x80) {
      units.push(c);
      k++;
      continue;
    }
    let need: number;
    let cp: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) {
      need = 1;
      cp = c & 0x1f;
      min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      cp = c & 0x0f;
      min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      cp = c & 0x07;
      min = 0x10000;
    } else {
      return null;
    }
    if (k + need >= end) return null;
    for (let m = 1; m <= need; m++) {
      const cc = b[k + m]!;
      if ((cc & 0xc0) !== 0x80) return null;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return null;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      units.push(0xd800 | (cp >> 10), 0xdc00 | (cp & 0x3ff));
    } else {
      units.push(cp);
    }
    k += need + 1;
  }
  return unitsString(units);
}

/**
 * Characters core's `char::escape_debug_ext` writes as `\u{..}` inside `impl Debug for str`
 * (which passes escape_grapheme_extended: true for every character, not only the first):
 * grapheme extenders, and what `is_printable` rejects, i.e. the Unicode categories Cc Cf Cs Co
 * Cn Zl Zp and Zs except the space (core/src/unicode/printable.py). A table of ranges, because
 * StarlingMonkey's regular expressions have no Unicode property escapes; `npm run
 * unicode-table` writes it from Node's Unicode data.
 */
const DEBUG_ESCAPED_RANGES =
  '0.w,2n.y,c.1,gi.34,8.2,6.4,7.1,1.1,k.1,68.7,4m.1,12.2,1e.2,3.1a,1.1,1.2,1.2,1.9,r.4,6.h,a.b,1.1,1a.l,g.1,2t.8,1.6,2.2,1.4,w.2,1.1,u.t,2h.b,1.e,17.9,7.3,o.4,1.9,1.3,1.7,f.1,p.5,1.1,b.5,w.g,16.1l,1j.1,1.1,4.8,4.1,3.7,a.2,t.1,2.1,8.2,2.2,m.1,7.1,1.3,4.3,1.1,2.6,2.2,2.1,1.d,2.1,3.4,o.5,1.1,6.4,2.2,m.1,7.1,2.1,2.1,2.4,3.o,4.1,1.7,a.2,3.1,1.c,1.1,9.1,3.1,m.1,7.1,2.1,5.3,4.8,1.1,2.3,1.f,2.4,c.7,1.8,2.1,8.2,2.2,m.1,7.1,2.1,5.3,1.2,1.6,2.2,2.f,2.1,3.4,i.b,1.1,6.3,3.1,4.3,2.1,1.1,2.3,2.3,3.3,c.5,1.1,2.3,3.1,3.3,1.l,l.6,3.1,8.1,3.1,n.1,g.3,1.3,4.j,3.1,2.2,2.4,a.7,a.1,b.1,3.1,n.1,a.1,5.3,2.2,1.1,2.n,3.1,2.4,a.1,3.e,b.1,3.1,15.2,1.1,2.5,3.1,3.1,2.4,3.1,a.4,q.2,2.1,i.3,o.1,9.1,1.2,7.9,2.6,7.7,a.2,3.c,1c.1,2.b,8.8,d.11,2.1,1.1,5.1,o.1,1.1,a.1,2.9,1.2,5.1,1.9,a.2,4.w,o.2,r.1,1.1,1.1,e.1,10.i,1.5,1.2,5.1d,8.1,6.1,d.11,19.4,1.6,1.2,2.2,p.2,4.3,g.4,d.1,2.2,6.1,f.1,14.1,1.5,1.2,ah.1,4.2,7.1,1.1,4.2,15.1,4.2,x.1,4.2,7.1,1.1,4.2,f.1,1l.1,4.2,1v.5,t.3,q.6,2e.2,6.2,hs.1,s.3,2h.7,i.d,j.3,2.9,i.e,d.1,3.f,1g.2,1.7,8.1,2.b,9.3,a.6,a.6,b.5,a.6,2h.7,5.2,y.1,1.5,1y.a,v.4,4.2,3.4,2.1,6.7,1.3,16.2,5.b,18.4,q.6,b.3,1l.2,2.3,1k.1,1.9,1.1,2.8,6.d,a.6,a.6,e.2e,1c.a,4.3,8.1,t.9,c.2,w.4,2.6,1k.1,1.2,3.1,1.d,1c.8,2.5,f.3,1q.5,17.2,b.b,1.d,1.7,4.1,6.1,3.2,1.5,5c.1s,7q.2,6.2,12.2,6.2,8.1,1.1,1.1,1.1,v.2,1h.1,f.1,e.2,6.1,j.2,3.1,9.h,o.8,1b.h,2.2,r.1,d.3,y.1q,3w.4,ii.m,b.l,1ec.2,ah.3,2.5,19.1,1.5,1.2,1k.7,2.f,n.9,7.1,7.1,7.1,7.1,7.1,7.1,7.1,7.x,2m.y,q.1,2h.c,5y.q,g.1,15.6,g.1,2e.4,2t.5,17.1,2m.1,2e.9,1c.1,mlp.3,1j.9,9o.k,1b.4,1.a,w.2,28.2,6.8,65.k,h.1,3.1,4.1,p.2,5.4,a.6,1k.8,1w.a,c.o,d.1,12.8,p.b,1.c,u.6,1c.1,2.4,2.2,2.1,d.1,b.4,7.1,p.1,15.6,2.2,2.b,3.1,8.1,1.2,a.2,w.1,1f.1,1.3,2.2,5.2,1.1,1.o,h.2,8.b,6.2,6.2,6.9,7.1,7.1,1o.4,39.1,2.1,4.3,a.6,8mc.c,n.4,1d.6is,a6.2,2y.12,7.c,5.5,1.1,o.1,5.1,1.1,2.1,2.1,i2.w,g.g,a.m,z.1,j.1,4.4,5.1,3r.4,4d.2,v.3,6.2,6.2,6.2,3.3,7.1,7.d,2.2,c.1,q.1,j.1,2.1,f.2,e.y,3f.5,3.4,19.3,2g.1,d.3,1.1b,19.3n,t.3,1d.g,r.4,10.9,u.5,12.a,u.1,11.4,e.16,4e.2,a.6,10.4,10.4,14.8,1g.b,c.1,f.1,7.1,2.1,b.1,f.1,7.1,2.3,1g.c,8n.9,m.a,8.o,6.1,16.1,9.1x,6.2,1.1,18.1,2.3,1.2,n.1,20.8,9.1c,j.1,2.5,x.3,r.5,r.12,1k.4,k.2,1b.f,4.1,3.1,t.a,9.7,9.7,1s.w,11.6,c.9,1i.3,t.2,r.5,q.7,4.c,7.28,21.1j,1f.d,1f.7,16.c,a.6,12.8,o.8,2.5s,v.1,16.3,1.2,2.g,6.8,9.13,14.8,m.b,9.m,i.4,4.12,s.k,n.9,1.1,1i.f,7.4,u.1,2.2,1.c,1d.4,2.2,2.1,4.e,p.7,a.9,10.5,1.9,i.8,z.1,3.b,1g.9,1.1,8.4,2.1,g.1,k.b,i.1,s.3,2.4,6.1,2.1r,7.1,1.1,4.1,f.1,b.6,1b.1,3.d,a.8,2.1,8.2,2.2,m.1,7.1,2.1,5.3,1.1,1.1,4.2,2.2,2.3,1.c,7.s,a.1,1.2,1.1,12.1,1.1,2.f,1.1,2.3,1.1,3.1,2.13,1k.8,2.3,1.1,l.1,1.1,3.u,1c.1,2.6,1.1,2.1,1.2,1.2,4.8,a.4m,1b.1,2.6,4.2,1.2,r.10,1f.8,2.1,1.2,4.b,a.6,d.j,17.1,1.1,2.8,2.6,a.6,k.s,r.3,1.1,2.4,1.9,n.55,1b.9,1.2,1.2s,2b.c,8.2,1.2,8.1,2.1,o.1,5.1,2.6,4.1,3.9,a.1y,8.2,16.8,4.1,4.r,1.a,14.6,2.4,8.9,1.6,2.3,1a.d,1.2,9.d,21.7,a.2f,1.3,1.1,1.2g,y.e,a.6,9.1,12.e,1.1,6.a,t.3,w.p,1.7,1.2,1.23,7.1,2.1,12.l,1.9,a.6,6.1,2.1,11.4,2.1,1.1,1.7,a.6,18.4,a.6u,j.2,4.9,f.1,10.8,2.3,n.2e,1.f,1e.d,pn.2u,33.1,5.b,5g.218,2r.d,ts.h,6.p,32z.5,g7.5a1,u.c,3.3,a.1c6,ft.7,v.1,a.4,29.1,a.6,u.7,1.a,1c.7,f.a,a.1,7.1,l.5,j.c0,1m.5i,2j.5,p.2,p.18,23.5,1k.b,d.1s,4.e,5.9,5p2.15,w.2p,37.6pp,4.1,7.1,2.1,83.f,1.t,3.2,1.e,4.8,b0.1s4,2z.5,d.3,9.7,a.2,1.2,1.31c,71.3,c4.6,n.f,h.2n,38.1o,6u.a,13.2,1o.5,3.m,2.7,u.4,1p.l,1u.3,1.3e,k.c,k.c,2f.9,p.3r,2d.1,1z.1,2.2,1.2,2.2,4.1,c.1,1.1,7.1,1t.1,4.2,8.1,7.1,s.1,4.1,5.1,1.3,7.1,9g.2,84.2,fm.1j,4.1e,8.1,e.1,7.vo,v.6,6.79,1q.42,19.a,7.2,a.4,2.8w,u.i,18.4,a.5,1.cw,s.4,a.5y,u.2,b.4,1.5c,v.1,3.1,2.1,7.2,5.9,2.68,7.1,4.1,2.1,f.1,5h.2,9.1c,1w.7,1.4,a.4,2.lt,1w.24,1p.5e,4.1,r.1,2.1,1.2,1.1,a.1,4.1,1.1,1.6,1.4,1.1,1.1,1.1,3.1,2.1,1.2,1.1,1.1,1.1,1.1,1.1,2.1,1.2,4.1,7.1,4.1,4.1,1.1,a.1,h.5,3.1,5.1,h.1g,2.7i,18.4,2s.c,f.2,f.1,f.1,11.a,4u.1k,t.d,18.4,9.7,2.e,6.4a,rd.3,h.3,d.3,62.6,c.4,1.f,c.4,1k.8,a.6,14.8,u.2,c.4,2.e,9.13,9k.8,e.2,d.3,b.3,1l.1,1.4,g.2,c.4,a.7,43.1,2v.sl,wyo.w,3dq.2,4ge.2,5rl.f,ha.1wi,f2.15u,3t7.5,6ju.jdl2';

let debugEscaped: Uint32Array | undefined;

/** Whether `{:?}` escapes the code point `cp` (binary search over [start, end) pairs). */
export function isDebugEscaped(cp: number): boolean {
  if (debugEscaped === undefined) {
    const pairs = DEBUG_ESCAPED_RANGES.split(',');
    debugEscaped = new Uint32Array(pairs.length * 2);
    let end = 0;
    pairs.forEach((pair, i) => {
      const dot = pair.indexOf('.');
      const start = end + parseInt(pair.slice(0, dot), 36);
      end = start + parseInt(pair.slice(dot + 1), 36);
      debugEscaped![2 * i] = start;
      debugEscaped![2 * i + 1] = end;
    });
  }
  let lo = 0;
  let hi = debugEscaped.length / 2;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cp < debugEscaped[2 * mid]!) hi = mid;
    else if (cp >= debugEscaped[2 * mid + 1]!) lo = mid + 1;
    else return true;
  }
  return false;
}

/**
 * Rust's `{:?}` for a str (`"e\u{301}"`), the one quoting of strings in error texts: serde's
 * `Unexpected::Str` is `string {:?}`.
 */
export function rustDebugStr(s: string): string {
  let out = '"';
  for (const ch of s) {
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\0') out += '\\0';
    else if (isDebugEscaped(ch.codePointAt(0)!)) out += `\\u{${ch.codePointAt(0)!.toString(16)}}`;
    else out += ch;
  }
  return `${out}"`;
}

/**
 * zmij's layout of a shortest decimal (`digits` × 10^(kk − len)): plain while the scientific
 * exponent kk − 1 is within FIXED_DEC_EXP (f64 −5..=15, f32 −6..=12), scientific otherwise with
 * a signed exponent (`1e+16`, `1.5e-7`). The switch points are ryu's; the `+` is zmij's.
 */
function zmijLayout(digits: string, kk: number, single: boolean): string {
  const len = digits.length;
  const k = kk - len;
  const max = single ? 13 : 16;
  const minNeg = single ? -6 : -5;
  if (k >= 0 && kk <= max) return `${digits}${'0'.repeat(k)}.0`;
  if (kk > 0 && kk <= max) return `${digits.slice(0, kk)}.${digits.slice(kk)}`;
  if (kk > minNeg && kk <= 0) return `0.${'0'.repeat(-kk)}${digits}`;
  const exp = kk - 1;
  const mantissa = len === 1 ? digits : `${digits.charAt(0)}.${digits.slice(1)}`;
  return `${mantissa}e${exp < 0 ? '-' : '+'}${exp < 0 ? -exp : exp}`;
}

/** Splits `toExponential` output into (digits, kk) with trailing zeros removed. */
function decimalParts(exp: string): [string, number] {
  const e = exp.indexOf('e');
  let digits = exp.slice(0, e).replace('.', '');
  while (digits.length > 1 && digits.charAt(digits.length - 1) === '0') digits = digits.slice(0, -1);
  return [digits, Number(exp.slice(e + 1)) + 1];
}

/** serde_json's text for a finite f64: zmij's shortest round-trip representation (ryu's digits). */
export function formatF64(x: number): string {
  if (x === 0) return 1 / x < 0 ? '-0.0' : '0.0';
  const a = x < 0 ? -x : x;
  if (a >= 1e-5 && a < 1e16) {
    // zmij and JS both print this range in plain decimal with the same shortest digits;
    // zmij adds `.0` to integers.
    const s = String(x);
    return Number.isInteger(x) ? `${s}.0` : s;
  }
  const sign = x < 0 ? '-' : '';
  // toExponential() without an argument yields the shortest round-tripping digits, choosing
  // the closest (ties to even) like zmij does.
  const [digits, kk] = decimalParts(Math.abs(x).toExponential());
  return sign + zmijLayout(digits, kk, false);
}

/** serde_json's text for a finite f32 (given as the JS number holding it): zmij's f32 form. */
export function formatF32(x: number): string {
  if (x === 0) return 1 / x < 0 ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  const a = Math.abs(x);
  for (let p = 1; p <= 9; p++) {
    const [d0, kk0] = decimalParts(a.toExponential(p - 1));
    let best: [string, number] | null = null;
    let bestDist = Infinity;
    // The nearest p-digit decimal may miss the f32 rounding interval while a neighbour hits
    // it (intervals are asymmetric at powers of two), so try both neighbours too.
    const base = Number(`${d0}e${kk0 - d0.length}`);
    const unit = Math.pow(10, kk0 - p);
    for (const cand of [base, base - unit, base + unit]) {
      if (!(cand > 0)) continue;
      const text = cand.toExponential(p - 1);
      if (Math.fround(Number(text)) !== a) continue;
      const dist = Math.abs(Number(text) - a);
      if (dist < bestDist) {
        bestDist = dist;
        best = decimalParts(text);
      }
    }
    if (best !== null) return sign + zmijLayout(best[0], best[1], true);
  }
  return formatF64(x);
}

/** Rounds an integer to the nearest f32 with a single rounding, as Rust's `as f32` does. */
function bigToF32(v: bigint): number {
  const neg = v < 0n;
  let m = neg ? -v : v;
  const bits = m.toString(2).length;
  if (bits > 26) {
    // Keep 26 bits and fold the rest into a sticky bit: rounding that to 24 bits is exact.
    const shift = BigInt(bits - 26);
    const sticky = (m & ((1n << shift) - 1n)) !== 0n ? 1n : 0n;
    m = ((m >> shift) | sticky) << shift;
  }
  const f = Math.fround(Number(m));
  return neg ? -f : f;
}

/**
 * Where a jco flags object (`{ read: true, write: false }`) keeps bits that no named flag covers,
 * as a bigint of those bits in place (bitflags 2 retains them: `"READ | 0x80"`). A symbol key
 * because jco's lowering reads only the named boolean properties, so the bits never disturb a
 * call into Wasm, while the decoder sets it and the encoder writes it back. `Symbol.for`, so every
 * copy of this runtime (one per generated folder) and the business logic share the one key.
 */
export const FLAGS_UNKNOWN_BITS: unique symbol = Symbol.for('witbus.flags.unknownBits');

/** A flags value as jco passes it, plus the retained unknown bits. */
export interface FlagsValue {
  [flag: string]: boolean;
  [FLAGS_UNKNOWN_BITS]?: bigint;
}

/** Unicode White_Space, what Rust's `str::trim` strips (JS `trim` also strips U+FEFF, not U+0085). */
const RUST_WS = '[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const RUST_TRIM = new RegExp(`^${RUST_WS}+|${RUST_WS}+$`, 'g');

function rustTrim(s: string): string {
  return s.replace(RUST_TRIM, '');
}

/** A flags type for `Reader.flags` / `Writer.flags`: Rust names, jco property names, repr bits. */
export interface FlagsSpec {
  names: string[];
  props: string[];
  width: number;
}

/** A backslash or a control character, which a JSON string holds only escaped. */
const ESCAPE_OR_CONTROL = /[\x00-\x1f\\]/;
/** What a string without escapes that is plain printable ASCII cannot hold. */
const NOT_PLAIN_ASCII = /[^\x20\x21\x23-\x5b\x5d-\x7e]/;
/** What serde_json writes escaped (ser.rs ESCAPE): `"`, `\` and control characters. */
const NEEDS_ESCAPE = /["\\\x00-\x1f]/;
/**
 * The bytes that start anything JSON has besides a plain non-negative integer (a sign, fraction or
 * exponent, a string, literal, array or object), which a run of byte numbers cannot hold (see
 * `Reader.byteRun`): `. e E - " t f n [ {`.
 */
const NOT_IN_BYTE_RUN = [46, 101, 69, 45, 34, 116, 102, 110, 91, 123];

/** The bytes `\u00XX` escapes use (serde_json ser.rs writes lowercase hex). */
const HEX = '0123456789abcdef';
/** serde_json's ESCAPE table: 0 = write as is, else the escape letter (`u` = \u00XX). */
const ESCAPE = new Uint8Array(128);
for (let c = 0; c < 0x20; c++) ESCAPE[c] = 117;
ESCAPE[8] = 98;
ESCAPE[9] = 116;
ESCAPE[10] = 110;
ESCAPE[12] = 102;
ESCAPE[13] = 114;
ESCAPE[34] = 34;
ESCAPE[92] = 92;

/** bitflags 2's `parser::from_str` over the text of a flags string (see `Reader.flags`). */
function flagsFromText(text: string, spec: FlagsSpec): FlagsValue {
  const { names, props, width } = spec;
  let bits = 0n;
  const input = rustTrim(text);
  if (input !== '') {
    for (const part of input.split('|')) {
      const flag = rustTrim(part);
      if (flag === '') throw new CodecError('encountered empty flag');
      if (flag.startsWith('0x')) {
        // `uN::from_str_radix(hex, 16)`: an optional `+`, then at least one hex digit, no overflow.
        const hex = flag.slice(2);
        const value = /^\+?[0-9a-fA-F]+$/.test(hex) ? BigInt(`0x${hex.replace('+', '')}`) : -1n;
        if (value < 0n || value >> BigInt(width) !== 0n) throw new CodecError('invalid hex flag');
        bits |= value;
        continue;
      }
      const k = names.indexOf(flag);
      if (k < 0) throw new CodecError('unrecognized named flag');
      bits |= 1n << BigInt(k);
    }
  }
  const out: FlagsValue = {};
  for (let k = 0; k < props.length; k++) out[props[k]!] = ((bits >> BigInt(k)) & 1n) === 1n;
  const unknown = bits >> BigInt(props.length);
  if (unknown !== 0n) out[FLAGS_UNKNOWN_BITS] = unknown << BigInt(props.length);
  return out;
}

/**
 * A serde_json `Deserializer<SliceRead>` over one input. Generated decoders call the
 * `deserialize_*`-like methods; error positions follow serde_json's `error` (at the index of
 * the next byte) and `peek_error` (one further) rules.
 */
export class Reader {
  b: Uint8Array;
  i: number;
  n: number;
  /** serde_json's remaining_depth: 128 nested arrays/objects at most. */
  depth: number;
  /** The last parsed number (serde_json ParserNumber): kind, value, and exact bigint if large. */
  nk: number;
  nv: number;
  nb: bigint | null;

  constructor(bytes: Uint8Array) {
    this.b = bytes;
    this.i = 0;
    this.n = bytes.length;
    this.depth = 128;
    this.nk = 0;
    this.nv = 0;
    this.nb = null;
  }

  // ---- positions and errors ------------------------------------------------------------

  at(index: number, detail: string): CodecError {
    return new CodecError(detail, this.b, index);
  }

  /** serde_json `error`: the position of the most recently consumed byte. */
  err(detail: string): CodecError {
    return this.at(this.i, detail);
  }

  /** serde_json `peek_error`: the position of the byte being peeked. */
  perr(detail: string): CodecError {
    return this.at(Math.min(this.n, this.i + 1), detail);
  }

  /** serde_json `fix_position`: positions an error raised by a visitor. */
  fix(e: unknown): CodecError {
    const c = asCodecError(e);
    if (c.index < 0) {
      c.index = this.i;
      c.input = this.b;
    }
    return c;
  }

  /** The top-level wrapper's last step: a sealed CodecError for any failure. */
  fail(e: unknown): CodecError {
    return asCodecError(e).seal();
  }

  /** `Deserializer::end`: only whitespace may follow the value. */
  end(): void {
    if (this.ws() !== -1) throw this.perr('trailing characters');
  }

  // ---- whitespace and idents -----------------------------------------------------------

  /** parse_whitespace: skips ' ', '\n', '\t', '\r' and peeks (-1 at EOF). */
  ws(): number {
    const b = this.b;
    const n = this.n;
    let i = this.i;
    while (i < n) {
      const c = b[i]!;
      if (c === 32 || c === 10 || c === 9 || c === 13) i++;
      else {
        this.i = i;
        return c;
      }
    }
    this.i = i;
    return -1;
  }

  peek(): number {
    return this.i < this.n ? this.b[this.i]! : -1;
  }

  ident(rest: string): void {
    for (let k = 0; k < rest.length; k++) {
      if (this.i >= this.n) throw this.err('EOF while parsing a value');
      const c = this.b[this.i++]!;
      if (c !== rest.charCodeAt(k)) throw this.err('expected ident');
    }
  }

  // ---- invalid types (peek_invalid_type) ------------------------------------------------

  invalidTypeError(unexpected: string, expected: string): CodecError {
    return new CodecError(`invalid type: ${unexpected}, expected ${expected}`);
  }

  invalidValueError(unexpected: string, expected: string): CodecError {
    return new CodecError(`invalid value: ${unexpected}, expected ${expected}`);
  }

  numberUnexpected(): string {
    if (this.nk === NUM_F64) return `floating point \`${formatF64(this.nv)}\``;
    return `integer \`${this.nb !== null ? this.nb.toString() : String(this.nv)}\``;
  }

  /** peek_invalid_type followed by fix_position. */
  invalidType(expected: string): CodecError {
    const c = this.peek();
    let unexpected: string;
    if (c === 110) {
      this.i++;
      this.ident('ull');
      unexpected = 'null';
    } else if (c === 116) {
      this.i++;
      this.ident('rue');
      unexpected = 'boolean `true`';
    } else if (c === 102) {
      this.i++;
      this.ident('alse');
      unexpected = 'boolean `false`';
    } else if (c === 45) {
      this.i++;
      this.parseInteger(false);
      unexpected = this.numberUnexpected();
    } else if (c >= 48 && c <= 57) {
      this.parseInteger(true);
      unexpected = this.numberUnexpected();
    } else if (c === 34) {
      this.i++;
      unexpected = `string ${rustDebugStr(this.parseStr())}`;
    } else if (c === 91) {
      unexpected = 'sequence';
    } else if (c === 123) {
      unexpected = 'map';
    } else {
      return this.perr('expected value');
    }
    return this.fix(this.invalidTypeError(unexpected, expected));
  }

  // ---- numbers -------------------------------------------------------------------------

  private setInt(positive: boolean, sig: number, big: bigint | null): void {
    if (positive) {
      this.nk = NUM_U64;
      this.nv = big === null ? sig : Number(big);
      this.nb = big;
    } else if (big === null) {
      if (sig === 0) {
        this.nk = NUM_F64;
        this.nv = -0;
        this.nb = null;
      } else {
        this.nk = NUM_I64;
        this.nv = -sig;
        this.nb = null;
      }
    } else if (big > I64_MIN_ABS) {
      // serde_json: negative integers below i64::MIN become floats.
      this.nk = NUM_F64;
      this.nv = -Number(big);
      this.nb = null;
    } else {
      this.nk = NUM_I64;
      this.nv = -Number(big);
      this.nb = -big;
    }
  }

  private setFloat(v: number): void {
    this.nk = NUM_F64;
    this.nv = v;
    this.nb = null;
  }

  /** parse_integer: the sign has been consumed; leaves the result in nk/nv/nb. */
  parseInteger(positive: boolean): void {
    if (this.i >= this.n) throw this.err('EOF while parsing a value');
    const b = this.b;
    const c = b[this.i++]!;
    if (c === 48) {
      const p = this.peek();
      if (p >= 48 && p <= 57) throw this.perr('invalid number');
      this.parseNumber(positive, 0, null);
      return;
    }
    if (c < 49 || c > 57) throw this.err('invalid number');
    let sig = c - 48;
    let big: bigint | null = null;
    for (;;) {
      const p = this.i < this.n ? b[this.i]! : 0;
      if (p < 48 || p > 57) break;
      const d = p - 48;
      if (big === null) {
        if (sig <= 900719925474098) {
          sig = sig * 10 + d;
          this.i++;
          continue;
        }
        big = BigInt(sig);
      }
      if (big >= U64_DIV10 && (big > U64_DIV10 || d > 5)) {
        this.setFloat(this.parseLongInteger(positive, big));
        return;
      }
      this.i++;
      big = big * 10n + BigInt(d);
    }
    this.parseNumber(positive, sig, big);
  }

  private parseNumber(positive: boolean, sig: number, big: bigint | null): void {
    const p = this.peek();
    if (p === 46) this.setFloat(this.parseDecimal(positive, sig, big, 0));
    else if (p === 101 || p === 69) this.setFloat(this.parseExponent(positive, sig, big, 0));
    else this.setInt(positive, sig, big);
  }

  private parseDecimal(positive: boolean, sig: number, big: bigint | null, before: number): number {
    this.i++;
    const b = this.b;
    let after = 0;
    for (;;) {
      const p = this.i < this.n ? b[this.i]! : 0;
      if (p < 48 || p > 57) break;
      const d = p - 48;
      if (big === null && sig > 900719925474098) big = BigInt(sig);
      if (big !== null) {
        if (big >= U64_DIV10 && (big > U64_DIV10 || d > 5)) {
          return this.parseDecimalOverflow(positive, sig, big, before + after);
        }
        big = big * 10n + BigInt(d);
      } else {
        sig = sig * 10 + d;
      }
      this.i++;
      after--;
    }
    if (after === 0) {
      throw this.perr(this.i < this.n ? 'invalid number' : 'EOF while parsing a value');
    }
    const p = this.peek();
    if (p === 101 || p === 69) return this.parseExponent(positive, sig, big, before + after);
    return this.f64FromParts(positive, sig, big, before + after);
  }

  private parseExponent(positive: boolean, sig: number, big: bigint | null, starting: number): number {
    this.i++;
    let positiveExp = true;
    const s = this.peek();
    if (s === 43) this.i++;
    else if (s === 45) {
      this.i++;
      positiveExp = false;
    }
    if (this.i >= this.n) throw this.err('EOF while parsing a value');
    const first = this.b[this.i++]!;
    if (first < 48 || first > 57) throw this.err('invalid number');
    let exp = first - 48;
    for (;;) {
      const p = this.peek();
      if (p < 48 || p > 57) break;
      this.i++;
      const d = p - 48;
      if (exp >= EXP_DIV10 && (exp > EXP_DIV10 || d > 7)) {
        const zero = big === null ? sig === 0 : big === 0n;
        return this.parseExponentOverflow(positive, zero, positiveExp);
      }
      exp = exp * 10 + d;
    }
    // i32 saturating arithmetic, as serde_json.
    let final = positiveExp ? starting + exp : starting - exp;
    if (final > 2147483647) final = 2147483647;
    if (final < -2147483648) final = -2147483648;
    return this.f64FromParts(positive, sig, big, final);
  }

  private parseExponentOverflow(positive: boolean, zero: boolean, positiveExp: boolean): number {
    if (!zero && positiveExp) throw this.err('number out of range');
    for (;;) {
      const p = this.peek();
      if (p < 48 || p > 57) break;
      this.i++;
    }
    return positive ? 0 : -0;
  }

  private parseLongInteger(positive: boolean, big: bigint): number {
    let exponent = 0;
    for (;;) {
      const p = this.peek();
      if (p >= 48 && p <= 57) {
        this.i++;
        exponent++;
      } else if (p === 46) {
        return this.parseDecimal(positive, 0, big, exponent);
      } else if (p === 101 || p === 69) {
        return this.parseExponent(positive, 0, big, exponent);
      } else {
        return this.f64FromParts(positive, 0, big, exponent);
      }
    }
  }

  private parseDecimalOverflow(positive: boolean, sig: number, big: bigint | null, exponent: number): number {
    for (;;) {
      const p = this.peek();
      if (p < 48 || p > 57) break;
      this.i++;
    }
    const p = this.peek();
    if (p === 101 || p === 69) return this.parseExponent(positive, sig, big, exponent);
    return this.f64FromParts(positive, sig, big, exponent);
  }

  /** serde_json's default (non float_roundtrip) f64_from_parts: one multiply or divide. */
  private f64FromParts(positive: boolean, sig: number, big: bigint | null, exponent: number): number {
    let f = big === null ? sig : Number(big);
    for (;;) {
      const a = exponent === -2147483648 ? -1 : Math.abs(exponent);
      if (a >= 0 && a <= 308) {
        if (exponent >= 0) {
          f *= POW10[a]!;
          if (!isFinite(f)) throw this.err('number out of range');
        } else {
          f /= POW10[a]!;
        }
        break;
      }
      if (f === 0) break;
      if (exponent >= 0) throw this.err('number out of range');
      f /= 1e308;
      exponent += 308;
    }
    return positive ? f : -f;
  }

  /** deserialize_number: parses a JSON number or reports an invalid type. */
  number(expected: string): void {
    const c = this.ws();
    if (c === -1) throw this.perr('EOF while parsing a value');
    if (c === 45) {
      this.i++;
      this.parseInteger(false);
    } else if (c >= 48 && c <= 57) {
      this.parseInteger(true);
    } else {
      throw this.invalidType(expected);
    }
  }

  /** A bounded integer (u8..u32, s8..s32) as serde's primitive visitors accept it. */
  int(min: number, max: number, expected: string): number {
    const c = this.ws();
    // Fast path: a short non-negative integer followed by a delimiter.
    if (c >= 49 && c <= 57 && min >= 0) {
      const b = this.b;
      let i = this.i + 1;
      let v = c - 48;
      let p = i < this.n ? b[i]! : 0;
      while (p >= 48 && p <= 57 && i - this.i < 9) {
        v = v * 10 + (p - 48);
        i++;
        p = i < this.n ? b[i]! : 0;
      }
      if ((p < 48 || p > 57) && p !== 46 && p !== 101 && p !== 69 && v <= max) {
        this.i = i;
        return v;
      }
    }
    this.number(expected);
    if (this.nk === NUM_F64) throw this.fix(this.invalidTypeError(this.numberUnexpected(), expected));
    if (this.nb !== null || this.nv < min || this.nv > max) {
      throw this.fix(this.invalidValueError(this.numberUnexpected(), expected));
    }
    return this.nv;
  }

  u8(): number {
    return this.int(0, 255, 'u8');
  }
  u16(): number {
    return this.int(0, 65535, 'u16');
  }
  u32(): number {
    return this.int(0, 4294967295, 'u32');
  }
  s8(): number {
    return this.int(-128, 127, 'i8');
  }
  s16(): number {
    return this.int(-32768, 32767, 'i16');
  }
  s32(): number {
    return this.int(-2147483648, 2147483647, 'i32');
  }

  u64(): bigint {
    this.number('u64');
    if (this.nk === NUM_F64) throw this.fix(this.invalidTypeError(this.numberUnexpected(), 'u64'));
    if (this.nk === NUM_I64) throw this.fix(this.invalidValueError(this.numberUnexpected(), 'u64'));
    return this.nb !== null ? this.nb : BigInt(this.nv);
  }

  s64(): bigint {
    this.number('i64');
    if (this.nk === NUM_F64) throw this.fix(this.invalidTypeError(this.numberUnexpected(), 'i64'));
    const v = this.nb !== null ? this.nb : BigInt(this.nv);
    if (v > 0x7fffffffffffffffn) throw this.fix(this.invalidValueError(this.numberUnexpected(), 'i64'));
    return v;
  }

  f64(): number {
    this.number('f64');
    return this.nk === NUM_F64 || this.nb === null ? this.nv : Number(this.nb);
  }

  f32(): number {
    this.number('f32');
    if (this.nk === NUM_F64 || this.nb === null) return Math.fround(this.nv);
    return bigToF32(this.nb);
  }

  // ---- booleans, unit, null ------------------------------------------------------------

  bool(): boolean {
    const c = this.ws();
    if (c === -1) throw this.perr('EOF while parsing a value');
    if (c === 116) {
      this.i++;
      this.ident('rue');
      return true;
    }
    if (c === 102) {
      this.i++;
      this.ident('alse');
      return false;
    }
    throw this.invalidType('a boolean');
  }

  /** deserialize_unit for `()`: only `null`. */
  unit(): void {
    const c = this.ws();
    if (c === -1) throw this.perr('EOF while parsing a value');
    if (c === 110) {
      this.i++;
      this.ident('ull');
      return;
    }
    throw this.invalidType('unit');
  }

  /** deserialize_option's test: consumes `null` and returns true, else leaves the input. */
  none(): boolean {
    if (this.ws() === 110) {
      this.i++;
      this.ident('ull');
      return true;
    }
    return false;
  }

  // ---- strings -------------------------------------------------------------------------

  /** deserialize_str with the visitor's expectation text. */
  str(expected: string): string {
    const c = this.ws();
    if (c === -1) throw this.perr('EOF while parsing a value');
    if (c !== 34) throw this.invalidType(expected);
    this.i++;
    return this.parseStr();
  }

  string(): string {
    return this.str('a string');
  }

  /** `char`: a string of exactly one Unicode scalar value. */
  char(): string {
    const s = this.str('a character');
    const cp = s.codePointAt(0);
    if (cp === undefined || s.length !== (cp > 0xffff ? 2 : 1)) {
      throw this.fix(this.invalidValueError(`string ${rustDebugStr(s)}`, 'a character'));
    }
    return s;
  }

  /** SliceRead::parse_str: the opening quote has been consumed. */
  parseStr(): string {
    const b = this.b;
    const n = this.n;
    const start = this.i;
    let i = start;
    while (i < n) {
      const c = b[i]!;
      if (c === 34) {
        this.i = i + 1;
        return asciiString(b, start, i);
      }
      if (c < 0x20 || c === 92 || c >= 0x80) break;
      if (++i - start === NATIVE_MIN) {
        const s = this.plainStr(start);
        if (s !== null) return s;
      }
    }
    this.i = i;
    return this.parseStrSlow(start);
  }

  /**
   * A long string up to the next `"` byte read by native code, when it holds no escape and no
   * control character (so that byte is its closing quote) and is valid UTF-8 (checked by the
   * fatal decoder; without one, only ASCII qualifies); null, with nothing consumed, otherwise.
   */
  private plainStr(start: number): string | null {
    const close = this.b.indexOf(34, start);
    if (close < 0) return null;
    let s: string;
    if (strictUtf8Decoder !== null) {
      try {
        s = strictUtf8Decoder.decode(this.b.subarray(start, close));
      } catch {
        return null;
      }
      if (ESCAPE_OR_CONTROL.test(s)) return null;
    } else {
      s = latin1String(this.b, start, close);
      if (NOT_PLAIN_ASCII.test(s)) return null;
    }
    this.i = close + 1;
    return s;
  }

  private parseStrSlow(start: number): string {
    const b = this.b;
    const n = this.n;
    let out = '';
    let seg = start;
    let valid = true;
    let ascii = true;
    const flush = (end: number): void => {
      if (ascii) {
        out += asciiString(b, seg, end);
      } else {
        const s = utf8String(b, seg, end);
        if (s === null) valid = false;
        else out += s;
      }
      ascii = true;
    };
    for (;;) {
      if (this.i >= n) throw this.err('EOF while parsing a string');
      const c = b[this.i]!;
      if (c === 34) {
        flush(this.i);
        this.i++;
        // serde_json validates UTF-8 only once the closing quote is found (as_str).
        if (!valid) throw this.err('invalid unicode code point');
        return out;
      }
      if (c === 92) {
        flush(this.i);
        this.i++;
        out += this.parseEscape();
        seg = this.i;
      } else if (c < 0x20) {
        this.i++;
        throw this.err('control character (\\u0000-\\u001F) found while parsing a string');
      } else {
        if (c >= 0x80) ascii = false;
        this.i++;
      }
    }
  }

  private parseEscape(): string {
    if (this.i >= this.n) throw this.err('EOF while parsing a string');
    const c = this.b[this.i++]!;
    switch (c) {
      case 34:
        return '"';
      case 92:
        return '\\';
      case 47:
        return '/';
      case 98:
        return '\b';
      case 102:
        return '\f';
      case 110:
        return '\n';
      case 114:
        return '\r';
      case 116:
        return '\t';
      case 117:
        return this.parseUnicodeEscape();
      default:
        throw this.err('invalid escape');
    }
  }

  private hexEscape(): number {
    if (this.i + 4 > this.n) {
      this.i = this.n;
      throw this.err('EOF while parsing a string');
    }
    let v = 0;
    let bad = false;
    for (let k = 0; k < 4; k++) {
      const c = this.b[this.i + k]!;
      const d = c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 70 ? c - 55 : c >= 97 && c <= 102 ? c - 87 : -1;
      if (d < 0) bad = true;
      v = v * 16 + d;
    }
    this.i += 4;
    if (bad) throw this.err('invalid escape');
    return v;
  }

  /** parse_unicode_escape with validation on (strings must be valid Unicode). */
  private parseUnicodeEscape(): string {
    const n1 = this.hexEscape();
    if (n1 >= 0xdc00 && n1 <= 0xdfff) throw this.err('lone leading surrogate in hex escape');
    if (n1 < 0xd800 || n1 > 0xdbff) return String.fromCharCode(n1);
    if (this.i >= this.n) throw this.err('EOF while parsing a string');
    if (this.b[this.i] !== 92) {
      this.i++;
      throw this.err('unexpected end of hex escape');
    }
    this.i++;
    if (this.i >= this.n) throw this.err('EOF while parsing a string');
    if (this.b[this.i] !== 117) {
      this.i++;
      throw this.err('unexpected end of hex escape');
    }
    this.i++;
    const n2 = this.hexEscape();
    if (n2 < 0xdc00 || n2 > 0xdfff) throw this.err('lone leading surrogate in hex escape');
    return String.fromCharCode(n1, n2);
  }

  /** Base64 (standard alphabet, padded) inside a JSON string, for the `base64` bytes option. */
  base64(): Uint8Array {
    const s = this.str('a base64 string');
    const out = base64Decode(s);
    if (out === null) throw this.fix(this.invalidValueError(`string ${rustDebugStr(s)}`, 'a base64 string'));
    return out;
  }

  // ---- sequences -----------------------------------------------------------------------

  private enter(): void {
    this.depth--;
    if (this.depth === 0) throw this.perr('recursion limit exceeded');
  }

  /** deserialize_seq up to the opening bracket. */
  seqBegin(expected: string): void {
    const c = this.ws();
    if (c === -1) throw this.perr('EOF while parsing a value');
    if (c !== 91) throw this.invalidType(expected);
    this.enter();
    this.i++;
  }

  /** SeqAccess has_next_element. */
  seqNext(first: boolean): boolean {
    const c = this.ws();
    if (c === -1) throw this.perr('EOF while parsing a list');
    if (c === 93) return false;
    if (first) return true;
    if (c !== 44) throw this.perr('expected `,` or `]`');
    this.i++;
    const d = this.ws();
    if (d === 93) throw this.perr('trailing comma');
    if (d === -1) throw this.perr('EOF while parsing a value');
    return true;
  }

  /** end_seq after a successful visit. */
  seqEnd(): void {
    this.depth++;
    const c = this.ws();
    if (c === 93) {
      this.i++;
      return;
    }
    if (c === 44) {
      this.i++;
      throw this.perr(this.ws() === 93 ? 'trailing comma' : 'trailing characters');
    }
    if (c === -1) throw this.perr('EOF while parsing a list');
    throw this.perr('trailing characters');
  }

  /**
   * A visitor failed inside `[...]`: serde_json still runs end_seq (whose own error is
   * dropped) and then fixes the position, so an unpositioned error lands after it.
   */
  seqFail(e: unknown, segment: string | null): CodecError {
    const err = asCodecError(e);
    this.depth++;
    if (err.index < 0) {
      const c = this.ws();
      if (c === 93) this.i++;
      else if (c === 44) {
        this.i++;
        this.ws();
      }
      this.fix(err);
    }
    if (segment !== null) err.segments.push(segment);
    return err;
  }

  /** The visitor found too few elements. */
  invalidLength(len: number, expected: string): CodecError {
    return new CodecError(`invalid length ${len}, expected ${expected}`);
  }

  // ---- objects -------------------------------------------------------------------------

  /** deserialize_map up to the opening brace. */
  mapBegin(expected: string): void {
    const c = this.ws();
    if (c === -1) throw this.perr('EOF while parsing a value');
    if (c !== 123) throw this.invalidType(expected);
    this.enter();
    this.i++;
  }

  /** deserialize_struct: 1 for the `{...}` form, 0 for the positional `[...]` form. */
  structBegin(expected: string): number {
    const c = this.ws();
    if (c === -1) throw this.perr('EOF while parsing a value');
    if (c === 123) {
      this.enter();
      this.i++;
      return 1;
    }
    if (c === 91) {
      this.enter();
      this.i++;
      return 0;
    }
    throw this.invalidType(expected);
  }

  /** MapAccess has_next_key; on true the reader is at the key's opening quote. */
  mapNext(first: boolean): boolean {
    const c = this.ws();
    if (c === -1) throw this.perr('EOF while parsing an object');
    if (c === 125) return false;
    if (first) {
      if (c === 34) return true;
      throw this.perr('key must be a string');
    }
    if (c !== 44) throw this.perr('expected `,` or `}`');
    this.i++;
    const d = this.ws();
    if (d === 34) return true;
    if (d === 125) throw this.perr('trailing comma');
    if (d === -1) throw this.perr('EOF while parsing a value');
    throw this.perr('key must be a string');
  }

  /** MapKey as a string: consumes the quoted key. */
  key(): string {
    this.i++;
    return this.parseStr();
  }

  /**
   * Tests whether the quoted key at the reader equals `name` (given as the bytes of an
   * escape-free JSON string), consuming it when it does; otherwise nothing is consumed.
   */
  keyIs(name: Uint8Array): boolean {
    const b = this.b;
    const len = name.length;
    const start = this.i + 1;
    if (start + len >= this.n || b[start + len] !== 34) return false;
    for (let k = 0; k < len; k++) if (b[start + k] !== name[k]) return false;
    this.i = start + len + 1;
    return true;
  }

  /** MapKey for integer keys: a number in quotes (deserialize_numeric_key). */
  keyNumber(): void {
    this.i++;
    const c = this.peek();
    if (!(c === 45 || (c >= 48 && c <= 57))) throw this.err('invalid value: expected key to be a number in quotes');
  }

  keyNumberEnd(): void {
    if (this.peek() !== 34) throw this.perr('expected `"`');
    this.i++;
  }

  /** MapKey for bool keys: `"true"` or `"false"`. */
  keyBool(): boolean {
    this.i++;
    if (this.i >= this.n) throw this.perr('EOF while parsing a value');
    const c = this.b[this.i++]!;
    if (c === 116) {
      this.ident('rue"');
      return true;
    }
    if (c === 102) {
      this.ident('alse"');
      return false;
    }
    this.i--;
    const s = this.parseStr();
    throw this.fix(this.invalidTypeError(`string ${rustDebugStr(s)}`, 'a boolean'));
  }

  /** parse_object_colon. */
  colon(): void {
    const c = this.ws();
    if (c === 58) {
      this.i++;
      return;
    }
    throw this.perr(c === -1 ? 'EOF while parsing an object' : 'expected `:`');
  }

  /** end_map after a successful visit. */
  mapEnd(): void {
    this.depth++;
    const c = this.ws();
    if (c === 125) {
      this.i++;
      return;
    }
    if (c === 44) throw this.perr('trailing comma');
    if (c === -1) throw this.perr('EOF while parsing an object');
    throw this.perr('trailing characters');
  }

  /** A visitor failed inside `{...}`: end_map runs, then the position is fixed. */
  mapFail(e: unknown, segment: string | null): CodecError {
    const err = asCodecError(e);
    this.depth++;
    if (err.index < 0) {
      if (this.ws() === 125) this.i++;
      this.fix(err);
    }
    if (segment !== null) err.segments.push(segment);
    return err;
  }

  /** deserialize_struct's failure handler for either form. */
  structFail(e: unknown, form: number, segment: string | null): CodecError {
    return form === 1 ? this.mapFail(e, segment) : this.seqFail(e, segment);
  }

  duplicateField(name: string): CodecError {
    return new CodecError(`duplicate field \`${name}\``);
  }

  missingField(name: string): CodecError {
    return new CodecError(`missing field \`${name}\``);
  }

  // ---- enums (externally tagged) -------------------------------------------------------

  /** deserialize_enum: 1 for `{"Case": ...}`, 0 for `"Case"`. */
  enumBegin(): number {
    const c = this.ws();
    if (c === 123) {
      this.enter();
      this.i++;
      return 1;
    }
    if (c === 34) return 0;
    throw this.perr(c === -1 ? 'EOF while parsing a value' : 'expected value');
  }

  /** The variant identifier (deserialize_identifier → deserialize_str). */
  variant(): string {
    return this.str('variant identifier');
  }

  /**
   * The variant key of `{"Case": ...}` (VariantAccess::variant_seed): the key must be a string,
   * read as a map key; the object cut short is EOF while parsing an object.
   */
  variantKey(): string {
    const c = this.ws();
    if (c === 34) return this.key();
    if (c === 125) throw this.perr('expected value');
    throw this.perr(c === -1 ? 'EOF while parsing an object' : 'key must be a string');
  }

  /** After the content of `{"Case": ...}`: exactly one key is allowed. */
  enumEnd(): void {
    this.depth++;
    const c = this.ws();
    if (c === 125) {
      this.i++;
      return;
    }
    throw this.err(c === -1 ? 'EOF while parsing an object' : 'expected value');
  }

  /** A failure inside `{"Case": ...}` propagates unpositioned (VariantAccess has no fix). */
  enumFail(e: unknown, segment: string | null): CodecError {
    const err = asCodecError(e);
    this.depth++;
    if (segment !== null) err.segments.push(segment);
    return err;
  }

  /** serde's `unknown_variant`, positioned after the identifier string. */
  unknownVariant(name: string, variants: string[]): CodecError {
    let expected: string;
    if (variants.length === 0) {
      return this.fix(new CodecError(`unknown variant \`${name}\`, there are no variants`));
    } else if (variants.length === 1) {
      expected = `\`${variants[0]}\``;
    } else if (variants.length === 2) {
      expected = `\`${variants[0]}\` or \`${variants[1]}\``;
    } else {
      expected = `one of ${variants.map((v) => `\`${v}\``).join(', ')}`;
    }
    return this.fix(new CodecError(`unknown variant \`${name}\`, expected ${expected}`));
  }

  /** UnitVariantAccess: a `"Case"` string names a variant that carries data. */
  unitVariantForNewtype(): CodecError {
    return new CodecError('invalid type: unit variant, expected newtype variant');
  }

  // ---- ignoring values -----------------------------------------------------------------

  /** ignore_value: iterative, not depth limited, strings not UTF-8 validated. */
  skip(): void {
    const stack: number[] = [];
    let enclosing = -1;
    for (;;) {
      const c = this.ws();
      if (c === -1) throw this.perr('EOF while parsing a value');
      let frame = -1;
      if (c === 110) {
        this.i++;
        this.ident('ull');
      } else if (c === 116) {
        this.i++;
        this.ident('rue');
      } else if (c === 102) {
        this.i++;
        this.ident('alse');
      } else if (c === 45) {
        this.i++;
        this.ignoreInteger();
      } else if (c >= 48 && c <= 57) {
        this.ignoreInteger();
      } else if (c === 34) {
        this.i++;
        this.ignoreStr();
      } else if (c === 91 || c === 123) {
        if (enclosing !== -1) stack.push(enclosing);
        enclosing = -1;
        this.i++;
        frame = c;
      } else {
        throw this.perr('expected value');
      }
      let acceptComma: boolean;
      if (frame !== -1) {
        acceptComma = false;
      } else if (enclosing !== -1) {
        frame = enclosing;
        enclosing = -1;
        acceptComma = true;
      } else {
        const popped = stack.pop();
        if (popped === undefined) return;
        frame = popped;
        acceptComma = true;
      }
      for (;;) {
        const d = this.ws();
        if (d === 44 && acceptComma) {
          this.i++;
          break;
        }
        if (!((d === 93 && frame === 91) || (d === 125 && frame === 123))) {
          if (d === -1) throw this.perr(frame === 91 ? 'EOF while parsing a list' : 'EOF while parsing an object');
          if (acceptComma) throw this.perr(frame === 91 ? 'expected `,` or `]`' : 'expected `,` or `}`');
          break;
        }
        this.i++;
        const popped = stack.pop();
        if (popped === undefined) return;
        frame = popped;
        acceptComma = true;
      }
      if (frame === 123) {
        const k = this.ws();
        if (k === 34) this.i++;
        else throw this.perr(k === -1 ? 'EOF while parsing an object' : 'key must be a string');
        this.ignoreStr();
        const colon = this.ws();
        if (colon === 58) this.i++;
        else throw this.perr(colon === -1 ? 'EOF while parsing an object' : 'expected `:`');
      }
      enclosing = frame;
    }
  }

  private ignoreInteger(): void {
    const c = this.i < this.n ? this.b[this.i++]! : 0;
    if (c === 48) {
      const p = this.peek();
      if (p >= 48 && p <= 57) throw this.perr('invalid number');
    } else if (c >= 49 && c <= 57) {
      this.skipDigits();
    } else {
      throw this.err('invalid number');
    }
    const p = this.peek();
    if (p === 46) {
      this.i++;
      const start = this.i;
      this.skipDigits();
      if (this.i === start) throw this.perr('invalid number');
      const q = this.peek();
      if (q === 101 || q === 69) this.ignoreExponent();
    } else if (p === 101 || p === 69) {
      this.ignoreExponent();
    }
  }

  private ignoreExponent(): void {
    this.i++;
    const s = this.peek();
    if (s === 43 || s === 45) this.i++;
    const c = this.i < this.n ? this.b[this.i++]! : 0;
    if (c < 48 || c > 57) throw this.err('invalid number');
    this.skipDigits();
  }

  private skipDigits(): void {
    for (;;) {
      const p = this.peek();
      if (p < 48 || p > 57) return;
      this.i++;
    }
  }

  /** SliceRead::ignore_str. */
  private ignoreStr(): void {
    const b = this.b;
    for (;;) {
      while (this.i < this.n) {
        const c = b[this.i]!;
        if (c === 34 || c === 92 || c < 0x20) break;
        this.i++;
      }
      if (this.i === this.n) throw this.err('EOF while parsing a string');
      const c = b[this.i]!;
      if (c === 34) {
        this.i++;
        return;
      }
      if (c === 92) {
        this.i++;
        if (this.i >= this.n) throw this.err('EOF while parsing a string');
        const e = b[this.i++]!;
        if (e === 117) this.hexEscape();
        else if (!(e === 34 || e === 92 || e === 47 || e === 98 || e === 102 || e === 110 || e === 114 || e === 116)) {
          throw this.err('invalid escape');
        }
      } else {
        throw this.err('control character (\\u0000-\\u001F) found while parsing a string');
      }
    }
  }

  /** `list<u8>` as serde's Vec<u8> visitor reads it (a sequence of u8), into a Uint8Array. */
  bytesList(): Uint8Array {
    this.seqBegin('a sequence');
    const run = this.byteRun();
    if (run !== null) {
      this.seqEnd();
      return run;
    }
    let out = new Uint8Array(64);
    let len = 0;
    try {
      while (this.seqNext(len === 0)) {
        if (len === out.length) {
          const next = new Uint8Array(len * 2);
          next.set(out);
          out = next;
        }
        out[len++] = this.u8();
      }
    } catch (e) {
      throw this.seqFail(e, `[${len}]`);
    }
    this.seqEnd();
    return out.slice(0, len);
  }

  /**
   * A long `[...]` of byte numbers read at once by the engine's JSON.parse, the reader at its
   * first element; null, with nothing consumed, for anything the loop in `bytesList` must read or
   * reject. Up to the first `]` there must be no byte that starts anything but a plain integer
   * (NOT_IN_BYTE_RUN, found by native scans): then JSON.parse accepts only digits, commas and JSON
   * whitespace, where its grammar is serde's (leading zeros and stray commas are errors in both), so
   * what it accepts with no element above 255 is exactly what serde's Vec<u8> visitor accepts.
   */
  private byteRun(): Uint8Array | null {
    const start = this.i;
    const close = this.b.indexOf(93, start);
    if (close - start < NATIVE_MIN) return null;
    const run = this.b.subarray(start, close);
    for (let k = 0; k < NOT_IN_BYTE_RUN.length; k++) if (run.indexOf(NOT_IN_BYTE_RUN[k]!) >= 0) return null;
    let values: number[];
    try {
      // The brackets are the bytes around the run (seqBegin consumed `[` just before it).
      values = JSON.parse(asciiString(this.b, start - 1, close + 1)) as number[];
    } catch {
      return null;
    }
    for (let k = 0; k < values.length; k += APPLY_CHUNK) {
      const chunk = values.length <= APPLY_CHUNK ? values : values.slice(k, k + APPLY_CHUNK);
      if (Math.max.apply(null, chunk) > 255) return null;
    }
    this.i = close;
    const out = new Uint8Array(values.length);
    out.set(values);
    return out;
  }

  /** MapKey for `char` keys. */
  keyChar(): string {
    const s = this.key();
    const cp = s.codePointAt(0);
    if (cp === undefined || s.length !== (cp > 0xffff ? 2 : 1)) {
      throw this.fix(this.invalidValueError(`string ${rustDebugStr(s)}`, 'a character'));
    }
    return s;
  }

  /**
   * bitflags 2's human-readable serde form, `bitflags::parser::from_str`: flag names separated
   * by `|`, or `0x` hex bits, which are retained even where no named flag covers them
   * (`from_bits_retain`); bit k is flag k, `width` is wit-bindgen's repr (u8 … u128).
   * bitflags' ParseError texts carry no flag because wit-bindgen does not enable bitflags' `std`.
   */
  flags(spec: FlagsSpec): FlagsValue {
    const text = this.str('a string value of `|` separated flags');
    try {
      return flagsFromText(text, spec);
    } catch (e) {
      throw this.fix(e);
    }
  }

  /**
   * deserialize_any into serde's buffered `Content`, used where serde buffers a value before
   * choosing a type (untagged and internally tagged enums): checks one value completely
   * (strings as UTF-8, numbers, the depth limit) and discards it.
   */
  any(): void {
    const c = this.ws();
    if (c === -1) throw this.perr('EOF while parsing a value');
    if (c === 110 || c === 116 || c === 102) {
      this.i++;
      this.ident(c === 110 ? 'ull' : c === 116 ? 'rue' : 'alse');
    } else if (c === 45) {
      this.i++;
      this.parseInteger(false);
    } else if (c >= 48 && c <= 57) {
      this.parseInteger(true);
    } else if (c === 34) {
      this.i++;
      this.parseStr();
    } else if (c === 91) {
      this.enter();
      this.i++;
      let first = true;
      try {
        while (this.seqNext(first)) {
          first = false;
          this.any();
        }
      } catch (e) {
        throw this.seqFail(e, null);
      }
      this.seqEnd();
    } else if (c === 123) {
      this.enter();
      this.i++;
      let first = true;
      try {
        while (this.mapNext(first)) {
          first = false;
          this.key();
          this.colon();
          this.any();
        }
      } catch (e) {
        throw this.mapFail(e, null);
      }
      this.mapEnd();
    } else {
      throw this.perr('expected value');
    }
  }

  /**
   * serde's internally and adjacently tagged enums first read the whole object (one pass, like
   * deserialize_any), taking the tag as a variant identifier: syntax errors and a missing,
   * duplicate or unknown tag come from this pass, with positions. Returns the tag, where the
   * content value starts (-1 if absent; internal tagging: the object itself), the object's end,
   * and whether serde would have buffered the content (then its errors carry no position).
   */
  scanTag(tag: string, content: string | null, expected: string, variants: string[]): TagScan {
    const start = this.i;
    this.mapBegin(expected);
    let found: string | null = null;
    let at = content === null ? start : -1;
    let buffered = content === null;
    let first = true;
    try {
      while (this.mapNext(first)) {
        first = false;
        const k = this.key();
        if (k === tag) {
          if (found !== null) throw this.duplicateField(tag);
          this.colon();
          found = this.str('variant identifier');
          if (!variants.includes(found)) throw this.unknownVariant(found, variants);
        } else if (content !== null && k === content) {
          if (at >= 0) throw this.duplicateField(content);
          this.colon();
          this.ws();
          at = this.i;
          // Content before the tag is buffered by serde; after it, it is read in place later.
          buffered = found === null;
          if (buffered) this.any();
          else this.skip();
        } else {
          this.colon();
          // Internal tagging buffers every other field; adjacent tagging ignores unknown ones.
          if (content === null) this.any();
          else this.skip();
        }
      }
      if (found === null) throw this.missingField(tag);
    } catch (e) {
      throw this.mapFail(e, null);
    }
    this.mapEnd();
    return { tag: found, content: at, end: this.i, buffered };
  }

  /** A content failure in a tagged enum: buffered content errors lose their position. */
  contentFail(e: unknown, scan: TagScan): CodecError {
    const err = asCodecError(e);
    if (scan.buffered) {
      err.index = -1;
      err.input = null;
    }
    this.i = scan.end;
    return err;
  }
}

/** The result of `Reader.scanTag`. */
export interface TagScan {
  tag: string;
  content: number;
  end: number;
  buffered: boolean;
}

// ---- whole-document fast path -------------------------------------------------------------

/**
 * The signal of the whole-document fast path: it cannot prove that serde reads the document as
 * JSON.parse did. The generated decoder then runs the exact Reader, which gives serde's value or
 * serde's error.
 */
const MISSED = { missed: true };

/**
 * Where a walk found a value: the container (object, array, or FastDoc.root) and the key. The
 * walk may replace it there by a mark (see FastDoc.mark).
 */
export type FastSlots = { [key: string]: unknown };
export type FastArray = { [key: string]: unknown; length: number };

/** A mark's delimiters: control characters, which JSON.stringify always escapes. */
const MARK_OPEN = '\u0001';
const MARK_CLOSE = '\u0002';
/** A mark as JSON.stringify writes it, and the text it becomes. */
const MARK_OPEN_TEXT = '"\\u0001';
const MARK_CLOSE_TEXT = '\\u0002"';
/**
 * Brackets that JSON.parse nests without risk: QuickJS's parser recurses and traps at a few
 * thousand, StarlingMonkey's traps somewhere between a million and three (both measured).
 */
/**
 * The longest byte list (and, for types that hold one, document) the fast paths take: the Reader
 * and Writer read and write long byte lists natively in fewer passes than JSON.parse, a copy, a
 * join and the comparison of the text written back (measured in both engines).
 */
export const FAST_BYTES_MAX = 4096;

const SAFE_NESTING = utf8Decoder === null ? 1000 : 100000;
const NOT_BRACKET = /[^[\]{}]+/g;
/**
 * A string literal as JSON.parse's lexer reads it up to the first error, so brackets inside strings
 * pair with none outside (where the lexer would fail first, the regular expression may pair quotes
 * otherwise, but JSON.parse stops there). An unterminated string runs to the end of the text, so
 * that each match attempt succeeds and the scan stays linear (retrying from each escaped quote of
 * an unterminated string took quadratic time); JSON.parse fails on it before nesting anything after.
 */
const STRING_LITERAL = /"[^"\\]*(?:\\[\s\S][^"\\]*)*(?:"|\\?$)/g;
const EMPTY_PAIR = /\[\]|\{\}/g;

/**
 * One document read by JSON.parse, walked by a generated `accept<Type>` function that follows the
 * WIT type and builds the jco value. The walk checks types and ranges; what JSON.parse hides
 * (duplicate keys, number forms like `1.0` or `1e2` at integer positions, `-0`, integers beyond
 * 2^53, escapes, whitespace) is settled at the end by one comparison: JSON.stringify of the parsed
 * document, with the marks the walk left in place of floats and byte lists, must give back the
 * document's text. Such a text is compact, its keys are unique and every token is the canonical
 * form of the value the walk took, which serde reads as that value (floats only where one division
 * of an exact integer by an exact power of ten gives it: at most 15 digits, no exponent). Any
 * failed check throws MISSED.
 */
export class FastDoc {
  /** The slot holding the whole document. */
  root: FastSlots;
  /** Marks left in the document. */
  marks: number;

  constructor(value: unknown) {
    this.root = { value };
    this.marks = 0;
  }

  miss(): never {
    throw MISSED;
  }

  /** Replaces the value at c[k] by `text`, which the comparison expects there verbatim. */
  private mark(c: FastSlots, k: string | number, text: string): void {
    c[k] = MARK_OPEN + text + MARK_CLOSE;
    this.marks++;
  }

  /** The document as JSON.stringify writes it back, marks replaced by their text; null if marks are ambiguous. */
  text(): string | null {
    const s = JSON.stringify(this.root.value);
    if (this.marks === 0) return s;
    // A string of the document that starts or ends like a mark shows in the counts.
    const open = s.split(MARK_OPEN_TEXT);
    if (open.length - 1 !== this.marks) return null;
    const close = open.join('').split(MARK_CLOSE_TEXT);
    if (close.length - 1 !== this.marks) return null;
    return close.join('');
  }

  bool(c: FastSlots, k: string | number): boolean {
    const v = c[k];
    if (typeof v !== 'boolean') throw MISSED;
    return v;
  }

  str(c: FastSlots, k: string | number): string {
    const v = c[k];
    if (typeof v !== 'string') throw MISSED;
    return v;
  }

  char(c: FastSlots, k: string | number): string {
    const v = c[k];
    // The text holds no surrogate escape, so two units starting with a high surrogate are a pair.
    const first = typeof v === 'string' ? v.charCodeAt(0) : 0;
    if (typeof v !== 'string' || !(v.length === 1 || (v.length === 2 && first >= 0xd800 && first <= 0xdbff))) {
      throw MISSED;
    }
    return v;
  }

  /** An integer in [min, max]; its text is checked by the comparison. */
  int(c: FastSlots, k: string | number, min: number, max: number): number {
    const v = c[k];
    if (typeof v !== 'number' || !(v >= min && v <= max) || Math.floor(v) !== v) throw MISSED;
    return v;
  }

  /** u64 / s64: JSON.parse is exact only up to 2^53 - 1. */
  wide(c: FastSlots, k: string | number, signed: boolean): bigint {
    const v = c[k];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || (!signed && v < 0)) throw MISSED;
    return BigInt(v);
  }

  /**
   * An f64 whose text serde reads exactly: at most 15 digits and no exponent. A whole number is
   * marked, so that the text must hold it with serde's `.0`.
   */
  f64(c: FastSlots, k: string | number): number {
    const v = c[k];
    if (typeof v !== 'number') throw MISSED;
    if (Math.floor(v) === v) {
      if (!(v < 1e15 && v > -1e15)) throw MISSED;
      this.mark(c, k, v === 0 && 1 / v < 0 ? '-0.0' : `${v}.0`);
      return v;
    }
    const t = String(v);
    if (t.length > (v < 0 ? 17 : 16) || t.indexOf('e') >= 0) throw MISSED;
    return v;
  }

  /** An f32: serde reads the text as an f64 and rounds it. */
  f32(c: FastSlots, k: string | number): number {
    return Math.fround(this.f64(c, k));
  }

  /** A map key of type `char`. */
  charKey(key: string): string {
    return this.char({ key }, 'key');
  }

  /** `null`, serde's unit. */
  unit(c: FastSlots, k: string | number): void {
    if (c[k] !== null) throw MISSED;
  }

  /** A JSON object (a record, map or tagged case); records in their positional `[...]` form miss. */
  object(c: FastSlots, k: string | number): FastSlots {
    const v = c[k];
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw MISSED;
    return v as FastSlots;
  }

  array(c: FastSlots, k: string | number): FastArray {
    const v = c[k];
    if (!Array.isArray(v)) throw MISSED;
    return v as unknown as FastArray;
  }

  /**
   * `list<u8>` as an array of numbers: the engine converts the elements, and the comparison checks
   * that the document wrote exactly those bytes (no `"1"`, `1.0`, `-0` or `256`).
   */
  bytes(c: FastSlots, k: string | number): Uint8Array {
    const a = this.array(c, k);
    const out = new Uint8Array(a.length);
    if (a.length > 0) {
      out.set(a as unknown as ArrayLike<number>);
      this.mark(c, k, `[${out.join(',')}]`);
    }
    return out;
  }

  base64(c: FastSlots, k: string | number): Uint8Array {
    const v = c[k];
    const out = typeof v === 'string' ? base64Decode(v) : null;
    if (out === null) throw MISSED;
    return out;
  }

  flags(c: FastSlots, k: string | number, spec: FlagsSpec): FlagsValue {
    const v = c[k];
    if (typeof v !== 'string') throw MISSED;
    return flagsFromText(v, spec);
  }
}

/** UTF-8 bytes as text, null when they are not valid UTF-8 (Rust's `str::from_utf8` acceptance). */
function documentText(b: Uint8Array): string | null {
  if (strictUtf8Decoder !== null) {
    try {
      return strictUtf8Decoder.decode(b);
    } catch {
      return null;
    }
  }
  let ascii = true;
  for (let k = 0; k < b.length && ascii; k += APPLY_CHUNK) {
    ascii = Math.max.apply(null, b.subarray(k, k + APPLY_CHUNK) as unknown as number[]) < 0x80;
  }
  const latin1 = latin1String(b, 0, b.length);
  if (ascii) return latin1;
  try {
    // ECMAScript's Decode refuses what is not UTF-8 (RFC 3629): overlongs, surrogates, beyond
    // U+10FFFF, truncated sequences, as Rust does.
    return decodeURIComponent(escape(latin1));
  } catch {
    return null;
  }
}

/**
 * Whether JSON.parse could nest too deep (see SAFE_NESTING): more brackets than that, nesting more
 * than `depth` deep, which a document the walk accepts never does outside unknown fields.
 */
function nestsTooDeep(text: string, depth: number): boolean {
  if (text.length <= SAFE_NESTING) return false;
  // Counting is cheaper than the regular expressions below where brackets are few.
  if (text.split('[').length + text.split('{').length - 2 <= SAFE_NESTING) return false;
  let brackets = text.replace(STRING_LITERAL, '').replace(NOT_BRACKET, '');
  if (brackets.length <= SAFE_NESTING) return false;
  for (let k = 0; k <= depth && brackets.length > 0; k++) brackets = brackets.replace(EMPTY_PAIR, '');
  return brackets.length > 0;
}

/**
 * Decodes `bytes` natively where the engine interprets this module (see NATIVE_MIN): JSON.parse,
 * then `accept` walks the value (see FastDoc); MISSED when the document is not provably read alike,
 * and the caller runs the exact Reader. `depth` bounds how deep a document of the type nests;
 * `limit` is the longest document taken (FAST_BYTES_MAX for types that hold byte lists).
 */
export function fastDecode<T>(
  bytes: Uint8Array,
  depth: number,
  limit: number,
  accept: (d: FastDoc, c: FastSlots, k: string) => T,
): T | typeof MISSED {
  if (NATIVE_MIN === Infinity || bytes.length === 0 || bytes.length > limit) return MISSED;
  const text = documentText(bytes);
  // serde refuses lone surrogate escapes, which JSON.parse reads and JSON.stringify writes back.
  if (text === null || text.indexOf('\\ud') >= 0) return MISSED;
  try {
    if (nestsTooDeep(text, depth)) return MISSED;
    const d = new FastDoc(JSON.parse(text));
    const v = accept(d, d.root, 'value');
    return d.text() === text ? v : MISSED;
  } catch {
    return MISSED;
  }
}

/**
 * A jco value rewritten as the plain value whose JSON.stringify text is the Writer's, for a
 * generated `plain<Type>` walk: serde's keys, tags and order; floats, 64-bit integers beyond 2^53
 * and byte lists marked with the Writer's text. Anything the Writer would refuse, re-wrap or write
 * otherwise (lone surrogates as U+FFFD) throws MISSED, and the Writer runs instead.
 */
export class FastOut {
  marks: number;

  constructor() {
    this.marks = 0;
  }

  miss(): never {
    throw MISSED;
  }

  /** A value JSON.stringify writes as `"\u0001text\u0002"`, replaced by `text` afterwards. */
  private mark(text: string): string {
    this.marks++;
    return MARK_OPEN + text + MARK_CLOSE;
  }

  bool(v: unknown): boolean {
    if (typeof v !== 'boolean') throw MISSED;
    return v;
  }

  str(v: unknown): string {
    if (typeof v !== 'string') throw MISSED;
    return v;
  }

  char(v: unknown): string {
    if (typeof v !== 'string') throw MISSED;
    const c = v.charCodeAt(0);
    if (!(v.length === 1 ? c < 0xd800 || c > 0xdfff : v.length === 2 && v.codePointAt(0)! > 0xffff)) throw MISSED;
    return v;
  }

  int(v: unknown, min: number, max: number): number {
    if (typeof v !== 'number' || !(v >= min && v <= max) || Math.floor(v) !== v) throw MISSED;
    return v;
  }

  /** u64 / s64 from a bigint or a safe integer, as the Writer takes them without re-wrapping. */
  wide(v: unknown, signed: boolean): number | string {
    if (typeof v === 'number') {
      if (!Number.isSafeInteger(v) || (!signed && v < 0)) throw MISSED;
      return v;
    }
    if (typeof v !== 'bigint' || (signed ? v < -I64_MIN_ABS || v >= I64_MIN_ABS : v < 0n || v > U64_MAX)) throw MISSED;
    return v >= -MAX_EXACT_INT64 && v <= MAX_EXACT_INT64 ? Number(v) : this.mark(v.toString());
  }

  /** An f64 as the Writer writes it: JS writes whole numbers and exponents otherwise. */
  f64(v: unknown): number | string | null {
    if (typeof v !== 'number') throw MISSED;
    if (v !== v || v === Infinity || v === -Infinity) return null;
    const a = v < 0 ? -v : v;
    if (Math.floor(v) === v) return this.mark(a < 1e16 ? (v === 0 && 1 / v < 0 ? '-0.0' : `${v}.0`) : formatF64(v));
    return a >= 1e-5 && a < 1e16 ? v : this.mark(formatF64(v));
  }

  f32(v: unknown): string | null {
    if (typeof v !== 'number') throw MISSED;
    const f = Math.fround(v);
    return f !== f || f === Infinity || f === -Infinity ? null : this.mark(formatF32(f));
  }

  object(v: unknown): void {
    if (typeof v !== 'object' || v === null) throw MISSED;
  }

  /** An array or typed array, as `arrayLike` takes it, of `length` elements when given. */
  list(v: unknown, length = -1): ArrayLike<unknown> {
    if (!(Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView)))) throw MISSED;
    const a = v as ArrayLike<unknown>;
    if (length >= 0 && a.length !== length) throw MISSED;
    return a;
  }

  /** A list of strings or booleans: a copy of the array, once every element has the type. */
  same(v: unknown, type: 'string' | 'boolean'): unknown[] {
    if (!Array.isArray(v)) throw MISSED;
    for (let k = 0; k < v.length; k++) if (typeof v[k] !== type) throw MISSED;
    return v.slice();
  }

  /** The `[... ]` of a tuple; the Writer takes nothing but an array of that length. */
  tuple(v: unknown, length: number): unknown[] {
    if (!Array.isArray(v) || v.length !== length) throw MISSED;
    return v;
  }

  bytes(v: unknown): string {
    if (!(v instanceof Uint8Array) || v.length > FAST_BYTES_MAX) throw MISSED;
    return this.mark(`[${v.join(',')}]`);
  }

  base64(v: unknown): string {
    if (!(v instanceof Uint8Array)) throw MISSED;
    return base64Encode(v);
  }

  flags(v: unknown, spec: FlagsSpec): string {
    return flagsToText(v, spec);
  }

  /**
   * A map's entries in serde's order (keys by code point); a plain object keeps them in that
   * order only for keys that are not integer-like, and `__proto__` would set its prototype.
   */
  entries(v: unknown, char: boolean): [string, unknown][] {
    if (!(v instanceof Map)) throw MISSED;
    const entries = [...(v as Map<unknown, unknown>).entries()] as [string, unknown][];
    for (let k = 0; k < entries.length; k++) {
      const key = entries[k]![0];
      const c = char ? this.char(key).charCodeAt(0) : this.str(key).charCodeAt(0);
      if ((c >= 48 && c <= 57) || key === '__proto__') throw MISSED;
    }
    return entries.sort((a, b) => compareCodePoints(a[0], b[0]));
  }
}

/**
 * Encodes `value` natively where the engine interprets this module and has TextEncoder: `plain`
 * rewrites it (see FastOut), JSON.stringify writes it; null when the Writer must (an error, a
 * re-wrapped integer, a lone surrogate).
 */
export function fastEncode<T>(value: T, plain: (e: FastOut, v: T) => unknown): Uint8Array | null {
  // Without TextEncoder (QuickJS), turning the text into bytes takes a loop over every character,
  // which costs more than the Writer saves.
  if (NATIVE_MIN === Infinity || utf8Encoder === null) return null;
  try {
    const e = new FastOut();
    let text = JSON.stringify(plain(e, value));
    // JSON.stringify escapes a lone surrogate as `\udXXX`; the Writer writes U+FFFD.
    if (text.indexOf('\\ud') >= 0) return null;
    if (e.marks > 0) {
      const open = text.split(MARK_OPEN_TEXT);
      if (open.length - 1 !== e.marks) return null;
      const close = open.join('').split(MARK_CLOSE_TEXT);
      if (close.length - 1 !== e.marks) return null;
      text = close.join('');
    }
    // Like the Writer, TextEncoder writes a lone surrogate as U+FFFD.
    return utf8Encoder.encode(text);
  } catch {
    return null;
  }
}

/** Whether `fastDecode` gave up. */
export function missed(v: unknown): boolean {
  return v === MISSED;
}

// ---- base64 ------------------------------------------------------------------------------

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Int16Array(128).fill(-1);
for (let k = 0; k < 64; k++) B64_INDEX[B64.charCodeAt(k)] = k;

/** Standard padded base64; null when `s` is not canonical base64. */
export function base64Decode(s: string): Uint8Array | null {
  if (s.length % 4 !== 0) return null;
  let pad = 0;
  if (s.endsWith('==')) pad = 2;
  else if (s.endsWith('=')) pad = 1;
  const out = new Uint8Array((s.length / 4) * 3 - pad);
  let o = 0;
  for (let k = 0; k < s.length; k += 4) {
    const q: number[] = [];
    for (let m = 0; m < 4; m++) {
      const c = s.charCodeAt(k + m);
      const last = k + 4 === s.length;
      if (c === 61 && last && m >= 4 - pad) q.push(0);
      else {
        const v = c < 128 ? B64_INDEX[c]! : -1;
        if (v < 0) return null;
        q.push(v);
      }
    }
    const bits = (q[0]! << 18) | (q[1]! << 12) | (q[2]! << 6) | q[3]!;
    if (o < out.length) out[o++] = bits >> 16;
    if (o < out.length) out[o++] = (bits >> 8) & 255;
    if (o < out.length) out[o++] = bits & 255;
  }
  return out;
}

export function base64Encode(bytes: Uint8Array): string {
  let s = '';
  let k = 0;
  for (; k + 2 < bytes.length; k += 3) {
    const v = (bytes[k]! << 16) | (bytes[k + 1]! << 8) | bytes[k + 2]!;
    s += B64[v >> 18]! + B64[(v >> 12) & 63]! + B64[(v >> 6) & 63]! + B64[v & 63]!;
  }
  if (k < bytes.length) {
    const v = (bytes[k]! << 16) | ((k + 1 < bytes.length ? bytes[k + 1]! : 0) << 8);
    s += B64[v >> 18]! + B64[(v >> 12) & 63]!;
    s += k + 1 < bytes.length ? B64[(v >> 6) & 63]! + '=' : '==';
  }
  return s;
}

// ---- writer ------------------------------------------------------------------------------

/** The bytes of any string as UTF-8, escaped as a JSON string body would be (no quotes). */
export function jsonStringBytes(s: string): Uint8Array {
  const w = new Writer(s.length + 8);
  w.str(s);
  return w.buf.slice(1, w.len - 1);
}

/** bitflags 2's `parser::to_writer` text of a jco flags value (see `Writer.flags`). */
function flagsToText(v: unknown, spec: FlagsSpec): string {
  const o = objectValue(v, 'flags') as FlagsValue;
  const { names, props, width } = spec;
  let s = '';
  for (let k = 0; k < props.length; k++) {
    if (o[props[k]!]) s = s === '' ? names[k]! : `${s} | ${names[k]!}`;
  }
  const extra: unknown = o[FLAGS_UNKNOWN_BITS];
  if (extra !== undefined) {
    const bits =
      typeof extra === 'bigint'
        ? extra
        : typeof extra === 'number' && Number.isSafeInteger(extra)
          ? BigInt(extra)
          : -1n;
    const n = BigInt(props.length);
    if (bits < 0n || bits >> BigInt(width) !== 0n || bits & ((1n << n) - 1n)) {
      throw encodeError(`expected unknown flag bits within bits ${props.length}..${width - 1}, got ${describe(extra)}`);
    }
    if (bits !== 0n) s = `${s === '' ? '' : `${s} | `}0x${bits.toString(16)}`;
  }
  return s;
}

/** A serde_json compact writer into a growable byte buffer. */
export class Writer {
  buf: Uint8Array;
  len: number;

  constructor(capacity = 256) {
    this.buf = new Uint8Array(capacity);
    this.len = 0;
  }

  private grow(extra: number): void {
    let cap = this.buf.length * 2;
    while (cap < this.len + extra) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  ensure(extra: number): void {
    if (this.len + extra > this.buf.length) this.grow(extra);
  }

  byte(c: number): void {
    if (this.len >= this.buf.length) this.grow(1);
    this.buf[this.len++] = c;
  }

  raw(bytes: Uint8Array): void {
    const n = bytes.length;
    if (this.len + n > this.buf.length) this.grow(n);
    if (n > 32) {
      this.buf.set(bytes, this.len);
      this.len += n;
      return;
    }
    const buf = this.buf;
    let len = this.len;
    for (let k = 0; k < n; k++) buf[len++] = bytes[k]!;
    this.len = len;
  }

  ascii(s: string): void {
    const n = s.length;
    if (this.len + n > this.buf.length) this.grow(n);
    const buf = this.buf;
    let len = this.len;
    for (let k = 0; k < n; k++) buf[len++] = s.charCodeAt(k);
    this.len = len;
  }

  null(): void {
    this.ascii('null');
  }

  bool(v: boolean): void {
    this.ascii(v ? 'true' : 'false');
  }

  /** An integer known to be exact (|v| < 2^53). */
  int(v: number): void {
    if (v >= 0 && v <= 0xffffffff) {
      let digits = 1;
      for (let p = 10; p <= v && digits < 10; p *= 10) digits++;
      if (this.len + digits > this.buf.length) this.grow(digits);
      const buf = this.buf;
      let at = this.len + digits;
      this.len = at;
      let rest = v;
      do {
        const q = (rest / 10) >>> 0;
        buf[--at] = 48 + (rest - q * 10);
        rest = q;
      } while (rest > 0);
      return;
    }
    this.ascii(String(v));
  }

  big(v: bigint): void {
    this.ascii(v.toString());
  }

  f64(v: number): void {
    if (v !== v || v === Infinity || v === -Infinity) {
      this.null();
      return;
    }
    const a = v < 0 ? -v : v;
    const cents = a * 100;
    // Whole numbers and values with one or two decimals (prices, ratios) print as zmij does
    // without a float-to-string conversion. `cents / 100 === a` proves `a` is the double
    // nearest cents/100, and below 10^15 no other decimal that short rounds to it, so these
    // digits are the shortest round-trip ones.
    if (cents < 1e15 && Math.floor(cents) === cents && cents / 100 === a && (v !== 0 || 1 / v > 0)) {
      if (v < 0) this.byte(45);
      const whole = Math.floor(cents / 100);
      const frac = cents - whole * 100;
      this.int(whole);
      this.byte(46);
      if (frac === 0) this.byte(48);
      else {
        this.byte(48 + Math.floor(frac / 10));
        if (frac % 10 !== 0) this.byte(48 + (frac % 10));
      }
      return;
    }
    this.ascii(formatF64(v));
  }

  f32(v: number): void {
    const f = Math.fround(v);
    if (f !== f || f === Infinity || f === -Infinity) this.null();
    else this.ascii(formatF32(f));
  }

  /** `list<u8>` as an array of numbers. */
  u8s(bytes: Uint8Array | ArrayLike<number>): void {
    const n = bytes.length;
    this.ensure(n * 4 + 2);
    const buf = this.buf;
    let len = this.len;
    buf[len++] = 91;
    if (n >= NATIVE_MIN && utf8Encoder !== null) {
      // The engine's join writes each byte as its decimal digits, as serde does.
      len += utf8Encoder.encodeInto(Array.prototype.join.call(bytes, ','), buf.subarray(len)).written;
      buf[len++] = 93;
      this.len = len;
      return;
    }
    for (let k = 0; k < n; k++) {
      if (k > 0) buf[len++] = 44;
      const v = bytes[k]!;
      if (v < 10) buf[len++] = 48 + v;
      else if (v < 100) {
        buf[len++] = 48 + ((v / 10) | 0);
        buf[len++] = 48 + (v % 10);
      } else {
        buf[len++] = 48 + ((v / 100) | 0);
        buf[len++] = 48 + (((v / 10) | 0) % 10);
        buf[len++] = 48 + (v % 10);
      }
    }
    buf[len++] = 93;
    this.len = len;
  }

  /** A JSON string as serde_json's format_escaped_str writes it; lone surrogates → U+FFFD. */
  str(s: string): void {
    const n = s.length;
    this.ensure(n * 6 + 2);
    const buf = this.buf;
    let len = this.len;
    buf[len++] = 34;
    if (n >= NATIVE_MIN && !NEEDS_ESCAPE.test(s)) {
      if (utf8Encoder !== null) {
        len += utf8Encoder.encodeInto(s, buf.subarray(len)).written;
        buf[len++] = 34;
        this.len = len;
        return;
      }
      if (!NOT_PLAIN_ASCII.test(s)) {
        for (let k = 0; k < n; k++) buf[len++] = s.charCodeAt(k);
        buf[len++] = 34;
        this.len = len;
        return;
      }
    }
    for (let k = 0; k < n; k++) {
      let c = s.charCodeAt(k);
      if (c < 0x80) {
        const e = ESCAPE[c]!;
        if (e === 0) buf[len++] = c;
        else {
          buf[len++] = 92;
          buf[len++] = e;
          if (e === 117) {
            buf[len++] = 48;
            buf[len++] = 48;
            buf[len++] = HEX.charCodeAt(c >> 4);
            buf[len++] = HEX.charCodeAt(c & 15);
          }
        }
      } else if (c < 0x800) {
        buf[len++] = 0xc0 | (c >> 6);
        buf[len++] = 0x80 | (c & 63);
      } else {
        if (c >= 0xd800 && c <= 0xdfff) {
          const d = k + 1 < n ? s.charCodeAt(k + 1) : 0;
          if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
            const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
            k++;
            buf[len++] = 0xf0 | (cp >> 18);
            buf[len++] = 0x80 | ((cp >> 12) & 63);
            buf[len++] = 0x80 | ((cp >> 6) & 63);
            buf[len++] = 0x80 | (cp & 63);
            continue;
          }
          c = 0xfffd;
        }
        buf[len++] = 0xe0 | (c >> 12);
        buf[len++] = 0x80 | ((c >> 6) & 63);
        buf[len++] = 0x80 | (c & 63);
      }
    }
    buf[len++] = 34;
    this.len = len;
  }

  /** Validating writers for jco values: a wrong JS value is an encode error, not bad JSON. */
  uint(v: unknown, max: number, what: string): void {
    if (typeof v !== 'number' || !(v >= 0 && v <= max) || Math.floor(v) !== v)
      throw encodeError(`expected ${what}, got ${describe(v)}`);
    this.int(v);
  }

  sint(v: unknown, min: number, max: number, what: string): void {
    if (typeof v !== 'number' || !(v >= min && v <= max) || Math.floor(v) !== v)
      throw encodeError(`expected ${what}, got ${describe(v)}`);
    this.int(v);
  }

  u8(v: unknown): void {
    this.uint(v, 255, 'u8');
  }
  u16(v: unknown): void {
    this.uint(v, 65535, 'u16');
  }
  u32(v: unknown): void {
    // QuickJS lifts a u32 >= 2^31 as its int32 reading: re-wrap it (a jco value is never negative).
    if (typeof v === 'number' && v < 0 && v >= -2147483648 && (v | 0) === v) v += 4294967296;
    this.uint(v, 4294967295, 'u32');
  }
  s8(v: unknown): void {
    this.sint(v, -128, 127, 's8');
  }
  s16(v: unknown): void {
    this.sint(v, -32768, 32767, 's16');
  }
  s32(v: unknown): void {
    this.sint(v, -2147483648, 2147483647, 's32');
  }

  /**
   * 64-bit integers: bigint, or a safe-integer number (QuickJS has no 64-bit bigint values). What
   * an engine hands over in another form is re-wrapped when that form is exact: StarlingMonkey lifts
   * a negative s64 as its u64 reading (x + 2^64), QuickJS a u64 >= 2^64 - 2^31 as the int32 reading.
   * A number beyond 2^53 - 1 may already be rounded, so it is refused, never guessed at.
   */
  wide(v: unknown, min: bigint, max: bigint, what: string): void {
    if (typeof v === 'bigint') {
      if (v >= min && v <= max) {
        this.big(v);
        return;
      }
      if (min < 0n && v > max && v <= U64_MAX) {
        this.big(v - U64_MAX - 1n);
        return;
      }
    } else if (typeof v === 'number' && Number.isSafeInteger(v)) {
      if (BigInt(v) >= min && BigInt(v) <= max) {
        this.int(v);
        return;
      }
      if (min === 0n && v < 0 && v >= -2147483648) {
        this.big(U64_MAX + 1n + BigInt(v));
        return;
      }
    } else if (typeof v === 'number' && Number.isInteger(v)) {
      throw encodeError(`${what} ${BigInt(v)} is beyond 2^53 - 1 in a number: ${INEXACT_INT64}`);
    }
    throw encodeError(`expected ${what}, got ${describe(v)}`);
  }
  u64(v: unknown): void {
    this.wide(v, 0n, U64_MAX, 'u64');
  }
  s64(v: unknown): void {
    this.wide(v, -I64_MIN_ABS, I64_MIN_ABS - 1n, 's64');
  }

  float64(v: unknown): void {
    if (typeof v !== 'number') throw encodeError(`expected f64, got ${describe(v)}`);
    this.f64(v);
  }
  float32(v: unknown): void {
    if (typeof v !== 'number') throw encodeError(`expected f32, got ${describe(v)}`);
    this.f32(v);
  }
  /**
   * bitflags 2's `parser::to_writer`: the set named flags in declaration order joined by ` | `,
   * then the unknown bits (FLAGS_UNKNOWN_BITS) as one lowercase `0x` hex number.
   */
  flags(v: unknown, spec: FlagsSpec): void {
    this.str(flagsToText(v, spec));
  }
  boolean(v: unknown): void {
    if (typeof v !== 'boolean') throw encodeError(`expected bool, got ${describe(v)}`);
    this.bool(v);
  }
  string(v: unknown): void {
    if (typeof v !== 'string') throw encodeError(`expected string, got ${describe(v)}`);
    this.str(v);
  }
  char(v: unknown): void {
    const cp = typeof v === 'string' ? v.codePointAt(0) : undefined;
    if (
      typeof v !== 'string' ||
      cp === undefined ||
      v.length !== (cp > 0xffff ? 2 : 1) ||
      (cp >= 0xd800 && cp <= 0xdfff)
    ) {
      throw encodeError(`expected char, got ${describe(v)}`);
    }
    this.str(v);
  }

  /** A `list<u8>` value: Uint8Array fast path, any array-like of bytes otherwise. */
  byteList(v: unknown): void {
    if (v instanceof Uint8Array) {
      this.u8s(v);
      return;
    }
    const a = arrayLike(v, 'list<u8>');
    for (let k = 0; k < a.length; k++) {
      const x = a[k];
      if (typeof x !== 'number' || (x & 255) !== x)
        throw encodeFail(encodeError(`expected u8, got ${describe(x)}`), `[${k}]`);
    }
    this.u8s(a as ArrayLike<number>);
  }

  /** A copy of the written bytes, leaving the writer empty for reuse. */
  take(): Uint8Array {
    const out = this.buf.slice(0, this.len);
    this.len = 0;
    // Do not keep a huge buffer alive after one exceptional message.
    if (this.buf.length > 1 << 24) this.buf = new Uint8Array(1 << 16);
    return out;
  }
}

let shared: Writer | null = null;

/**
 * The module's reusable writer, emptied: encoding is synchronous and never re-entered, so one
 * buffer that keeps its grown size saves re-growing it for every message.
 */
export function sharedWriter(): Writer {
  if (shared === null) shared = new Writer(1 << 16);
  shared.len = 0;
  return shared;
}

/** Compares strings by Unicode code point, like Rust's `Ord for str` (UTF-8 byte order). */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let k = 0; k < n; k++) {
    const x = a.charCodeAt(k);
    const y = b.charCodeAt(k);
    if (x !== y) {
      const xs = x >= 0xd800 && x <= 0xdfff;
      const ys = y >= 0xd800 && y <= 0xdfff;
      if (xs !== ys) return xs ? 1 : -1;
      return x - y;
    }
  }
  return a.length - b.length;
}

/** A serialization error with a path. */
export function encodeError(detail: string): CodecError {
  return new CodecError(detail);
}

/** Adds a path segment to an error unwinding out of an encoder. */
export function encodeFail(e: unknown, segment: string): CodecError {
  const err = asCodecError(e);
  err.segments.push(segment);
  return err;
}

/** An array or typed array for a WIT list, else an encode error. */
export function arrayLike(v: unknown, what: string): ArrayLike<unknown> {
  if (Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView))) return v as ArrayLike<unknown>;
  throw encodeError(`expected ${what}, got ${describe(v)}`);
}

/** An object for a record, flags, variant or result value, else an encode error. */
export function objectValue(v: unknown, what: string): Record<string, unknown> {
  if (typeof v === 'object' && v !== null) return v as Record<string, unknown>;
  throw encodeError(`expected ${what}, got ${describe(v)}`);
}

/** A short description of a JS value for encode errors. */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number' || typeof v === 'boolean') return `${typeof v} ${String(v)}`;
  if (typeof v === 'bigint') return `bigint ${v.toString()}`;
  if (typeof v === 'string') return v.length > 40 ? 'string' : `string ${JSON.stringify(v)}`;
  return typeof v;
}

/** The bytes of `prefix` + the JSON string `name` + `suffix` (prefix/suffix ASCII), e.g. `,"name":`. */
export function literal(prefix: string, name: string, suffix: string): Uint8Array {
  const w = new Writer(prefix.length + name.length * 6 + suffix.length + 2);
  w.ascii(prefix);
  w.str(name);
  w.ascii(suffix);
  return w.buf.slice(0, w.len);
}

/**
 * How the engine running this code lowers an integer into a component call (an export's result,
 * an import's arguments), measured through real components (test/component/ints.test.ts):
 * - `quickjs` (componentize-qjs): a 64-bit integer only from a number (a bigint traps), so exactly
 *   only up to 2^53 - 1; a u32 >= 2^31 only as its int32 bit pattern (a larger number saturates);
 * - `starlingmonkey` (componentize-js): a u32 >= 2^31 or a negative s64 lowered flat (as core
 *   values, not through memory) is corrupted or traps, in every form;
 * - `exact`: nothing in between (Node running adapters as plain modules): values pass as they are.
 * Nothing a guest can compute shows how its engine lowers, so the engines are told apart by their
 * globals: QuickJS has no TextDecoder; StarlingMonkey has one but neither `navigator` (browsers,
 * Deno, Bun, workers, Node 21+) nor `process` (Node). The same test tells the two interpreters
 * from the engines that compile JavaScript (see NATIVE_MIN).
 */
export type IntLowering = 'quickjs' | 'starlingmonkey' | 'exact';

function engineIntLowering(): IntLowering {
  const g = globalThis as { TextDecoder?: unknown; navigator?: unknown; process?: unknown };
  if (g.TextDecoder === undefined) return 'quickjs';
  return g.navigator === undefined && g.process === undefined ? 'starlingmonkey' : 'exact';
}

let intLowering: IntLowering = engineIntLowering();

/** Overrides the detected engine, e.g. `exact` where adapters and logic share one module (fused). */
export function setIntLowering(lowering: IntLowering): void {
  intLowering = lowering;
}

/** Whether the engine needs any integer in another form: QuickJS everywhere, StarlingMonkey flat. */
export function lowersInts(flat: boolean): boolean {
  return intLowering === 'quickjs' || (flat && intLowering === 'starlingmonkey');
}

/** The largest integer a double holds together with all smaller ones. */
const MAX_EXACT_INT64 = 9007199254740991n;

/** A u32 as the engine lowers it exactly; `flat`: it crosses as a core value, not through memory. */
export function lowerU32(v: number, flat: boolean): number {
  if (v < 2147483648 || intLowering === 'exact') return v;
  if (intLowering === 'quickjs') return v | 0;
  if (flat) throw encodeError(`u32 ${v} cannot be handed over: ${FLAT_U32_CORRUPTED}`);
  return v;
}

/** A u64 as the engine lowers it exactly (typed as the contract says, whatever the engine takes). */
export function lowerU64(v: bigint): bigint {
  return intLowering === 'quickjs' ? int64AsNumber(v, 'u64') : v;
}

/** An s64 as the engine lowers it exactly. */
export function lowerS64(v: bigint, flat: boolean): bigint {
  if (intLowering === 'quickjs') return int64AsNumber(v, 's64');
  if (intLowering === 'starlingmonkey' && flat && v < 0n) {
    throw encodeError(`s64 ${v} cannot be handed over: ${FLAT_NEGATIVE_S64_TRAPS}`);
  }
  return v;
}

function int64AsNumber(v: bigint, what: string): bigint {
  if (v > MAX_EXACT_INT64 || v < -MAX_EXACT_INT64) {
    throw encodeError(`${what} ${v} cannot be handed over: ${INEXACT_INT64}`);
  }
  return Number(v) as unknown as bigint;
}

const FLAT_U32_CORRUPTED =
  'StarlingMonkey corrupts a u32 of 2^31 or more passed as a plain value (not in a list or a returned record)';
const FLAT_NEGATIVE_S64_TRAPS =
  'StarlingMonkey traps on a negative s64 passed as a plain value (not in a list or a returned record)';

/**
 * The runtime's interface to generated codec modules: the only names they import from it. The
 * generator names these symbols through `RuntimeSymbol`, so it cannot import anything else.
 */
export const GENERATED_CODE_IMPORTS = {
  CodecError,
  FastDoc,
  FastOut,
  Reader,
  Writer,
  arrayLike,
  asCodecError,
  base64Encode,
  compareCodePoints,
  describe,
  encodeError,
  encodeFail,
  FAST_BYTES_MAX,
  fastDecode,
  fastEncode,
  jsonStringBytes,
  literal,
  missed,
  objectValue,
  sharedWriter,
};

/** A name generated codec modules may import from the runtime. */
export type RuntimeSymbol = keyof typeof GENERATED_CODE_IMPORTS;
