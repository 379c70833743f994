/**
 * Per-contract overrides of the wasmbus binding. Keys of `interfaces` name an interface either
 * fully (`wasmcloud:keyvalue/key-value`, version optional) or by its bare name (`key-value`).
 */
export interface FunctionOverride {
  /** The operation part of the method string (`Increment`), or a whole method (`KeyValue.Increment`). */
  method?: string;
}

export interface InterfaceOverride {
  /** The contract id passed to `send`, e.g. `wasmcloud:keyvalue`. */
  contractId?: string;
  /** The service part of method strings, e.g. `KeyValue`. */
  service?: string;
  /** The link name passed to `send`; omitted means the host's "default". */
  linkName?: string;
  /** Per function, keyed by the WIT function name. */
  functions?: Record<string, FunctionOverride>;
}

export interface ContractOptions {
  /** Applies to every interface of the input unless an interface override says otherwise. */
  contractId?: string;
  interfaces?: Record<string, InterfaceOverride>;
  /** Only these interfaces become contracts (same key forms as `interfaces`). */
  include?: string[];
  /** Interfaces that never become contracts. */
  exclude?: string[];
  /** Generate the wire-able functions and report the others instead of failing. */
  skipUnsupported?: boolean;
}
