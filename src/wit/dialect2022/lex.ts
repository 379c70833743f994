/**
 * The tokenizer of wit-bindgen's 2022 WIT dialect (crates/parser/src/ast/lex.rs of that time):
 * no semicolons, `function` (later `func`), `expected`, `unit`, `handle`, `union`, `float32`.
 * Offsets are UTF-16 code units, like the spans of the modern syntax tree.
 */

export type TokenKind =
  | 'comment'
  | '='
  | ','
  | ':'
  | ';'
  | '('
  | ')'
  | '{'
  | '}'
  | '<'
  | '>'
  | '->'
  | '*'
  | 'keyword'
  | 'id'
  | 'explicit-id';

export interface Token {
  kind: TokenKind;
  /** The source text; for `explicit-id`, without the `%`. */
  text: string;
  start: number;
  end: number;
}

const KEYWORDS: ReadonlySet<string> = new Set([
  'use', 'type', 'resource', 'function', 'func', 'u8', 'u16', 'u32', 'u64', 's8', 's16', 's32',
  's64', 'float32', 'float64', 'char', 'handle', 'record', 'flags', 'variant', 'enum', 'union',
  'bool', 'string', 'option', 'expected', 'list', '_', 'as', 'from', 'static', 'interface',
  'tuple', 'async', 'unit',
]);

export class LexError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'LexError';
  }
}

const PUNCT = new Set(['=', ',', ':', ';', '(', ')', '{', '}', '<', '>', '*']);

/** Tokens of `text`, comments included (they carry the doc comments); whitespace dropped. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < text.length) {
    const ch = text[i]!;
    const start = i;
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      i += 1;
    } else if (ch === '/' && text[i + 1] === '/') {
      const nl = text.indexOf('\n', i);
      i = nl === -1 ? text.length : nl;
      tokens.push({ kind: 'comment', text: text.slice(start, i).replace(/\r$/, ''), start, end: i });
    } else if (ch === '/' && text[i + 1] === '*') {
      i = blockCommentEnd(text, i);
      tokens.push({ kind: 'comment', text: text.slice(start, i), start, end: i });
    } else if (ch === '-' && text[i + 1] === '>') {
      i += 2;
      tokens.push({ kind: '->', text: '->', start, end: i });
    } else if (PUNCT.has(ch)) {
      i += 1;
      tokens.push({ kind: ch as TokenKind, text: ch, start, end: i });
    } else if (ch === '%' && isIdStart(text[i + 1])) {
      i = idEnd(text, i + 1);
      tokens.push({ kind: 'explicit-id', text: text.slice(start + 1, i), start, end: i });
    } else if (isIdStart(ch)) {
      i = idEnd(text, i);
      const word = text.slice(start, i);
      tokens.push({ kind: KEYWORDS.has(word) ? 'keyword' : 'id', text: word, start, end: i });
    } else {
      throw new LexError(`unexpected character ${JSON.stringify(ch)}`, start);
    }
  }
  return tokens;
}

/** Block comments nest, as in wit-bindgen's lexer. */
function blockCommentEnd(text: string, start: number): number {
  let depth = 1;
  let i = start + 2;
  while (depth > 0) {
    if (i >= text.length) throw new LexError('unterminated block comment', start);
    if (text.startsWith('/*', i)) {
      depth += 1;
      i += 2;
    } else if (text.startsWith('*/', i)) {
      depth -= 1;
      i += 2;
    } else {
      i += 1;
    }
  }
  return i;
}

function isIdStart(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{XID_Start}_-]/u.test(ch);
}

function idEnd(text: string, start: number): number {
  const re = /[\p{XID_Continue}-]*/uy;
  re.lastIndex = start;
  re.exec(text);
  return re.lastIndex;
}

/** A kebab-case identifier: lower-case parts of letters and digits, each starting with a letter. */
export function isValidId(name: string): boolean {
  return /^[a-z][a-z0-9]*(-[a-z][a-z0-9]*)*$/.test(name);
}
