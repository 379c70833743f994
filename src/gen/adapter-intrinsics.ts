/**
 * Helpers the generated adapters share, emitted into an adapter only when it uses them.
 *
 * Errors across a component boundary: an import that returns `result<_, E>` throws an object whose
 * `payload` is E (componentize-js and jco's host alike); an export returns E by throwing E itself
 * as a plain value (an `Error` object would trap StarlingMonkey).
 */
import type { Intrinsic } from './generated-file.ts';

export const errorPayload: Intrinsic = {
  name: 'errorPayload',
  code: `
/** The E of a failed import call that returns \`result<_, E>\`. */
function errorPayload(e: unknown): unknown {
  return e !== null && typeof e === 'object' && 'payload' in e
    ? (e as { payload: unknown }).payload
    : e;
}`,
};

export const rethrowRpcError: Intrinsic = {
  name: 'rethrowRpcError',
  uses: [errorPayload],
  code: `
/** Passes a failed call's rpc-error on; anything that is not one becomes \`other\`. */
function rethrowRpcError(e: unknown): never {
  const p = errorPayload(e);
  if (p !== null && typeof p === 'object' && typeof (p as { tag?: unknown }).tag === 'string')
    throw p;
  throw { tag: 'other', val: String(p) };
}`,
};

export const codecMessage: Intrinsic = {
  name: 'codecMessage',
  code: `
/** A codec failure as \`path: message\` (serde_path_to_error's form); the path is empty at the root. */
function codecMessage(e: unknown): string {
  if (e === null || typeof e !== 'object') return String(e);
  const { message, path } = e as { message?: unknown; path?: unknown };
  const text = String(message);
  return typeof path === 'string' && path !== '' ? \`\${path}: \${text}\` : text;
}`,
};

export const decodeOrDeser: Intrinsic = {
  name: 'decodeOrDeser',
  uses: [codecMessage],
  code: `
/** Decodes a payload; a bad payload becomes rpc-error \`deser\`. */
function decodeOrDeser<T>(context: string, decode: (bytes: Uint8Array) => T, bytes: Uint8Array): T {
  try {
    return decode(bytes);
  } catch (e) {
    throw { tag: 'deser', val: \`\${context}: \${codecMessage(e)}\` };
  }
}`,
};

export const encodeOrSer: Intrinsic = {
  name: 'encodeOrSer',
  uses: [codecMessage],
  code: `
/** Encodes a value; a value that has no JSON form becomes rpc-error \`ser\`. */
function encodeOrSer<T>(context: string, encode: (value: T) => Uint8Array, value: T): Uint8Array {
  try {
    return encode(value);
  } catch (e) {
    throw { tag: 'ser', val: \`\${context}: \${codecMessage(e)}\` };
  }
}`,
};

export const lowerOrSer: Intrinsic = {
  name: 'lowerOrSer',
  uses: [codecMessage],
  code: `
/**
 * A value in the form the engine hands over exactly, when it \`needs\` another form at all; a value
 * it cannot carry becomes rpc-error \`ser\`.
 */
function lowerOrSer<T>(context: string, needs: boolean, lower: (value: T) => T, value: T): T {
  if (!needs) return value;
  try {
    return lower(value);
  } catch (e) {
    throw { tag: 'ser', val: \`\${context}: \${codecMessage(e)}\` };
  }
}`,
};

export const EMPTY_PAYLOAD: Intrinsic = {
  name: 'EMPTY_PAYLOAD',
  code: `const EMPTY_PAYLOAD = new Uint8Array(0);`,
};

export const pending: Intrinsic = {
  name: 'pending',
  code: `
/** An implementation's answer when it is a promise (of the value its type names), else undefined. */
function pending<T>(answer: T): PromiseLike<T> | undefined {
  return answer !== null &&
    typeof answer === 'object' &&
    typeof (answer as { then?: unknown }).then === 'function'
    ? (answer as unknown as PromiseLike<T>)
    : undefined;
}`,
};
