/**
 * Word splitting and casing in the manner of the `heck` crate, which both jco
 * (js-component-bindgen: `to_lower_camel_case`) and wit-bindgen (`to_snake_case`,
 * `to_upper_camel_case`, `to_shouty_snake_case`) use to derive names from WIT identifiers.
 *
 * heck splits on every non-alphanumeric character and on case boundaries: lower→upper
 * ("fooBar" → foo|Bar) and the last capital of an acronym run before a lowercase letter
 * ("HTTPServer" → HTTP|Server). Digits never start a new word.
 */

function isUpper(c: string): boolean {
  return c >= 'A' && c <= 'Z';
}

function isLower(c: string): boolean {
  return c >= 'a' && c <= 'z';
}

type CaseMode = 'boundary' | 'lower' | 'upper';

/**
 * Splits an identifier into words with heck's state machine: a digit keeps the case mode of
 * the letter before it, so `a2B` splits as a2|B while `HTTP2Server` splits as HTTP2|Server.
 */
export function splitWords(name: string): string[] {
  const words: string[] = [];
  for (const chunk of name.split(/[^A-Za-z0-9]+/)) {
    if (chunk === '') continue;
    let start = 0;
    let mode = 'boundary' as CaseMode;
    for (let i = 0; i + 1 < chunk.length; i++) {
      const c = chunk[i]!;
      const next = chunk[i + 1]!;
      const nextMode: CaseMode = isLower(c) ? 'lower' : isUpper(c) ? 'upper' : mode;
      if (nextMode === 'lower' && isUpper(next)) {
        words.push(chunk.slice(start, i + 1));
        start = i + 1;
        mode = 'boundary';
      } else if (mode === 'upper' && isUpper(c) && isLower(next)) {
        words.push(chunk.slice(start, i));
        start = i;
        mode = 'boundary';
      } else {
        mode = nextMode;
      }
    }
    words.push(chunk.slice(start));
  }
  return words;
}

/** First letter uppercase, the rest lowercase (heck's `capitalize`). */
export function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}

/** heck `ToUpperCamelCase`: `http-request` → `HttpRequest`, `HTTP-server` → `HttpServer`. */
export function upperCamelCase(name: string): string {
  return splitWords(name).map(capitalize).join('');
}

/** heck `ToLowerCamelCase`: `query-string` → `queryString`. */
export function lowerCamelCase(name: string): string {
  const words = splitWords(name);
  return words.map((w, i) => (i === 0 ? w.toLowerCase() : capitalize(w))).join('');
}

/** heck `ToSnakeCase`: `query-string` → `query_string`. */
export function snakeCase(name: string): string {
  return splitWords(name)
    .map((w) => w.toLowerCase())
    .join('_');
}

/** heck `ToShoutySnakeCase`: `read-write` → `READ_WRITE`. */
export function shoutySnakeCase(name: string): string {
  return splitWords(name)
    .map((w) => w.toUpperCase())
    .join('_');
}

/** heck `ToKebabCase`: `QueryString` → `query-string`. */
export function kebabCase(name: string): string {
  return splitWords(name)
    .map((w) => w.toLowerCase())
    .join('-');
}
