/**
 * The characters Rust's `{:?}` escapes inside a str, by Unicode property (core's
 * `char::escape_debug_ext` with escape_grapheme_extended, and `is_printable` as
 * core/src/unicode/printable.py defines it: categories Cc Cf Cs Co Cn Zl Zp, Zs but the space).
 * Only Node has the property escapes; the runtime carries the same set as a table.
 */
const ESCAPED = /^[\p{Grapheme_Extend}\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]$/u;

export const DEBUG_ESCAPED = (cp: number): boolean => cp !== 0x20 && ESCAPED.test(String.fromCodePoint(cp));
