/**
 * The host side of `wasmcloud:wasmbus/sender`: routes `send(msg, contract-name, link-name)` to the
 * provider registered for that contract and link. Everything is synchronous, like the component
 * calls around it, so a missing route fails at once instead of leaving a caller waiting.
 */
import { describe, isRpcError, rpcError } from './rpc-error.ts';

export interface Message {
  method: string;
  arg: Uint8Array;
}

export interface Provider {
  /** e.g. `wasmcloud:keyvalue`. */
  contractId: string;
  /** Defaults to `"default"`. */
  linkName?: string;
  /** Answers one message: the reply payload, or throws an rpc-error value. */
  handle(method: string, arg: Uint8Array): Uint8Array;
}

export const DEFAULT_LINK = 'default';

const routeKey = (contractId: string, linkName: string): string => `${contractId}\u0000${linkName}`;

export class Bus {
  readonly #routes = new Map<string, Provider>();

  /** Registers a provider; replaces the one registered for the same contract and link. */
  register(provider: Provider): void {
    this.#routes.set(routeKey(provider.contractId, provider.linkName ?? DEFAULT_LINK), provider);
  }

  unregister(contractId: string, linkName: string = DEFAULT_LINK): boolean {
    return this.#routes.delete(routeKey(contractId, linkName));
  }

  /**
   * Delivers a message. Throws an rpc-error value (never an `Error`) so that jco hands it to the
   * calling component as the `err` of its `send` import. `linkName` is `undefined` for none on
   * StarlingMonkey and `null` on QuickJS.
   */
  send(msg: Message, contractName: string, linkName: string | null | undefined): Uint8Array {
    const link = linkName ?? DEFAULT_LINK;
    const provider = this.#routes.get(routeKey(contractName, link));
    if (provider === undefined) {
      throw rpcError('host-error', `no provider is linked for contract ${contractName} on link ${link}`);
    }
    try {
      return provider.handle(msg.method, msg.arg);
    } catch (e) {
      if (isRpcError(e)) throw e;
      throw rpcError('rpc', `provider ${contractName} (${link}) failed on ${msg.method}: ${describe(e)}`);
    }
  }

  /** The import object for components that import `wasmcloud:wasmbus/sender`. */
  senderImport(): { send: (msg: Message, contractName: string, linkName: string | null | undefined) => Uint8Array } {
    return { send: (msg, contractName, linkName) => this.send(msg, contractName, linkName) };
  }
}
