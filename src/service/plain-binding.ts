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

const importError = (e: unknown): Error => Object.assign(new Error('import returned err'), { payload: e });

const isThenable = (v: unknown): v is PromiseLike<unknown> =>
  typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';

/**
 * An app function as a component import: a thrown value reaches the adapter as componentize-js
 * hands an import's err to the guest, an error carrying `payload`. A plain implementation may
 * answer with a promise (the generated receiver replies once it settles): its rejection looks the same.
 */
export function asImport(fn: (...args: unknown[]) => unknown): (...args: unknown[]) => unknown {
  return (...args) => {
    let answer: unknown;
    try {
      answer = fn(...args);
    } catch (e) {
      throw importError(e);
    }
    if (!isThenable(answer)) return answer;
    return Promise.resolve(answer).then(undefined, (e: unknown) => {
      throw importError(e);
    });
  };
}
