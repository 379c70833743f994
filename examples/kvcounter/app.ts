/** Starts kvcounter in a host (its three components, or the one composed or fused), a keyvalue store and an HTTP port. */
import { join } from 'node:path';
import type { Provider } from '../../src/host/bus.ts';
import { Host, type HostOptions, type RunningHost } from '../../src/host/host.ts';
import { WorkerPoolHost } from '../../src/host/worker/pool.ts';
import { keyValueProvider, type KeyValueStore } from '../../src/host/providers/keyvalue.ts';
import { HTTPSERVER_CONTRACT, startHttpServer, type RunningHttpServer } from '../../src/host/providers/httpserver.ts';
import { formComponents, MODERN, type KvcounterForm, type KvcounterSet } from './components.ts';

export interface KvcounterOptions {
  /** The build output folder holding one folder per component. */
  componentsDir: string;
  port: number;
  /** Replaces the in-memory keyvalue provider (tests pass failing ones). */
  keyvalue?: Provider;
  /** Worker threads running the components; 0 runs them on the main thread. Default: one per core. */
  workers?: number;
  /** The deadline of a keyvalue answer, in milliseconds, unless the provider sets its own. Default 30000. */
  deadlineMs?: number;
  /** Which build of kvcounter: on the modern contracts (default) or on the seed's own WIT. */
  set?: KvcounterSet;
  /** Linked at run time (default), composed or fused: see KvcounterForm. */
  form?: KvcounterForm;
}

export interface RunningKvcounter {
  host: RunningHost;
  server: RunningHttpServer;
  /** The in-memory store, unless `keyvalue` replaced it. */
  store: KeyValueStore | undefined;
  url: string;
  close(): Promise<void>;
}

export async function startKvcounter(options: KvcounterOptions): Promise<RunningKvcounter> {
  const memory = options.keyvalue === undefined ? keyValueProvider() : undefined;
  const { names, receiver } = formComponents(options.form ?? 'linked', options.set ?? MODERN);
  const hostOptions: HostOptions = {
    components: names.map((name) => ({ name, dir: join(options.componentsDir, name) })),
    providers: [options.keyvalue ?? memory!],
    receivers: { [HTTPSERVER_CONTRACT]: receiver },
    ...(options.deadlineMs === undefined ? {} : { deadlineMs: options.deadlineMs }),
  };
  const host =
    options.workers === 0
      ? await Host.start(hostOptions)
      : await WorkerPoolHost.start({
          ...hostOptions,
          ...(options.workers === undefined ? {} : { workers: options.workers }),
        });
  const server = await startHttpServer(host, { port: options.port });
  return {
    host,
    server,
    store: memory?.store,
    url: `http://127.0.0.1:${server.port}`,
    close: async () => {
      await server.close();
      await host.close();
    },
  };
}
