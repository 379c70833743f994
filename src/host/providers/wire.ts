/**
 * How the host's providers read and write wasmbus payloads: through the codec witbus generates for
 * the bundled contracts (`generated/`), so the host speaks exactly the serde-style JSON the
 * adapters do. A payload that does not decode is rpc-error `deser`.
 */
import { rpcError } from '../rpc-error.ts';

/** A codec failure as `path: message`, the form the generated adapters report too. */
function codecErrorText(e: unknown): string {
  if (e === null || typeof e !== 'object') return String(e);
  const { message, path } = e as { message?: unknown; path?: unknown };
  return typeof path === 'string' && path !== '' ? `${path}: ${String(message)}` : String(message);
}

/** Decodes a payload with a generated decoder; failures become rpc-error `deser`. */
export function decodePayload<T>(context: string, decode: (bytes: Uint8Array) => T, bytes: Uint8Array): T {
  try {
    return decode(bytes);
  } catch (e) {
    throw rpcError('deser', `${context}: ${codecErrorText(e)}`);
  }
}
