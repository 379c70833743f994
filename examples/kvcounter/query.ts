/**
 * Reading `amount` out of a query string the way the seed's Rust did:
 * `form_urlencoded::parse(..).find(|(n, _)| n == "amount").map(|(_, v)| v.parse::<i32>())`.
 */

/** application/x-www-form-urlencoded decoding: `+` is a space, bad `%` escapes stay literal. */
function formDecode(s: string): string {
  const bytes: number[] = [];
  const text = s.replace(/\+/g, ' ');
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const hex = text.slice(i + 1, i + 3);
    if (c === 0x25 && /^[0-9a-fA-F]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else if (c < 0x80) {
      bytes.push(c);
    } else {
      // Non-ASCII text is kept as is; only its digits could matter and it has none.
      return text;
    }
  }
  return String.fromCharCode(...bytes);
}

/** The first value named `name`, decoded. */
export function queryValue(query: string, name: string): string | undefined {
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = formDecode(eq < 0 ? pair : pair.slice(0, eq));
    if (key === name) return formDecode(eq < 0 ? '' : pair.slice(eq + 1));
  }
  return undefined;
}

/** Rust's `str::parse::<i32>`: an optional sign, then ASCII digits, within range. */
export function parseI32(text: string): number | undefined {
  if (!/^[+-]?[0-9]+$/.test(text)) return undefined;
  const n = Number(text);
  return n >= -2147483648 && n <= 2147483647 ? n : undefined;
}

/** The amount to add: the query's `amount`, or 1 when it is missing or not an i32. */
export function amountOf(query: string): number {
  const raw = queryValue(query, 'amount');
  return (raw === undefined ? undefined : parseI32(raw)) ?? 1;
}
