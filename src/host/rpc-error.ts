/**
 * wasmbus `rpc-error` values as jco represents them (`{ tag, val }`), and how the host tells an
 * error result from a trap.
 */

export type RpcErrorTag =
  | 'deadline-exceeded'
  | 'not-initialized'
  | 'method-not-handled'
  | 'not-implemented'
  | 'host-error'
  | 'deser'
  | 'ser'
  | 'rpc'
  | 'nats'
  | 'invalid-parameter'
  | 'actor-handler'
  | 'provider-init'
  | 'timeout'
  | 'other';

export type RpcError = { tag: 'not-implemented' } | { tag: Exclude<RpcErrorTag, 'not-implemented'>; val: string };

const TAGS = new Set<string>([
  'deadline-exceeded',
  'not-initialized',
  'method-not-handled',
  'not-implemented',
  'host-error',
  'deser',
  'ser',
  'rpc',
  'nats',
  'invalid-parameter',
  'actor-handler',
  'provider-init',
  'timeout',
  'other',
]);

export function rpcError(tag: Exclude<RpcErrorTag, 'not-implemented'>, val: string): RpcError {
  return { tag, val };
}

export function isRpcError(value: unknown): value is RpcError {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { tag?: unknown; val?: unknown };
  if (typeof v.tag !== 'string' || !TAGS.has(v.tag)) return false;
  return v.tag === 'not-implemented' || typeof v.val === 'string';
}

/**
 * The `err` of a failed export call, or undefined for a trap. jco 1.35 throws an export's `err`
 * value itself (older versions wrap it in a `ComponentError` carrying `.payload`: both are read).
 * Any other `Error` leaving a component is a trap, or a host bug surfacing through it, and poisons
 * the instance.
 */
export function errorPayload(e: unknown): { payload: unknown } | undefined {
  if (typeof e === 'object' && e !== null && 'payload' in e) return { payload: (e as { payload: unknown }).payload };
  return e instanceof Error ? undefined : { payload: e };
}

export function describe(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  if (typeof e !== 'object' || e === null) return String(e);
  try {
    return JSON.stringify(e, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  } catch {
    return String(e);
  }
}
