/** The host runtime: linked components (on one thread or in a worker pool), the wasmbus, and the built-in providers. */
export { Host } from './host.ts';
export type { ComponentRef, Delivery, HostOptions, RunningHost, Trap } from './host.ts';
export { WorkerPoolHost } from './worker/pool.ts';
export type { WorkerPoolOptions, WorkerPoolStats } from './worker/pool.ts';
export { Bus, DEFAULT_DEADLINE_MS, DEFAULT_LINK } from './bus.ts';
export type { BusOptions, Message, Provider, Reply, SyncProvider } from './bus.ts';
export { loadComponent, withUnversionedKeys } from './load.ts';
export type { ComponentExports, ComponentImports, LoadedComponent } from './load.ts';
export { isRpcError, rpcError } from './rpc-error.ts';
export type { RpcError, RpcErrorTag } from './rpc-error.ts';
export { KeyValueStore, keyValueProvider, keyValueProviderOf, embeddedKeyValueProvider, KEYVALUE_CONTRACT } from './providers/keyvalue.ts';
export type { Entry, EntryMap, KeyValueBackend, KeyValueOptions } from './providers/keyvalue.ts';
export { sqliteKeyValueProvider } from './providers/keyvalue-sqlite.ts';
export type { SqliteKeyValueOptions, SqliteKeyValueProvider } from './providers/keyvalue-sqlite.ts';
export { RedisKeyValueStore, redisKeyValueProvider } from './providers/keyvalue-redis.ts';
export type { RedisKeyValueOptions, RedisKeyValueProvider } from './providers/keyvalue-redis.ts';
export { startHttpServer, HTTPSERVER_CONTRACT, HANDLE_REQUEST, requestMessage, decodeResponse } from './providers/httpserver.ts';
export type { HttpServerOptions, MessageTarget, RunningHttpServer } from './providers/httpserver.ts';
