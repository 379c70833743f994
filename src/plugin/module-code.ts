/**
 * The code of the modules a WIT import gives (README: "Bundler plugin"). Each contract interface
 * is named as its generated sender exports it (`keyValue` for `key-value`):
 *
 * - `x.wit`: `keyValue(send)` returns the typed contract, each call sent through the transport
 *   `send(msg, contractName, linkName)` (plain-adapters' `createSender`);
 * - `x.wit?receiver`: `keyValue(impl)` returns `{ contractId, receive(msg) }`, and `receiver` is
 *   the same function when the package has one contract;
 * - `virtual:witbus/<ns>:<pkg>/<interface>`: `createSender`, `createReceiver`, `contractId`, `witId`.
 */
import { plainId } from './module-ids.ts';
import type { PlainInterface } from './plain-package.ts';

const str = JSON.stringify;

/** The receiver factory: plain-adapters' receiver, carrying its contract id so a transport can route to it. */
function receiverFactory(name: string, root: string, file: string, i: PlainInterface): string[] {
  return [
    `import { createReceiver as ${name}Plain } from ${str(plainId(root, file, i.witId, 'receiver'))};`,
    `export function ${name}(impl) {`,
    `  return Object.freeze({ contractId: ${str(i.contractId)}, receive: ${name}Plain(impl).receive });`,
    `}`,
  ];
}

export function senderModule(root: string, file: string, interfaces: PlainInterface[]): string {
  return interfaces
    .map((i) => `export { createSender as ${i.senderExport} } from ${str(plainId(root, file, i.witId, 'sender'))};`)
    .join('\n');
}

export function receiverModule(root: string, file: string, interfaces: PlainInterface[]): string {
  const lines = interfaces.flatMap((i) => receiverFactory(i.senderExport, root, file, i));
  if (interfaces.length === 1) lines.push(`export const receiver = ${interfaces[0]!.senderExport};`);
  return lines.join('\n');
}

export function interfaceModule(root: string, file: string, i: PlainInterface): string {
  return [
    `export { createSender } from ${str(plainId(root, file, i.witId, 'sender'))};`,
    ...receiverFactory('createReceiver', root, file, i),
    `export const contractId = ${str(i.contractId)};`,
    `export const witId = ${str(i.witId)};`,
  ].join('\n');
}
