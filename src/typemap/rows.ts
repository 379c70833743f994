/**
 * The type mapping as data: one row per WIT type form, giving the jco value in TypeScript and
 * the JSON serde_json writes for wit-bindgen's Rust type (default profile, then the options
 * that change it). The README table is generated from these rows; the codec emitter
 * implements exactly these rows.
 */

export interface MappingRow {
  wit: string;
  /** jco / componentize-js TypeScript type. */
  ts: string;
  /** The Rust type wit-bindgen generates. */
  rust: string;
  /** JSON written by serde_json (default profile). */
  json: string;
  /** What serde_json additionally accepts on input, and option-dependent forms. */
  notes: string;
}

export const MAPPING_ROWS: readonly MappingRow[] = [
  { wit: 'bool', ts: 'boolean', rust: 'bool', json: '`true` / `false`', notes: '' },
  {
    wit: 'u8 u16 u32 s8 s16 s32',
    ts: 'number',
    rust: 'u8 … i32',
    json: 'integer',
    notes:
      'input must be an integer in range: `1.0` is rejected ("invalid type: floating point"); the u32 encoder also re-wraps a negative int32 (QuickJS hands a u32 ≥ 2^31 over negative)',
  },
  {
    wit: 'u64 s64',
    ts: 'bigint',
    rust: 'u64 / i64',
    json: 'integer, exact',
    notes:
      'encoder also accepts a safe-integer number (QuickJS passes 64-bit values as numbers) and re-wraps an s64 given as its u64 bigint (StarlingMonkey) or a u64 given as a negative int32 (QuickJS); a number beyond 2^53−1 is refused, as it may be rounded',
  },
  {
    wit: 'f32 f64',
    ts: 'number',
    rust: 'f32 / f64',
    json: 'shortest round-trip (zmij, as serde_json 1.0.150), `1.0` not `1`, `1e+16`, `1e-7`; NaN and ±inf as `null`',
    notes: 'integers accepted on input; f32 rounded through f32; `null` is rejected on input',
  },
  { wit: 'char', ts: 'string', rust: 'char', json: 'one-character string', notes: '' },
  { wit: 'string', ts: 'string', rust: 'String', json: 'string (minimal escaping)', notes: 'invalid UTF-8 and lone surrogate escapes rejected' },
  {
    wit: 'record',
    ts: '{ camelCaseField: T }',
    rust: 'struct (fields snake_case, keywords get `_`)',
    json: '`{"snake_field": …}` in declaration order',
    notes: 'input: unknown keys ignored, duplicates rejected, absent option fields are none, positional array form accepted; `fieldRename` applies rename_all',
  },
  { wit: 'tuple<A, B>', ts: '[A, B]', rust: '(A, B)', json: '`[a, b]`', notes: 'exact length' },
  {
    wit: 'flags',
    ts: '{ camelFlag?: boolean }',
    rust: 'bitflags 2 struct (flags SHOUTY_SNAKE)',
    json: '`"READ | WRITE"`, empty `""`, unknown bits `"READ | 0x80"`',
    notes: 'input also accepts `0x…` hex bits; bits no flag names are kept (bitflags `from_bits_retain`) as a bigint under `Symbol.for(\'witbus.flags.unknownBits\')`, which jco ignores',
  },
  {
    wit: 'variant',
    ts: "{ tag: 'case-name', val?: T }",
    rust: 'enum (cases UpperCamelCase)',
    json: '`{"Case": payload}`, `"Case"` without payload',
    notes: 'input: `{"Case": null}` for cases without payload; `caseRename`, `enumRepr` (internal/adjacent/untagged) apply',
  },
  { wit: 'enum', ts: "'case-name' union", rust: 'enum of unit variants', json: '`"Case"`', notes: 'as variant' },
  {
    wit: 'option<T>',
    ts: 'T | undefined (jco: `{ tag: "none" | "some" }` when T is itself an option)',
    rust: 'Option<T>',
    json: '`null` or the value',
    notes: 'input: none may be `undefined` (StarlingMonkey) or `null` (QuickJS); `option<option<T>>` some(none) is written as `null` like serde',
  },
  {
    wit: 'result<T, E>',
    ts: "{ tag: 'ok', val: T } | { tag: 'err', val: E }",
    rust: 'Result<T, E>',
    json: '`{"Ok": t}` / `{"Err": e}`, unit as `{"Ok":null}`',
    notes: 'never renamed or re-tagged (a std type)',
  },
  { wit: 'list<u8>', ts: 'Uint8Array', rust: 'Vec<u8>', json: 'array of numbers', notes: '`bytes: base64` writes a base64 string' },
  {
    wit: 'list<numeric>',
    ts: 'typed array (Int8Array … Float64Array, BigInt64Array)',
    rust: 'Vec<T>',
    json: 'array',
    notes: 'encoder accepts any array-like (QuickJS passes plain arrays)',
  },
  { wit: 'list<T>', ts: 'Array<T>', rust: 'Vec<T>', json: 'array', notes: '`witifiedMaps`: `list<tuple<string, V>>` as a JSON object' },
  { wit: 'list<T, N>', ts: 'Array<T>', rust: '[T; N]', json: 'array of exactly N', notes: '' },
  {
    wit: 'map<K, V>',
    ts: 'Map<K, V>',
    rust: 'map',
    json: 'object, keys sorted; non-string keys quoted (`{"1": …}`)',
    notes: 'input: duplicate keys, last wins; encoder also takes a plain object for string keys (Component Model JS lowering)',
  },
  {
    wit: 'resource, own/borrow, future, stream, error-context',
    ts: '—',
    rust: '—',
    json: 'cannot cross a wire',
    notes: 'reported by `wireProblems` / the emitter',
  },
];
