/**
 * `witbus serve`: runs an app folder written by `witbus build --app` (see serve-app.ts for what is
 * linked), or one composed or fused component (serve-wasm.ts), with the httpserver provider in
 * front and a keyvalue provider behind it, plus `/healthz` and Prometheus `/metrics` on the same
 * port (those two paths never reach the app).
 *
 * Shutdown is graceful: from `close()` on, the HTTP provider drains (no new connections, requests
 * in flight finish) and requests still arriving on open connections are answered 503; then the
 * host and the keyvalue store close.
 */
import type { Provider } from '../host/bus.ts';
import { Host, type Delivery, type HostOptions, type RunningHost } from '../host/host.ts';
import { keyValueProvider } from '../host/providers/keyvalue.ts';
import { redisKeyValueProvider } from '../host/providers/keyvalue-redis.ts';
import { sqliteKeyValueProvider } from '../host/providers/keyvalue-sqlite.ts';
import {
  HTTPSERVER_CONTRACT,
  startHttpServer,
  type MessageTarget,
  type RequestLine,
} from '../host/providers/httpserver.ts';
import { WorkerPoolHost } from '../host/worker/pool.ts';
import type { Message } from '../host/bus.ts';
import { directResponse, JSON_HEADER } from './direct-response.ts';
import { UserError } from './errors.ts';
import { appLinks } from './serve-app.ts';
import { wasmAppLinks } from './serve-wasm.ts';
import { ServeMetrics } from './serve-metrics.ts';

export interface ServeOptions {
  /** The folder `witbus build --app` wrote, or a `.wasm` that `--compose` or `--fuse` wrote. */
  app: string;
  /** `memory`, `sqlite:<file>` or a `redis://` / `rediss://` URL. */
  kv: string;
  /** 0 picks a free port. */
  port: number;
  /** Worker threads running the app; 0 runs it on the main thread. Default: one per core. */
  workers?: number;
}

export interface RunningServe {
  url: string;
  port: number;
  app: string;
  host: RunningHost;
  /** Contracts the app sends on that no provider here serves: their calls fail with rpc-error host-error. */
  unserved: string[];
  /** Stops taking requests, finishes the ones in flight, then closes everything. */
  close(): Promise<void>;
}

type KeyValueProvider = Provider & { close?(): unknown };

/** What is wrong with a keyvalue setting (`memory`, `sqlite:<file>`, `redis://...`), or undefined. */
export function kvSettingProblem(kv: string): string | undefined {
  if (kv === 'memory' || kv.startsWith('redis://') || kv.startsWith('rediss://')) return undefined;
  if (kv.startsWith('sqlite:')) return kv === 'sqlite:' ? 'sqlite: needs a file, e.g. sqlite:counters.db' : undefined;
  return `must be memory, sqlite:<file> or a redis:// URL, not ${JSON.stringify(kv)}`;
}

/** Opens the store `--kv` names; a bad value or an unreachable store is a UserError. */
export async function openKeyValue(kv: string): Promise<KeyValueProvider> {
  const problem = kvSettingProblem(kv);
  if (problem !== undefined) throw new UserError(`error: --kv ${problem}`);
  if (kv === 'memory') return keyValueProvider();
  if (kv.startsWith('sqlite:')) {
    const file = kv.slice('sqlite:'.length);
    try {
      return sqliteKeyValueProvider({ file });
    } catch (e) {
      throw new UserError(`error: cannot open the SQLite store ${file}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  try {
    return await redisKeyValueProvider({ url: kv });
  } catch (e) {
    throw new UserError(`error: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export async function serve(options: ServeOptions): Promise<RunningServe> {
  const links = options.app.endsWith('.wasm') ? await wasmAppLinks(options.app) : await appLinks(options.app);
  // A single .wasm (or a folder built by an older witbus) does not record its receiver's contract
  // id, which config may set apart from the interface's name (the seed's `witbus:seed/httpserver`
  // is `wasmcloud:httpserver`): as the host does, the only receiver there is takes the requests.
  const only = Object.values(links.receivers);
  const httpReceiver = links.receivers[HTTPSERVER_CONTRACT] ?? (only.length === 1 ? only[0] : undefined);
  if (httpReceiver === undefined) {
    throw new UserError(
      `error: ${links.app} exports no ${HTTPSERVER_CONTRACT} interface with a receiver in ${options.app}: there is nothing to serve`,
    );
  }
  const kv = await openKeyValue(options.kv);
  const closeKv = async (): Promise<void> => void (await kv.close?.());
  const metrics = new ServeMetrics();
  const hostOptions: HostOptions = {
    components: links.components,
    receivers: { ...links.receivers, [HTTPSERVER_CONTRACT]: httpReceiver },
    providers: [metrics.counted(kv)],
  };
  let host: RunningHost;
  try {
    host =
      options.workers === 0
        ? await Host.start(hostOptions)
        : await WorkerPoolHost.start({
            ...hostOptions,
            ...(options.workers === undefined ? {} : { workers: options.workers }),
          });
  } catch (e) {
    await closeKv();
    throw new UserError(
      `error: cannot start ${links.app} from ${options.app}: ${e instanceof Error ? e.message : String(e)}`,
      { cause: e },
    );
  }
  metrics.observe(
    host,
    links.components.map((c) => c.name),
  );

  let stopping = false;
  // Requests delivered to the app → the end of their timing, which the status they were answered with completes.
  const timings = new WeakMap<RequestLine, (status: number) => void>();
  const target: MessageTarget = {
    // The provider hands over the request line: decoding the message (its whole body) for two
    // fields would cost every request a second pass on the main thread.
    // Not async: a host on the main thread answers at once, and the provider then writes the
    // answer in the same turn, with no promise in between.
    deliver(contractId: string, msg: Message, request: RequestLine): Delivery | Promise<Delivery> {
      if (request.path === '/healthz') {
        return stopping
          ? directResponse(503, JSON_HEADER, '{"status":"stopping"}')
          : directResponse(200, JSON_HEADER, '{"status":"ok"}');
      }
      if (request.path === '/metrics') {
        return metrics.registry
          .metrics()
          .then((text) => directResponse(200, [['content-type', metrics.registry.contentType]], text));
      }
      if (stopping)
        return directResponse(
          503,
          [...JSON_HEADER, ['connection', 'close']],
          '{"error":"the server is shutting down"}',
        );
      timings.set(request, metrics.request(metrics.route(request.path), request.method));
      return host.deliver(contractId, msg);
    },
    // The provider decodes each response to write it; its status comes back here, so serve never decodes one.
    answered(request: RequestLine, status: number): void {
      timings.get(request)?.(status);
    },
  };
  let server;
  try {
    server = await startHttpServer(target, { port: options.port });
  } catch (e) {
    await host.close();
    await closeKv();
    throw e;
  }
  const url = `http://127.0.0.1:${server.port}`;
  let closing: Promise<void> | undefined;
  return {
    url,
    port: server.port,
    app: links.app,
    host,
    unserved: links.sends.filter((c) => c !== kv.contractId),
    close: () =>
      (closing ??= (async () => {
        stopping = true;
        await server.close();
        await host.close();
        await closeKv();
      })()),
  };
}
