/** The host runtime: linked components, the wasmbus, and the built-in providers. */
export { Host, RECEIVER_INTERFACE, SENDER_INTERFACE } from './host.ts';
export type { ComponentRef, Delivery, HostOptions } from './host.ts';
export { Bus, DEFAULT_LINK } from './bus.ts';
export type { Message, Provider } from './bus.ts';
export { loadComponent, withUnversionedKeys } from './load.ts';
export type { ComponentExports, ComponentImports, LoadedComponent } from './load.ts';
export { isRpcError, rpcError } from './rpc-error.ts';
export type { RpcError, RpcErrorTag } from './rpc-error.ts';
export { KeyValueStore, keyValueProvider, KEYVALUE_CONTRACT } from './providers/keyvalue.ts';
export type { KeyValueOptions } from './providers/keyvalue.ts';
export { startHttpServer, HTTPSERVER_CONTRACT, HANDLE_REQUEST, requestMessage, decodeResponse } from './providers/httpserver.ts';
export type { HttpServerOptions, MessageTarget, RunningHttpServer } from './providers/httpserver.ts';
