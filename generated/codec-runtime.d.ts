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
 * JsonUnexpected), src/ser.rs (escaping, MapKeySerializer); dtolnay/ryu pretty.rs (float text).
 */
/**
 * A decode or encode failure. `message` is serde_json's text including
 * ` at line L column C` when serde_json would report a position; `detail` is the text without
 * it; `path` locates the failing value (`header[0].1`, empty at the root).
 */
export declare class CodecError extends Error {
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
    constructor(detail: string, input?: Uint8Array | null, index?: number);
    /**
     * Fills in `message`, position and `path` once the error has reached the top. Positions are
     * resolved only here, so failed attempts (untagged enums) never pay for a line count.
     */
    seal(): CodecError;
}
/** Anything thrown inside a codec becomes a CodecError, so callers only ever see one type. */
export declare function asCodecError(e: unknown): CodecError;
/** Rust's `{:?}` for a str, as used by serde's `Unexpected::Str`. */
export declare function rustDebugStr(s: string): string;
/** serde_json's text for a finite f64: ryu's shortest round-trip representation. */
export declare function formatF64(x: number): string;
/** serde_json's text for a finite f32 (given as the JS number holding it): ryu format32. */
export declare function formatF32(x: number): string;
/**
 * A serde_json `Deserializer<SliceRead>` over one input. Generated decoders call the
 * `deserialize_*`-like methods; error positions follow serde_json's `error` (at the index of
 * the next byte) and `peek_error` (one further) rules.
 */
export declare class Reader {
    b: Uint8Array;
    i: number;
    n: number;
    /** serde_json's remaining_depth: 128 nested arrays/objects at most. */
    depth: number;
    /** The last parsed number (serde_json ParserNumber): kind, value, and exact bigint if large. */
    nk: number;
    nv: number;
    nb: bigint | null;
    constructor(bytes: Uint8Array);
    at(index: number, detail: string): CodecError;
    /** serde_json `error`: the position of the most recently consumed byte. */
    err(detail: string): CodecError;
    /** serde_json `peek_error`: the position of the byte being peeked. */
    perr(detail: string): CodecError;
    /** serde_json `fix_position`: positions an error raised by a visitor. */
    fix(e: unknown): CodecError;
    /** The top-level wrapper's last step: a sealed CodecError for any failure. */
    fail(e: unknown): CodecError;
    /** `Deserializer::end`: only whitespace may follow the value. */
    end(): void;
    /** parse_whitespace: skips ' ', '\n', '\t', '\r' and peeks (-1 at EOF). */
    ws(): number;
    peek(): number;
    ident(rest: string): void;
    invalidTypeError(unexpected: string, expected: string): CodecError;
    invalidValueError(unexpected: string, expected: string): CodecError;
    numberUnexpected(): string;
    /** peek_invalid_type followed by fix_position. */
    invalidType(expected: string): CodecError;
    private setInt;
    private setFloat;
    /** parse_integer: the sign has been consumed; leaves the result in nk/nv/nb. */
    parseInteger(positive: boolean): void;
    private parseNumber;
    private parseDecimal;
    private parseExponent;
    private parseExponentOverflow;
    private parseLongInteger;
    private parseDecimalOverflow;
    /** serde_json's default (non float_roundtrip) f64_from_parts: one multiply or divide. */
    private f64FromParts;
    /** deserialize_number: parses a JSON number or reports an invalid type. */
    number(expected: string): void;
    /** A bounded integer (u8..u32, s8..s32) as serde's primitive visitors accept it. */
    int(min: number, max: number, expected: string): number;
    u8(): number;
    u16(): number;
    u32(): number;
    s8(): number;
    s16(): number;
    s32(): number;
    u64(): bigint;
    s64(): bigint;
    f64(): number;
    f32(): number;
    bool(): boolean;
    /** deserialize_unit for `()`: only `null`. */
    unit(): void;
    /** deserialize_option's test: consumes `null` and returns true, else leaves the input. */
    none(): boolean;
    /** deserialize_str with the visitor's expectation text. */
    str(expected: string): string;
    string(): string;
    /** `char`: a string of exactly one Unicode scalar value. */
    char(): string;
    /** SliceRead::parse_str: the opening quote has been consumed. */
    parseStr(): string;
    private parseStrSlow;
    private parseEscape;
    private hexEscape;
    /** parse_unicode_escape with validation on (strings must be valid Unicode). */
    private parseUnicodeEscape;
    /** Base64 (standard alphabet, padded) inside a JSON string, for the `base64` bytes option. */
    base64(): Uint8Array;
    private enter;
    /** deserialize_seq up to the opening bracket. */
    seqBegin(expected: string): void;
    /** SeqAccess has_next_element. */
    seqNext(first: boolean): boolean;
    /** end_seq after a successful visit. */
    seqEnd(): void;
    /**
     * A visitor failed inside `[...]`: serde_json still runs end_seq (whose own error is
     * dropped) and then fixes the position, so an unpositioned error lands after it.
     */
    seqFail(e: unknown, segment: string | null): CodecError;
    /** The visitor found too few elements. */
    invalidLength(len: number, expected: string): CodecError;
    /** deserialize_map up to the opening brace. */
    mapBegin(expected: string): void;
    /** deserialize_struct: 1 for the `{...}` form, 0 for the positional `[...]` form. */
    structBegin(expected: string): number;
    /** MapAccess has_next_key; on true the reader is at the key's opening quote. */
    mapNext(first: boolean): boolean;
    /** MapKey as a string: consumes the quoted key. */
    key(): string;
    /**
     * Tests whether the quoted key at the reader equals `name` (given as the bytes of an
     * escape-free JSON string), consuming it when it does; otherwise nothing is consumed.
     */
    keyIs(name: Uint8Array): boolean;
    /** MapKey for integer keys: a number in quotes (deserialize_numeric_key). */
    keyNumber(): void;
    keyNumberEnd(): void;
    /** MapKey for bool keys: `"true"` or `"false"`. */
    keyBool(): boolean;
    /** parse_object_colon. */
    colon(): void;
    /** end_map after a successful visit. */
    mapEnd(): void;
    /** A visitor failed inside `{...}`: end_map runs, then the position is fixed. */
    mapFail(e: unknown, segment: string | null): CodecError;
    /** deserialize_struct's failure handler for either form. */
    structFail(e: unknown, form: number, segment: string | null): CodecError;
    duplicateField(name: string): CodecError;
    missingField(name: string): CodecError;
    /** deserialize_enum: 1 for `{"Case": ...}`, 0 for `"Case"`. */
    enumBegin(): number;
    /** The variant identifier (deserialize_identifier → deserialize_str). */
    variant(): string;
    /** After the content of `{"Case": ...}`: exactly one key is allowed. */
    enumEnd(): void;
    /** A failure inside `{"Case": ...}` propagates unpositioned (VariantAccess has no fix). */
    enumFail(e: unknown, segment: string | null): CodecError;
    /** serde's `unknown_variant`, positioned after the identifier string. */
    unknownVariant(name: string, variants: string[]): CodecError;
    /** UnitVariantAccess: a `"Case"` string names a variant that carries data. */
    unitVariantForNewtype(): CodecError;
    /** ignore_value: iterative, not depth limited, strings not UTF-8 validated. */
    skip(): void;
    private ignoreInteger;
    private ignoreExponent;
    private skipDigits;
    /** SliceRead::ignore_str. */
    private ignoreStr;
    /** `list<u8>` as serde's Vec<u8> visitor reads it (a sequence of u8), into a Uint8Array. */
    bytesList(): Uint8Array;
    /** MapKey for `char` keys. */
    keyChar(): string;
    /**
     * bitflags 2's human-readable serde form: flag names separated by `|` (or `0x` hex bits),
     * as `bitflags::parser::from_str`. Returns the bit mask over `names` (bit k = names[k]).
     */
    flags(names: string[], width: number): number;
    /**
     * deserialize_any into serde's buffered `Content`, used where serde buffers a value before
     * choosing a type (untagged and internally tagged enums): checks one value completely
     * (strings as UTF-8, numbers, the depth limit) and discards it.
     */
    any(): void;
    /**
     * serde's internally and adjacently tagged enums first read the whole object (one pass, like
     * deserialize_any), taking the tag as a variant identifier: syntax errors and a missing,
     * duplicate or unknown tag come from this pass, with positions. Returns the tag, where the
     * content value starts (-1 if absent; internal tagging: the object itself), the object's end,
     * and whether serde would have buffered the content (then its errors carry no position).
     */
    scanTag(tag: string, content: string | null, expected: string, variants: string[]): TagScan;
    /** A content failure in a tagged enum: buffered content errors lose their position. */
    contentFail(e: unknown, scan: TagScan): CodecError;
}
/** The result of `Reader.scanTag`. */
export interface TagScan {
    tag: string;
    content: number;
    end: number;
    buffered: boolean;
}
/** Standard padded base64; null when `s` is not canonical base64. */
export declare function base64Decode(s: string): Uint8Array | null;
export declare function base64Encode(bytes: Uint8Array): string;
/** The bytes of any string as UTF-8, escaped as a JSON string body would be (no quotes). */
export declare function jsonStringBytes(s: string): Uint8Array;
/** A serde_json compact writer into a growable byte buffer. */
export declare class Writer {
    buf: Uint8Array;
    len: number;
    constructor(capacity?: number);
    private grow;
    ensure(extra: number): void;
    byte(c: number): void;
    raw(bytes: Uint8Array): void;
    ascii(s: string): void;
    null(): void;
    bool(v: boolean): void;
    /** An integer known to be exact (|v| < 2^53). */
    int(v: number): void;
    big(v: bigint): void;
    f64(v: number): void;
    f32(v: number): void;
    /** `list<u8>` as an array of numbers. */
    u8s(bytes: Uint8Array | ArrayLike<number>): void;
    /** A JSON string as serde_json's format_escaped_str writes it; lone surrogates → U+FFFD. */
    str(s: string): void;
    /** Validating writers for jco values: a wrong JS value is an encode error, not bad JSON. */
    uint(v: unknown, max: number, what: string): void;
    sint(v: unknown, min: number, max: number, what: string): void;
    u8(v: unknown): void;
    u16(v: unknown): void;
    u32(v: unknown): void;
    s8(v: unknown): void;
    s16(v: unknown): void;
    s32(v: unknown): void;
    /** 64-bit integers: bigint, or a safe-integer number (QuickJS has no 64-bit bigint values). */
    wide(v: unknown, min: bigint, max: bigint, what: string): void;
    u64(v: unknown): void;
    s64(v: unknown): void;
    float64(v: unknown): void;
    float32(v: unknown): void;
    boolean(v: unknown): void;
    string(v: unknown): void;
    char(v: unknown): void;
    /** A `list<u8>` value: Uint8Array fast path, any array-like of bytes otherwise. */
    byteList(v: unknown): void;
    /** A copy of the written bytes, leaving the writer empty for reuse. */
    take(): Uint8Array;
}
/**
 * The module's reusable writer, emptied: encoding is synchronous and never re-entered, so one
 * buffer that keeps its grown size saves re-growing it for every message.
 */
export declare function sharedWriter(): Writer;
/** Compares strings by Unicode code point, like Rust's `Ord for str` (UTF-8 byte order). */
export declare function compareCodePoints(a: string, b: string): number;
/** A serialization error with a path. */
export declare function encodeError(detail: string): CodecError;
/** Adds a path segment to an error unwinding out of an encoder. */
export declare function encodeFail(e: unknown, segment: string): CodecError;
/** An array or typed array for a WIT list, else an encode error. */
export declare function arrayLike(v: unknown, what: string): ArrayLike<unknown>;
/** An object for a record, flags, variant or result value, else an encode error. */
export declare function objectValue(v: unknown, what: string): Record<string, unknown>;
/** A short description of a JS value for encode errors. */
export declare function describe(v: unknown): string;
/** The bytes of `prefix` + the JSON string `name` + `suffix` (prefix/suffix ASCII), e.g. `,"name":`. */
export declare function literal(prefix: string, name: string, suffix: string): Uint8Array;
