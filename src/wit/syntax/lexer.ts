/**
 * The WIT tokenizer, following wit-parser's `ast/lex.rs`: lazy (errors surface only when the parser
 * reaches them), `\r\n` folded to `\n`, nested block comments, `%`-escaped identifiers, and the
 * same error messages. Offsets are UTF-16 code units into the file's text.
 */
import { WitError } from '../diagnostic.ts';
import type { Span } from './ast.ts';
import { rustCharDebug } from './rust-char.ts';
import { utf8Error } from './utf8.ts';

export type TokenKind =
  | 'whitespace'
  | 'comment'
  | '='
  | ','
  | ':'
  | '.'
  | ';'
  | '('
  | ')'
  | '{'
  | '}'
  | '<'
  | '>'
  | '->'
  | '*'
  | '@'
  | '/'
  | '+'
  | '-'
  | 'string-literal'
  | 'id'
  | 'explicit-id'
  | 'integer'
  | Keyword;

export const KEYWORDS = [
  'use',
  'type',
  'func',
  'u8',
  'u16',
  'u32',
  'u64',
  's8',
  's16',
  's32',
  's64',
  'f32',
  'f64',
  'char',
  'resource',
  'own',
  'borrow',
  'record',
  'flags',
  'variant',
  'enum',
  'bool',
  'string',
  'option',
  'result',
  'future',
  'stream',
  'error-context',
  'list',
  'map',
  '_',
  'as',
  'from',
  'static',
  'interface',
  'tuple',
  'world',
  'import',
  'export',
  'package',
  'constructor',
  'include',
  'with',
  'async',
] as const;

export type Keyword = (typeof KEYWORDS)[number];

const KEYWORD_SET: ReadonlySet<string> = new Set(KEYWORDS);

export interface Token {
  kind: TokenKind;
  span: Span;
}

/** How wit-parser names a token in "expected X, found Y" messages. */
export function describeToken(kind: TokenKind): string {
  switch (kind) {
    case 'whitespace':
      return 'whitespace';
    case 'comment':
      return 'a comment';
    case '=':
    case ',':
    case ':':
    case '.':
    case ';':
    case '(':
    case ')':
    case '{':
    case '}':
    case '<':
    case '>':
      return `'${kind}'`;
    case '->':
    case '*':
    case '@':
    case '/':
    case '+':
    case '-':
      return `\`${kind}\``;
    case 'string-literal':
      return 'a string literal';
    case 'id':
      return 'an identifier';
    case 'explicit-id':
      return "an '%' identifier";
    case 'integer':
      return 'an integer';
    default:
      return `keyword \`${kind}\``;
  }
}

const XID_START = /^\p{XID_Start}$/u;
const XID_CONTINUE = /^\p{XID_Continue}$/u;
const CONTROL = /^\p{Cc}$/u;

function isKeylikeStart(ch: string): boolean {
  return ch === '_' || ch === '-' || XID_START.test(ch);
}

function isKeylikeContinue(ch: string): boolean {
  return ch === '-' || XID_CONTINUE.test(ch);
}

function isAsciiDigit(ch: string): boolean {
  return ch >= '0' && ch <= '9';
}

function isHexDigit(ch: string): boolean {
  return /^[0-9a-fA-F]$/.test(ch);
}

function escapeUnicode(ch: string): string {
  return `\\u{${ch.codePointAt(0)!.toString(16)}}`;
}

const BIDI_OVERRIDES = new Set([0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]);
const DEPRECATED = new Set([0x149, 0x673, 0xf77, 0xf79, 0x17a3, 0x17a4, 0x17b4, 0x17b5]);

/**
 * Rejects code points wit-parser refuses anywhere in a file (bidi overrides, deprecated code
 * points, control codes other than tab/CR/LF) before any tokenizing, as `detect_invalid_input`.
 */
function detectInvalidInput(file: number, text: string): void {
  let i = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const span = { file, start: i, end: i + ch.length };
    if (BIDI_OVERRIDES.has(cp)) {
      throw new WitError(span, `Input contains bidirectional override codepoint ${debugEscapeUnicode(ch)}`);
    }
    if (DEPRECATED.has(cp)) {
      throw new WitError(span, `Codepoint ${debugEscapeUnicode(ch)} is discouraged by Unicode`);
    }
    if (ch !== '\n' && ch !== '\r' && ch !== '\t' && CONTROL.test(ch)) {
      throw new WitError(span, `Control code '${escapeUnicode(ch)}'`);
    }
    i += ch.length;
  }
}

/** Rust's `{:?}` of `char::escape_unicode()`, which wit-parser formats into two messages. */
function debugEscapeUnicode(ch: string): string {
  return `EscapeUnicode(EscapeIterInner('${escapeUnicode(ch)}'))`;
}

export class Tokenizer {
  readonly file: number;
  readonly text: string;
  /** Current offset into `text`. */
  pos: number;

  private constructor(file: number, text: string, pos: number) {
    this.file = file;
    this.text = text;
    this.pos = pos;
  }

  /** Checks the whole input for forbidden code points and skips a leading BOM. */
  static create(file: number, text: string): Tokenizer {
    detectInvalidInput(file, text);
    return new Tokenizer(file, text, text.startsWith('\ufeff') ? 1 : 0);
  }

  clone(): Tokenizer {
    return new Tokenizer(this.file, this.text, this.pos);
  }

  /** Adopts the position of a clone that looked ahead successfully. */
  reset(to: Tokenizer): void {
    this.pos = to.pos;
  }

  span(start: number, end: number): Span {
    return { file: this.file, start, end };
  }

  slice(span: Span): string {
    return this.text.slice(span.start, span.end);
  }

  /** The empty span just past the input, where "found eof" errors point. */
  eofSpan(): Span {
    return this.span(this.text.length, this.text.length);
  }

  /** A lexer error points at one character: wit-parser highlights `at..at+1`. */
  private errorAt(at: number, message: string): WitError {
    const cp = this.text.codePointAt(at);
    const width = cp === undefined ? 1 : cp > 0xffff ? 2 : 1;
    return new WitError(this.span(at, at + width), message);
  }

  /** Next code point with `\r\n` folded into `\n`; advances. */
  private nextChar(): { at: number; ch: string } | null {
    const at = this.pos;
    const cp = this.text.codePointAt(at);
    if (cp === undefined) return null;
    const ch = String.fromCodePoint(cp);
    this.pos += ch.length;
    if (ch === '\r' && this.text[this.pos] === '\n') {
      this.pos++;
      return { at, ch: '\n' };
    }
    return { at, ch };
  }

  private peekChar(): string | null {
    const save = this.pos;
    const next = this.nextChar();
    this.pos = save;
    return next === null ? null : next.ch;
  }

  private eatChar(ch: string): boolean {
    const save = this.pos;
    const next = this.nextChar();
    if (next !== null && next.ch === ch) return true;
    this.pos = save;
    return false;
  }

  /** Skips whitespace and comments. */
  next(): Token | null {
    for (;;) {
      const token = this.nextRaw();
      if (token === null || (token.kind !== 'whitespace' && token.kind !== 'comment')) return token;
    }
  }

  nextRaw(): Token | null {
    const first = this.nextChar();
    if (first === null) return null;
    const { at: start, ch } = first;
    const kind = this.lexToken(start, ch);
    return { kind, span: this.span(start, this.pos) };
  }

  private lexToken(start: number, ch: string): TokenKind {
    switch (ch) {
      case '\n':
      case '\t':
      case ' ':
        while (this.eatChar(' ') || this.eatChar('\t') || this.eatChar('\n'));
        return 'whitespace';
      case '/':
        if (this.eatChar('/')) {
          for (let c = this.nextChar(); c !== null && c.ch !== '\n'; c = this.nextChar());
          return 'comment';
        }
        if (this.eatChar('*')) {
          this.skipBlockComment(start);
          return 'comment';
        }
        return '/';
      case '=':
      case ',':
      case ':':
      case '.':
      case ';':
      case '(':
      case ')':
      case '{':
      case '}':
      case '<':
      case '>':
      case '*':
      case '@':
      case '+':
        return ch;
      case '-':
        return this.eatChar('>') ? '->' : '-';
      case '%': {
        const next = this.peekChar();
        if (next !== null && isKeylikeStart(next)) {
          this.nextChar();
          this.eatKeylikeContinue();
        }
        return 'explicit-id';
      }
      case '"':
        this.stringLiteral(start);
        return 'string-literal';
      default:
        break;
    }
    if (isKeylikeStart(ch)) {
      this.eatKeylikeContinue();
      const word = this.text.slice(start, this.pos);
      return KEYWORD_SET.has(word) ? (word as Keyword) : 'id';
    }
    if (isAsciiDigit(ch)) {
      for (let next = this.peekChar(); next !== null && isAsciiDigit(next); next = this.peekChar()) {
        this.nextChar();
      }
      return 'integer';
    }
    throw this.errorAt(start, `unexpected character ${rustCharDebug(ch)}`);
  }

  private eatKeylikeContinue(): void {
    for (let next = this.peekChar(); next !== null && isKeylikeContinue(next); next = this.peekChar()) {
      this.nextChar();
    }
  }

  /** Block comments nest; an unbalanced one is an error at its start. */
  private skipBlockComment(start: number): void {
    let depth = 1;
    while (depth > 0) {
      const next = this.nextChar();
      if (next === null) throw this.errorAt(start, 'unterminated block comment');
      if (next.ch === '/' && this.eatChar('*')) depth++;
      else if (next.ch === '*' && this.eatChar('/')) depth--;
    }
  }

  private expectAnyChar(): { at: number; ch: string } {
    const next = this.nextChar();
    if (next === null) throw this.errorAt(this.text.length, 'unexpected end of file');
    return next;
  }

  private expectChar(expected: string): void {
    const { at, ch } = this.expectAnyChar();
    if (ch !== expected) throw this.errorAt(at, `expected character ${rustCharDebug(expected)}`);
  }

  /** The decoded value of a `string-literal` token. */
  stringValue(span: Span): string {
    return new Tokenizer(this.file, this.text, span.start + 1).stringLiteral(span.start);
  }

  /** Reads a string literal body after its opening `"`, returning its value. */
  private stringLiteral(start: number): string {
    const bytes: number[] = [];
    const encoder = new TextEncoder();
    for (;;) {
      const { at, ch } = this.expectAnyChar();
      if (ch === '"') break;
      if (ch === '\\') {
        const esc = this.expectAnyChar();
        switch (esc.ch) {
          case '"':
          case "'":
          case '\\':
            bytes.push(esc.ch.charCodeAt(0));
            break;
          case 't':
            bytes.push(9);
            break;
          case 'n':
            bytes.push(10);
            break;
          case 'r':
            bytes.push(13);
            break;
          case 'u': {
            this.expectChar('{');
            const n = this.hexNumber();
            if (n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) {
              throw this.errorAt(esc.at, `invalid unicode value 0x${n.toString(16)}`);
            }
            bytes.push(...encoder.encode(String.fromCodePoint(n)));
            this.expectChar('}');
            break;
          }
          default:
            if (isHexDigit(esc.ch)) {
              const low = this.hexDigit();
              bytes.push(parseInt(esc.ch, 16) * 16 + low);
            } else {
              throw this.errorAt(esc.at, `invalid string escape ${rustCharDebug(esc.ch)}`);
            }
        }
        continue;
      }
      const cp = ch.codePointAt(0)!;
      if (cp < 0x20 || cp === 0x7f) {
        throw this.errorAt(at, `invalid string character ${rustCharDebug(ch)}`);
      }
      bytes.push(...encoder.encode(ch));
    }
    const problem = utf8Error(bytes);
    if (problem !== null) throw this.errorAt(start, `invalid UTF-8: ${problem}`);
    return new TextDecoder().decode(new Uint8Array(bytes));
  }

  private hexDigit(): number {
    const { at, ch } = this.expectAnyChar();
    if (!isHexDigit(ch)) throw this.errorAt(at, `invalid hex digit ${rustCharDebug(ch)}`);
    return parseInt(ch, 16);
  }

  /** Hex digits with `_` separators, at most u32. */
  private hexNumber(): number {
    let n = this.hexDigit();
    let lastUnderscore = false;
    for (;;) {
      if (this.eatChar('_')) {
        lastUnderscore = true;
        continue;
      }
      const save = this.pos;
      const { at, ch } = this.expectAnyChar();
      if (!isHexDigit(ch)) {
        this.pos = save;
        break;
      }
      lastUnderscore = false;
      n = n * 16 + parseInt(ch, 16);
      if (n > 0xffffffff) throw this.errorAt(at, 'number is too big to fit in a u32');
    }
    if (lastUnderscore) throw this.errorAt(this.pos, 'trailing underscore in number');
    return n;
  }

  /** Consumes the next token if it is `kind`. */
  eat(kind: TokenKind): boolean {
    const other = this.clone();
    const token = other.next();
    if (token !== null && token.kind === kind) {
      this.pos = other.pos;
      return true;
    }
    return false;
  }

  /** The next token must be `kind`; otherwise a lexer-style error at its first character. */
  expect(kind: TokenKind): Span {
    const token = this.next();
    if (token === null) {
      throw this.errorAt(this.text.length, `expected ${describeToken(kind)}, found eof`);
    }
    if (token.kind !== kind) {
      throw this.errorAt(token.span.start, `expected ${describeToken(kind)}, found ${describeToken(token.kind)}`);
    }
    return token.span;
  }

  expectSemicolon(): void {
    this.expect(';');
  }

  /** Validates the text of an `id` token. */
  parseId(span: Span): string {
    const name = this.slice(span);
    this.validateId(span.start, name);
    return name;
  }

  /** Validates the text of an `explicit-id` token without its `%`. */
  parseExplicitId(span: Span): string {
    const name = this.slice(span).slice(1);
    this.validateId(span.start, name);
    return name;
  }

  private validateId(at: number, id: string): void {
    const problem = validateId(id);
    if (problem !== null) throw this.errorAt(at, problem);
  }
}

/**
 * wit-parser's `validate_id`: `-`-separated non-empty parts, each all-lowercase or all-uppercase
 * ASCII letters plus digits; the first part starts with a letter. Returns the error message or null.
 */
export function validateId(id: string): string | null {
  if (id.length === 0) return "identifiers must have characters between '-'s";
  const parts = id.split('-');
  for (let idx = 0; idx < parts.length; idx++) {
    const part = parts[idx]!;
    const chars = Array.from(part);
    const first = chars[0];
    if (first === undefined) return "identifiers must have characters between '-'s";
    if (idx === 0 && !/^[A-Za-z]$/.test(first)) {
      return `invalid character in identifier ${rustCharDebug(first)}`;
    }
    let upper: boolean | null = null;
    for (const ch of chars) {
      if (isAsciiDigit(ch)) continue;
      const isUpper = ch >= 'A' && ch <= 'Z';
      const isLower = ch >= 'a' && ch <= 'z';
      if (!isUpper && !isLower) return `invalid character in identifier ${rustCharDebug(ch)}`;
      if (upper === null) upper = isUpper;
      else if (upper !== isUpper) return `invalid character in identifier ${rustCharDebug(ch)}`;
    }
  }
  return null;
}
