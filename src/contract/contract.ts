/**
 * The contract model: for each function of a contract interface, how it travels over wasmbus
 * (method string, argument bundling, result channel). Generators read only this view.
 */
import { upperCamelCase } from '../naming/index.ts';
import {
  dealias,
  type Func,
  type InterfaceId,
  type Param,
  type Resolve,
  type Type,
  type TypeId,
} from '../wit/model.ts';
import { findWasmbus, type WasmbusBinding } from './bus.ts';
import { ContractError } from './errors.ts';
import type { ContractOptions, InterfaceOverride } from './config.ts';
import { interfaceKeys, interfaceWitId, packageContractId } from './identity.ts';
import { wireProblems, type WireProblem } from '../typemap/index.ts';

/** How the arguments of a call become `msg.arg`. */
export type ArgShape =
  /** No parameter: an empty payload. */
  | { kind: 'none' }
  /** One parameter: its value itself. */
  | { kind: 'single'; param: Param }
  /** Several parameters, or one option: a JSON object of the parameters. */
  | { kind: 'object'; params: Param[] };

/** How the result of a call travels back. */
export type ResultShape =
  /** No return type: an empty payload. */
  | { kind: 'none' }
  /** `result<T, rpc-error>`: T (or an empty payload) is the reply, the error uses the rpc channel. */
  | { kind: 'rpc'; ok: Type | null; result: TypeId }
  /** A result with another error type travels whole, as serde's `{"Ok": ..}` / `{"Err": ..}`. */
  | { kind: 'result'; type: Type; ok: Type | null; err: Type | null }
  /** Any other type travels as itself. */
  | { kind: 'value'; type: Type };

export interface ContractFunction {
  func: Func;
  /** `KeyValue.Increment`. */
  method: string;
  /** `Increment`: receivers accept it bare too. */
  operation: string;
  args: ArgShape;
  result: ResultShape;
}

export interface SkippedFunction {
  func: Func;
  /** Why it cannot cross a wire, e.g. "own handle to resource `r`". */
  reasons: string[];
}

export interface Contract {
  interface: InterfaceId;
  /** `wasmcloud:keyvalue/key-value@0.1.0`. */
  witId: string;
  /** `wasmcloud:keyvalue`. */
  contractId: string;
  /** `KeyValue`. */
  service: string;
  linkName: string | undefined;
  functions: ContractFunction[];
  skipped: SkippedFunction[];
  bus: WasmbusBinding;
}

function findOverride(resolve: Resolve, id: InterfaceId, options: ContractOptions): InterfaceOverride {
  const table = options.interfaces ?? {};
  for (const key of interfaceKeys(resolve, id)) {
    const found = table[key];
    if (found) return found;
  }
  return {};
}

function matchesAny(resolve: Resolve, id: InterfaceId, keys: string[] | undefined): boolean {
  if (!keys) return false;
  const own = interfaceKeys(resolve, id);
  return keys.some((k) => own.includes(k));
}

function argShape(resolve: Resolve, params: Param[]): ArgShape {
  if (params.length === 0) return { kind: 'none' };
  const only = params[0]!;
  const t = dealias(resolve, only.type);
  const isOption = typeof t === 'number' && resolve.types[t]!.kind.kind === 'option';
  if (params.length === 1 && !isOption) return { kind: 'single', param: only };
  return { kind: 'object', params };
}

function isRpcError(resolve: Resolve, type: Type | null, bus: WasmbusBinding): boolean {
  if (type === null) return false;
  const t = dealias(resolve, type);
  if (t === bus.rpcError) return true;
  if (typeof t !== 'number') return false;
  // The same variant reached through another version of the wasmbus package.
  const a = resolve.types[t]!;
  const b = resolve.types[bus.rpcError]!;
  return (
    a.name === b.name &&
    a.kind.kind === 'variant' &&
    b.kind.kind === 'variant' &&
    a.kind.cases.map((c) => c.name).join() === b.kind.cases.map((c) => c.name).join()
  );
}

function resultShape(resolve: Resolve, result: Type | null, bus: WasmbusBinding): ResultShape {
  if (result === null) return { kind: 'none' };
  const t = dealias(resolve, result);
  if (typeof t === 'number') {
    const def = resolve.types[t]!.kind;
    if (def.kind === 'result') {
      return isRpcError(resolve, def.err, bus)
        ? { kind: 'rpc', ok: def.ok, result: t }
        : { kind: 'result', type: result, ok: def.ok, err: def.err };
    }
  }
  return { kind: 'value', type: result };
}

function describeProblem(resolve: Resolve, p: WireProblem): string {
  if (typeof p.type !== 'number') return p.reason;
  const def = resolve.types[p.type]!;
  const named = def.name === null ? '' : ` \`${def.name}\``;
  switch (p.reason) {
    case 'handle': {
      const k = def.kind;
      const res = k.kind === 'handle' ? resolve.types[k.resource]!.name : null;
      return `${k.kind === 'handle' ? k.handle : 'own'} handle to resource \`${res ?? '?'}\``;
    }
    case 'map-key':
      return `map${named} with a key type serde_json cannot write as an object key`;
    default:
      return `${p.reason}${named}`;
  }
}

function methodString(service: string, operation: string, override: string | undefined) {
  if (override === undefined) return { method: `${service}.${operation}`, operation };
  const dot = override.lastIndexOf('.');
  return dot < 0
    ? { method: `${service}.${override}`, operation: override }
    : { method: override, operation: override.slice(dot + 1) };
}

/** Whether an interface is part of the bus itself (its receiver or sender). */
function isBusInterface(resolve: Resolve, id: InterfaceId): boolean {
  try {
    const bus = findWasmbus(resolve, id);
    return bus.receiver === id || bus.sender === id;
  } catch {
    return false;
  }
}

/** Derives one contract. Throws `ContractError` for functions that cannot cross a wire. */
export function deriveContract(resolve: Resolve, id: InterfaceId, options: ContractOptions = {}): Contract {
  const iface = resolve.interfaces[id]!;
  const override = findOverride(resolve, id, options);
  const bus = findWasmbus(resolve, id);
  const witId = interfaceWitId(resolve, id);
  const contractId = override.contractId ?? options.contractId ?? packageContractId(resolve, id);
  if (contractId === undefined) {
    throw new ContractError(`${witId} has no package, so its contract id must be configured`, { interface: id });
  }
  const service = override.service ?? upperCamelCase(iface.name ?? witId);
  const functions: ContractFunction[] = [];
  const skipped: SkippedFunction[] = [];
  for (const func of iface.functions.values()) {
    const problems = [...func.params.map((p) => p.type), ...(func.result === null ? [] : [func.result])].flatMap((t) =>
      wireProblems(resolve, t),
    );
    const reasons =
      func.kind.kind === 'freestanding'
        ? problems.map((p) => describeProblem(resolve, p))
        : [`${func.kind.kind.replace('-', ' ')} function (only freestanding functions become messages)`];
    if (reasons.length > 0) {
      if (!options.skipUnsupported) {
        const type = problems.find((p) => typeof p.type === 'number')?.type as TypeId | undefined;
        throw new ContractError(
          `function \`${func.name}\` of ${witId} cannot cross a wire: it uses ${reasons.join(', ')} ` +
            '(use --skip-unsupported to generate the other functions)',
          { interface: id, func: func.name, ...(type === undefined ? {} : { type }) },
        );
      }
      skipped.push({ func, reasons });
      continue;
    }
    const names = methodString(service, upperCamelCase(func.name), override.functions?.[func.name]?.method);
    functions.push({
      func,
      ...names,
      args: argShape(resolve, func.params),
      result: resultShape(resolve, func.result, bus),
    });
  }
  // A receiver dispatches on both forms of every method, so all of them must be distinct.
  const seen = new Map<string, string>();
  for (const f of functions) {
    for (const label of new Set([f.method, f.operation])) {
      const other = seen.get(label);
      if (other !== undefined) {
        throw new ContractError(
          `functions \`${other}\` and \`${f.func.name}\` of ${witId} both answer to method \`${label}\``,
          {
            interface: id,
            func: f.func.name,
          },
        );
      }
      seen.set(label, f.func.name);
    }
  }
  return { interface: id, witId, contractId, service, linkName: override.linkName, functions, skipped, bus };
}

/**
 * The contracts of the given root packages: every interface with functions, except the bus's own
 * interfaces, filtered by `include` / `exclude`. Sorted by WIT id for deterministic output.
 */
export function deriveContracts(resolve: Resolve, packages: number[], options: ContractOptions = {}): Contract[] {
  const ids = packages
    .flatMap((p) => [...resolve.packages[p]!.interfaces.values()])
    .filter((id) => resolve.interfaces[id]!.functions.size > 0)
    .filter((id) => !isBusInterface(resolve, id))
    .filter((id) => (options.include ? matchesAny(resolve, id, options.include) : true))
    .filter((id) => !matchesAny(resolve, id, options.exclude));
  return ids
    .map((id) => deriveContract(resolve, id, options))
    .sort((a, b) => (a.witId < b.witId ? -1 : a.witId > b.witId ? 1 : 0));
}
