/** The in-process transport: a sender's messages go to receivers in the same program, by contract id. */
import type { Message, Send } from './protocol.ts';

/** What `x.wit?receiver` factories return. */
export interface ContractReceiver {
  readonly contractId: string;
  receive(msg: Message): Uint8Array;
}

/**
 * A `send` that delivers each message to the receiver of its contract. A message for a contract
 * with no receiver fails as the host's bus fails it: rpc-error `host-error`.
 */
export function inProcess(...receivers: ContractReceiver[]): Send {
  const byContract = new Map<string, ContractReceiver>();
  for (const r of receivers) {
    if (byContract.has(r.contractId)) throw new TypeError(`inProcess: two receivers of the contract ${r.contractId}`);
    byContract.set(r.contractId, r);
  }
  return (msg, contractName) => {
    const receiver = byContract.get(contractName);
    if (receiver === undefined) throw { tag: 'host-error', val: `no receiver for the contract ${contractName}` };
    return receiver.receive(msg);
  };
}
