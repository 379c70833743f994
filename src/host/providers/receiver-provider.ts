/**
 * A provider from a generated receiver (service/provider-binding.ts): the receiver decodes each
 * message, calls the typed implementation and encodes its reply, so a provider is only its
 * contract id, its link and that receiver. Rpc-errors the receiver throws (a bad payload is
 * `deser`, an unknown method `method-not-handled`, the implementation's own) reach the bus as they
 * are.
 */
import type { Message, Provider } from '../bus.ts';

/** A receiver: `createReceiver(impl)` of a contract's plain JS adapters. */
export interface PlainReceiver {
  receive(msg: Message): Uint8Array | Promise<Uint8Array>;
}

/** A contract's typed interface, with each function allowed to answer with a promise. */
export type Awaitable<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => R | Promise<R> : T[K];
};

export interface ProviderOptions {
  /** Defaults to `"default"`. */
  linkName?: string;
  /** This link's deadline for one answer, in milliseconds; defaults to the bus's. */
  deadlineMs?: number;
}

export function receiverProvider(contractId: string, receiver: PlainReceiver, options: ProviderOptions = {}): Provider {
  return {
    contractId,
    ...(options.linkName === undefined ? {} : { linkName: options.linkName }),
    ...(options.deadlineMs === undefined ? {} : { deadlineMs: options.deadlineMs }),
    handle: (method, arg) => receiver.receive({ method, arg }),
  };
}
