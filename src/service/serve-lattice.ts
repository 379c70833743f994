/**
 * `witbus serve <app> --nats <url>`: an actor host with no local providers. The app's sends go to
 * the lattice (`wasmbus.rpc.<lattice>.<contract>.<link>`, on the link its config gave each sender,
 * `default` when none), and every contract it receives is served from the lattice on `link`, in
 * the subject's queue group, so that replicas of this host share the requests: the HTTP requests
 * of `witbus provider httpserver` among them.
 *
 * The app runs in worker threads: a component's send must wait for an answer from the network,
 * which only a worker can do without stopping the process.
 */
import { readManifest } from '../component/build.ts';
import { DEFAULT_DEADLINE_MS, DEFAULT_LINK } from '../host/bus.ts';
import { WorkerPoolHost } from '../host/worker/pool.ts';
import type { RunningHost } from '../host/host.ts';
import type { Lattice, Served } from '../lattice/lattice.ts';
import { UserError } from './errors.ts';
import { deadlineOption, joinLattice, type LatticeAddress } from './provider.ts';
import { appLinks, contractOf, type AppLinks } from './serve-app.ts';

export interface LatticeServeOptions extends LatticeAddress {
  app: string;
  /** Worker threads running the app, at least 1. Default: one per core. */
  workers?: number;
  /** How long a send waits for its answer from the lattice, in milliseconds. Default 30000. */
  deadlineMs?: number;
}

export interface RunningLatticeServe {
  app: string;
  host: RunningHost;
  /** The subjects this host answers. */
  subjects: string[];
  /** The subjects the app's sends go to. */
  sends: string[];
  /** Stops taking requests, finishes those being handled, then stops the app and leaves the lattice. */
  close(): Promise<void>;
}

interface Route {
  contractId: string;
  linkName: string;
}

/** The contract and link of each of the app's senders, as their manifests record them. */
async function sendRoutes(links: AppLinks): Promise<Route[]> {
  const routes = new Map<string, Route>();
  for (const { dir } of links.components) {
    const manifest = await readManifest(dir);
    if (manifest?.wasmbus.sender === undefined || manifest.wasmbus.receiver !== undefined) continue;
    const linkName = manifest.link ?? DEFAULT_LINK;
    for (const contractId of manifest.contract ? [manifest.contract] : manifest.exports.map(contractOf))
      routes.set(`${contractId}\u0000${linkName}`, { contractId, linkName });
  }
  return [...routes.values()];
}

export async function serveOnLattice(options: LatticeServeOptions): Promise<RunningLatticeServe> {
  const deadlineMs = deadlineOption(options.deadlineMs) ?? DEFAULT_DEADLINE_MS;
  if (options.workers === 0)
    throw new UserError('error: --nats needs worker threads (--workers 1 or more): sends wait for the network');
  const links = await appLinks(options.app);
  const received = Object.keys(links.receivers);
  if (received.length === 0)
    throw new UserError(
      `error: ${links.app} in ${options.app} receives no contract: there is nothing to serve on the lattice`,
    );
  const routes = await sendRoutes(links);
  const lattice: Lattice = await joinLattice(options, `witbus serve ${links.app}`);
  let host: RunningHost;
  try {
    host = await WorkerPoolHost.start({
      components: links.components,
      receivers: links.receivers,
      providers: routes.map((r) => lattice.remote(r.contractId, r.linkName, deadlineMs)),
      ...(options.workers === undefined ? {} : { workers: options.workers }),
    });
  } catch (e) {
    await lattice.close();
    throw new UserError(
      `error: cannot start ${links.app} from ${options.app}: ${e instanceof Error ? e.message : String(e)}`,
      {
        cause: e,
      },
    );
  }
  let served: Served[];
  try {
    served = await Promise.all(
      received.map((contractId) =>
        lattice.serve({
          contractId,
          linkName: options.link ?? DEFAULT_LINK,
          handle: async (method, arg) => {
            const delivery = await host.deliver(contractId, { method, arg });
            if (!delivery.ok) throw delivery.error;
            return delivery.payload;
          },
        }),
      ),
    );
  } catch (e) {
    await host.close();
    await lattice.close();
    throw e;
  }
  let closing: Promise<void> | undefined;
  return {
    app: links.app,
    host,
    subjects: served.map((s) => s.subject),
    sends: routes.map((r) => lattice.subject(r.contractId, r.linkName)),
    close: () =>
      (closing ??= (async () => {
        // Leaving the queue group first: the requests not yet taken go to the other replicas, and
        // those being handled are answered (or given up) before the host closes.
        await Promise.all(served.map((s) => s.close()));
        await host.close();
        await lattice.close();
      })()),
  };
}
