/**
 * Identifier escaping for printed WIT. The list is wit-component's `is_keyword`: a name that
 * collides with one of these is printed with a leading `%`.
 */
const KEYWORDS: ReadonlySet<string> = new Set([
  'use', 'type', 'func', 'u8', 'u16', 'u32', 'u64', 's8', 's16', 's32', 's64', 'f32', 'f64',
  'float32', 'float64', 'char', 'resource', 'record', 'flags', 'variant', 'enum', 'bool',
  'string', 'option', 'result', 'future', 'stream', 'list', 'own', 'borrow', '_', 'as', 'from',
  'static', 'interface', 'tuple', 'world', 'import', 'export', 'package', 'with', 'include',
  'constructor', 'error-context', 'async',
]);

export function escapeName(name: string): string {
  return KEYWORDS.has(name) ? `%${name}` : name;
}

/**
 * A WIT string literal for `text` (as in `@external-id("...")`), escaped as wit-component's
 * printer does: ASCII letters, digits and `-_./: ` as they are, `\\ \" \n \r \t`, and every other
 * character as `\u{..}`, so the output passes wit-parser's lexer, which refuses control and bidi
 * characters anywhere in the source text.
 */
export function quoteString(text: string): string {
  let out = '"';
  for (const ch of text) {
    if (/^[A-Za-z0-9\-_./: ]$/.test(ch)) out += ch;
    else if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else out += `\\u{${ch.codePointAt(0)!.toString(16)}}`;
  }
  return `${out}"`;
}
