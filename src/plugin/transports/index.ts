/** The transports for the plain adapters the bundler plugin imports (README: Transports). */
export { connect, type Async } from './connect.ts';
export { fetchTransport, type FetchTransportOptions } from './fetch.ts';
export { inProcess, type ContractReceiver } from './in-process.ts';
export type { AsyncSend, Message, Send } from './protocol.ts';
