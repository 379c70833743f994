/**
 * How a wasmbus message travels over HTTP between the `fetch` transport and the host's message
 * endpoint: a `POST` whose body is the payload bytes, with the method, contract and link in
 * headers. The answer is `200` with the reply payload, or `200` with `witbus-reply: rpc-error`
 * and the rpc-error as JSON (`{"tag":"deser","val":"…"}`); a request that is not a message gets `400`.
 * No dependencies: it runs in browsers too.
 */
export const METHOD_HEADER = 'witbus-method';
export const CONTRACT_HEADER = 'witbus-contract';
/** Absent: the default link. */
export const LINK_HEADER = 'witbus-link';
/** `ok` or `rpc-error`. */
export const REPLY_HEADER = 'witbus-reply';

/** A wasmbus message: the method (`Service.Operation`) and its payload. */
export interface Message {
  method: string;
  arg: Uint8Array;
}

/** What a plain sender calls for each message: the reply payload, or it throws the rpc-error. */
export type Send = (msg: Message, contractName: string, linkName: string | undefined) => Uint8Array;

/** A transport that answers later: what `connect` turns into a contract of async functions. */
export type AsyncSend = (msg: Message, contractName: string, linkName: string | undefined) => Promise<Uint8Array>;
