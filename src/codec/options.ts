/**
 * Codec options: each mirrors a serde attribute that a Rust provider could put on the types
 * wit-bindgen generates. The defaults are serde derive's defaults.
 */
import type { RenameRule } from '../naming/index.ts';

/** How variants and enums are tagged (serde's enum representations). */
export type EnumRepr =
  /** `{"Case": payload}` / `"Case"` (serde default). */
  | { kind: 'external' }
  /** `#[serde(tag = "t")]`: `{"t": "Case", ...record fields}`; payloads must be records. */
  | { kind: 'internal'; tag: string }
  /** `#[serde(tag = "t", content = "c")]`: `{"t": "Case", "c": payload}`. */
  | { kind: 'adjacent'; tag: string; content: string }
  /** `#[serde(untagged)]`: the payload alone (`null` for cases without one). */
  | { kind: 'untagged' };

export interface CodecOptions {
  /** `#[serde(rename_all = ...)]` on structs: applied to record field names. */
  fieldRename?: RenameRule;
  /** `#[serde(rename_all = ...)]` on enums: applied to variant and enum case names. */
  caseRename?: RenameRule;
  /** Representation of WIT variants and enums (results and options are std types: always external). */
  enumRepr?: EnumRepr;
  /** `list<u8>` as an array of numbers (serde default for Vec<u8>) or a base64 string. */
  bytes?: 'array' | 'base64';
  /** wasmCloud "witified maps": `list<tuple<string, V>>` travels as a JSON object. */
  witifiedMaps?: boolean;
}

export interface ResolvedCodecOptions {
  fieldRename: RenameRule | undefined;
  caseRename: RenameRule | undefined;
  enumRepr: EnumRepr;
  bytes: 'array' | 'base64';
  witifiedMaps: boolean;
}

export function resolveCodecOptions(options: CodecOptions = {}): ResolvedCodecOptions {
  return {
    fieldRename: options.fieldRename,
    caseRename: options.caseRename,
    enumRepr: options.enumRepr ?? { kind: 'external' },
    bytes: options.bytes ?? 'array',
    witifiedMaps: options.witifiedMaps ?? false,
  };
}
