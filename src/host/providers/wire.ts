/**
 * The JSON the host's providers read and write, matching the generated adapters' codec: one
 * parameter travels as its bare value, several as an object of the parameters, a function without
 * a value to return answers with an empty payload, and a bad payload is rpc-error `deser`.
 */
import { rpcError } from '../rpc-error.ts';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export const EMPTY = new Uint8Array(0);

/**
 * The JSON key of a WIT name: the Rust field name serde derive writes by default
 * (`list-name` → `list_name`), which is also the generated codec's default.
 */
export function fieldName(witName: string): string {
  return witName.replace(/-/g, '_');
}

export function encodeJson(value: unknown): Uint8Array {
  return encoder.encode(JSON.stringify(value));
}

export function decodeJson(context: string, bytes: Uint8Array): unknown {
  try {
    return JSON.parse(decoder.decode(bytes)) as unknown;
  } catch (e) {
    throw rpcError('deser', `${context}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Reads typed fields out of a decoded payload, failing with `deser` like a serde struct would. */
export class Reader {
  constructor(
    readonly context: string,
    readonly value: unknown,
  ) {}

  static of(context: string, bytes: Uint8Array): Reader {
    return new Reader(context, decodeJson(context, bytes));
  }

  #fail(what: string): never {
    throw rpcError('deser', `${this.context}: ${what}`);
  }

  #field(witName: string): unknown {
    const v = this.value;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) this.#fail('expected an object');
    const key = fieldName(witName);
    if (!(key in v)) this.#fail(`missing field \`${key}\``);
    return (v as Record<string, unknown>)[key];
  }

  string(witName?: string): string {
    const v = witName === undefined ? this.value : this.#field(witName);
    return typeof v === 'string' ? v : this.#fail(`expected a string${witName ? ` in \`${fieldName(witName)}\`` : ''}`);
  }

  integer(witName: string, min: number, max: number): number {
    const v = this.#field(witName);
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      this.#fail(`expected an integer from ${min} to ${max} in \`${fieldName(witName)}\``);
    }
    return v;
  }

  strings(witName?: string): string[] {
    const v = witName === undefined ? this.value : this.#field(witName);
    if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) this.#fail('expected a list of strings');
    return v as string[];
  }

  bytes(witName: string): Uint8Array {
    const v = this.#field(witName);
    if (!Array.isArray(v) || !v.every((b) => Number.isInteger(b) && b >= 0 && b <= 255)) {
      this.#fail(`expected a list of bytes in \`${fieldName(witName)}\``);
    }
    return Uint8Array.from(v as number[]);
  }

  pairs(witName: string): [string, string][] {
    const v = this.#field(witName);
    const ok = Array.isArray(v) && v.every((p) => Array.isArray(p) && p.length === 2 && p.every((s) => typeof s === 'string'));
    if (!ok) this.#fail(`expected a list of string pairs in \`${fieldName(witName)}\``);
    return v as [string, string][];
  }
}
