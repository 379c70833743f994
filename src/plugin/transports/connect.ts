/**
 * A typed contract over an async transport. The generated adapters are synchronous (a component's
 * `send` import cannot wait), so each call runs the sender twice: once to encode the message,
 * which is taken and answered by the transport, and once to decode the answer that is then at hand.
 * Encoding is pure, so both runs send the same message.
 */
import type { AsyncSend, Message, Send } from './protocol.ts';

/** The contract `T` with each function answering by a promise. */
export type Async<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<R> : never;
};

/** Thrown out of the first run, so it stops as soon as the message is encoded (the sender reports it as an rpc-error). */
const ENCODED = 'witbus: message encoded';

/** `createSender` (`keyValue` of `x.wit`) over `transport`: `await kv.get('a')`. */
export function connect<T extends object>(createSender: (send: Send) => T, transport: AsyncSend): Async<T> {
  let taken: { msg: Message; contractName: string; linkName: string | undefined } | undefined;
  let answer: { ok: true; payload: Uint8Array } | { ok: false; error: unknown } | undefined;
  const encoder = createSender((msg, contractName, linkName) => {
    taken = { msg, contractName, linkName };
    throw ENCODED;
  });
  const decoder = createSender(() => {
    const a = answer!;
    if (a.ok) return a.payload;
    throw a.error;
  });
  const contract: Record<string, unknown> = {};
  for (const name of Object.keys(encoder)) {
    const encode = (encoder as Record<string, (...args: unknown[]) => unknown>)[name]!;
    const decode = (decoder as Record<string, (...args: unknown[]) => unknown>)[name]!;
    contract[name] = async (...args: unknown[]) => {
      taken = undefined;
      try {
        encode(...args);
      } catch (e) {
        // Whatever the sender made of ENCODED; an error before anything was sent is the caller's.
        if (taken === undefined) throw e;
      }
      const { msg, contractName, linkName } = taken!;
      let result: NonNullable<typeof answer>;
      try {
        result = { ok: true, payload: await transport(msg, contractName, linkName) };
      } catch (error) {
        result = { ok: false, error };
      }
      // Decoding is synchronous, so no other call can change `answer` before it is read.
      answer = result;
      try {
        return decode(...args);
      } finally {
        answer = undefined;
      }
    };
  }
  return Object.freeze(contract) as Async<T>;
}
