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
 * A WIT string literal for `text` (as in `@external-id("...")`): quotes and backslashes escaped,
 * tab/newline/return as `\t`/`\n`/`\r`, other control characters as `\u{..}`, which the lexer
 * decodes back to the same text.
 */
export function quoteString(text: string): string {
  let out = '"';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (cp < 0x20 || cp === 0x7f) out += `\\u{${cp.toString(16)}}`;
    else out += ch;
  }
  return `${out}"`;
}
