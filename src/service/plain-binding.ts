/**
 * The run-time half of the plain JS adapters (plain-adapters.ts), bundled into each of them: a
 * generated adapter's WIT imports call whatever functions are bound for the call in progress, so
 * the adapter code runs unchanged outside a component. Self-contained on purpose (no imports): it
 * is read as source and bundled, in the sources and in the built package alike.
 */

/** Import specifier (`wasmcloud:wasmbus/sender@0.1.0`) → function name → function. */
export type Binding = Record<string, Record<string, (...args: unknown[]) => unknown>>;

let base: Binding | undefined;
let current: Binding | undefined;

/** Binds the imports of every call that is not made through `withBinding`. */
export function bind(binding: Binding): void {
  base = binding;
}

/**
 * Runs `call` with `binding` as the imports. Adapter calls are synchronous, so the binding in
 * effect is the innermost call's, even when an implementation calls back into another adapter.
 */
export function withBinding<T>(binding: Binding, call: () => T): T {
  const previous = current;
  current = binding;
  try {
    return call();
  } finally {
    current = previous;
  }
}

/** What a generated adapter's import `name` of `specifier` does: call the bound function. */
export function callImport(specifier: string, name: string, args: unknown[]): unknown {
  const fn = (current ?? base)?.[specifier]?.[name];
  if (fn === undefined) throw new Error(`${specifier}: nothing is bound to ${name}`);
  return fn(...args);
}

/**
 * Implementations that answer with promises. A generated receiver is synchronous (as it must be
 * inside a component) and calls exactly one contract function per message, decoding and encoding
 * purely around it. So when that function answers with a promise, `settling` drops the first pass,
 * awaits the promise, and runs the receiver again with the settled value as the function's answer:
 * the implementation runs once, and a synchronous implementation stays synchronous.
 */
type Settled = { ok: true; value: unknown } | { ok: false; error: unknown };
interface SettlingCall {
  pending?: PromiseLike<unknown>;
  settled?: Settled;
}

let settlingCall: SettlingCall | undefined;

/** Thrown out of the first pass once the implementation has answered with a promise; never seen outside. */
const SUSPENDED = Symbol('witbus.suspended');

const isThenable = (v: unknown): v is PromiseLike<unknown> =>
  typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';

function inSettlingCall<T>(call: SettlingCall, run: () => T): T {
  const previous = settlingCall;
  settlingCall = call;
  try {
    return run();
  } finally {
    settlingCall = previous;
  }
}

/** An implementation function whose promise `settling` awaits (outside `settling`, it is called as it is). */
export function awaitable(fn: (...args: unknown[]) => unknown): (...args: unknown[]) => unknown {
  return (...args) => {
    const call = settlingCall;
    const settled = call?.settled;
    if (settled !== undefined) {
      call!.settled = undefined;
      if (settled.ok) return settled.value;
      throw settled.error;
    }
    const answer = fn(...args);
    if (call === undefined || !isThenable(answer)) return answer;
    call.pending = answer;
    throw SUSPENDED;
  };
}

/** Runs `run` (a receiver call); when an `awaitable` it calls answers with a promise, the result is a promise. */
export function settling<T>(run: () => T): T | Promise<T> {
  const first: SettlingCall = {};
  let result: { value: T } | { error: unknown };
  try {
    result = { value: inSettlingCall(first, run) };
  } catch (e) {
    result = { error: e };
  }
  if (first.pending === undefined) {
    if ('error' in result) throw result.error;
    return result.value;
  }
  return Promise.resolve(first.pending).then(
    (value) => inSettlingCall({ settled: { ok: true, value } }, run),
    (error: unknown) => inSettlingCall({ settled: { ok: false, error } }, run),
  );
}

/**
 * An app function as a component import: a thrown value reaches the adapter as componentize-js
 * hands an import's err to the guest, an error carrying `payload`.
 */
export function asImport(fn: (...args: unknown[]) => unknown): (...args: unknown[]) => unknown {
  return (...args) => {
    try {
      return fn(...args);
    } catch (e) {
      throw Object.assign(new Error('import returned err'), { payload: e });
    }
  };
}
