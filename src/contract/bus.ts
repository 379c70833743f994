/**
 * Finds the wasmbus interfaces an adapter binds to: the receiver (`receive`) and the sender
 * (`send`). They are recognised by shape, not by name, so that the seed's 2022 files
 * (`wasmbus-receiver`, `wasmbus-sender`) and the modern `wasmcloud:wasmbus` package both work.
 */
import { dealias, type Func, type InterfaceId, type Resolve, type Type, type TypeId } from '../wit/model.ts';
import { ContractError } from './errors.ts';
import { interfaceWitId } from './identity.ts';

export interface WasmbusBinding {
  receiver: InterfaceId;
  sender: InterfaceId;
  /** The `rpc-error` variant both use. */
  rpcError: TypeId;
  /** The `message` record. */
  message: TypeId;
}

/** The input has no wasmbus receiver/sender pair for a contract. */
export class BusNotFoundError extends ContractError {}

function defOf(resolve: Resolve, type: Type | null) {
  if (type === null) return undefined;
  const t = dealias(resolve, type);
  return typeof t === 'number' ? { id: t, def: resolve.types[t]! } : undefined;
}

function isBytes(resolve: Resolve, type: Type | null): boolean {
  const d = defOf(resolve, type);
  return d?.def.kind.kind === 'list' && dealias(resolve, d.def.kind.type) === 'u8';
}

/** `result<payload, rpc-error>`: returns the rpc-error type id. */
function payloadResultError(resolve: Resolve, type: Type | null): TypeId | undefined {
  const d = defOf(resolve, type);
  if (d?.def.kind.kind !== 'result' || !isBytes(resolve, d.def.kind.ok)) return undefined;
  const err = defOf(resolve, d.def.kind.err);
  return err?.def.kind.kind === 'variant' ? err.id : undefined;
}

/** A `record { method: string, arg: payload }`. */
function messageRecord(resolve: Resolve, type: Type): TypeId | undefined {
  const d = defOf(resolve, type);
  if (d?.def.kind.kind !== 'record') return undefined;
  const fields = d.def.kind.fields;
  const method = fields.find((f) => f.name === 'method');
  const arg = fields.find((f) => f.name === 'arg');
  if (fields.length !== 2 || !method || !arg) return undefined;
  return dealias(resolve, method.type) === 'string' && isBytes(resolve, arg.type) ? d.id : undefined;
}

function receiveShape(resolve: Resolve, f: Func) {
  if (f.name !== 'receive' || f.params.length !== 1) return undefined;
  const message = messageRecord(resolve, f.params[0]!.type);
  const rpcError = payloadResultError(resolve, f.result);
  return message !== undefined && rpcError !== undefined ? { message, rpcError } : undefined;
}

function sendShape(resolve: Resolve, f: Func) {
  if (f.name !== 'send' || f.params.length !== 3) return undefined;
  const [msg, contract, link] = f.params as [Func['params'][0], Func['params'][0], Func['params'][0]];
  const message = messageRecord(resolve, msg.type);
  const rpcError = payloadResultError(resolve, f.result);
  const linkDef = defOf(resolve, link.type);
  const linkOk = linkDef?.def.kind.kind === 'option' && dealias(resolve, linkDef.def.kind.type) === 'string';
  if (message === undefined || rpcError === undefined || !linkOk) return undefined;
  return dealias(resolve, contract.type) === 'string' ? { message, rpcError } : undefined;
}

function single<T>(resolve: Resolve, id: InterfaceId, shape: (r: Resolve, f: Func) => T | undefined) {
  const fns = [...resolve.interfaces[id]!.functions.values()];
  return fns.length === 1 ? shape(resolve, fns[0]!) : undefined;
}

/**
 * What an interface is on the bus, by shape: a receiver (a lone `receive`) or a sender (a lone
 * `send`). Build and host use it to find the bus in any package, the seed's included.
 */
export function wasmbusRole(resolve: Resolve, id: InterfaceId): 'receiver' | 'sender' | undefined {
  if (single(resolve, id, receiveShape) !== undefined) return 'receiver';
  if (single(resolve, id, sendShape) !== undefined) return 'sender';
  return undefined;
}

/**
 * The binding for a contract interface: bus interfaces of the contract's own package win (the
 * seed's layout), then those of `wasmcloud:wasmbus` at its highest version, then any others.
 */
export function findWasmbus(resolve: Resolve, contract: InterfaceId): WasmbusBinding {
  const pkg = resolve.interfaces[contract]!.package;
  const rank = (id: InterfaceId): number => {
    const p = resolve.interfaces[id]!.package;
    if (p === pkg) return 0;
    const name = p === null ? undefined : resolve.packages[p]!.name;
    return name?.namespace === 'wasmcloud' && name.name === 'wasmbus' ? 1 : 2;
  };
  // Later ids of the same rank are newer versions or later packages: prefer them.
  const ordered = resolve.interfaces.map((_, id) => id).sort((a, b) => rank(a) - rank(b) || b - a);
  const receivers = ordered.flatMap((id) => {
    const s = single(resolve, id, receiveShape);
    return s ? [{ id, ...s }] : [];
  });
  const senders = ordered.flatMap((id) => {
    const s = single(resolve, id, sendShape);
    return s ? [{ id, ...s }] : [];
  });
  for (const r of receivers) {
    const s = senders.find((c) => c.rpcError === r.rpcError && c.message === r.message);
    if (s) return { receiver: r.id, sender: s.id, rpcError: r.rpcError, message: r.message };
  }
  throw new BusNotFoundError(
    `no wasmbus interfaces found for ${interfaceWitId(resolve, contract)}: the input must contain ` +
      'an interface with `receive: func(msg: message) -> result<payload, rpc-error>` and one with ' +
      '`send: func(msg: message, contract-name: string, link-name: option<string>) -> result<payload, rpc-error>` ' +
      '(e.g. the wasmcloud:wasmbus package in deps/)',
    { interface: contract },
  );
}
