/**
 * Rust's `{:?}` rendering of a `char` (`'a'`, `'\n'`, `'\u{301}'`), which wit-parser uses in its
 * lexer messages. Rust escapes quotes, backslashes, the common control escapes, grapheme extenders
 * and non-printable characters; this approximates "non-printable" with Unicode's control, format,
 * separator (except space), private-use, surrogate and unassigned categories.
 */
const NEEDS_UNICODE_ESCAPE = /^[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cs}\p{Cn}\p{Grapheme_Extend}]$/u;
const NON_SPACE_SEPARATOR = /^\p{Zs}$/u;

export function rustCharDebug(ch: string): string {
  switch (ch) {
    case '\0':
      return "'\\0'";
    case '\t':
      return "'\\t'";
    case '\r':
      return "'\\r'";
    case '\n':
      return "'\\n'";
    case '\\':
      return "'\\\\'";
    case "'":
      return "'\\''";
    default:
      break;
  }
  if (NEEDS_UNICODE_ESCAPE.test(ch) || (ch !== ' ' && NON_SPACE_SEPARATOR.test(ch))) {
    return `'\\u{${ch.codePointAt(0)!.toString(16)}}'`;
  }
  return `'${ch}'`;
}
