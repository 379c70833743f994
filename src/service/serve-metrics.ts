/**
 * `witbus serve`'s Prometheus metrics (prom-client, in a registry of its own): HTTP requests and
 * their latency by route, bus messages by contract and outcome, traps, re-instantiations and the
 * worker pool's state. The host's state is read when Prometheus scrapes.
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Provider } from '../host/bus.ts';
import type { RunningHost, Trap } from '../host/host.ts';
import { isRpcError } from '../host/rpc-error.ts';
import type { WorkerPoolHost } from '../host/worker/pool.ts';

/** Routes get a label of their own up to this many; later ones are counted as `other`. */
const MAX_ROUTES = 100;

export class ServeMetrics {
  readonly registry = new Registry();
  readonly #requests: Counter<'route' | 'method' | 'status'>;
  readonly #latency: Histogram<'route' | 'method'>;
  readonly #messages: Counter<'contract' | 'outcome'>;
  readonly #routes = new Set<string>();

  constructor() {
    const registers = [this.registry];
    this.#requests = new Counter({
      name: 'witbus_http_requests_total',
      help: 'HTTP requests answered, by route, method and status',
      labelNames: ['route', 'method', 'status'],
      registers,
    });
    this.#latency = new Histogram({
      name: 'witbus_http_request_duration_seconds',
      help: 'Time from delivering an HTTP request to its answer, by route and method',
      labelNames: ['route', 'method'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.#messages = new Counter({
      name: 'witbus_bus_messages_total',
      help: 'Messages answered by providers, by contract and outcome (ok or the rpc-error tag)',
      labelNames: ['contract', 'outcome'],
      registers,
    });
  }

  /** Adds the host's own series: traps, re-instantiations of these components, and the pool's state. */
  observe(host: RunningHost, components: string[]): void {
    const registers = [this.registry];
    // The host keeps only its latest traps: count the ones not seen before at each scrape.
    const seen = new WeakSet<Trap>();
    const traps = new Counter({
      name: 'witbus_traps_total',
      help: 'Component traps (each re-instantiates the component)',
      registers,
    });
    const countTraps = (): void => {
      for (const trap of host.traps) {
        if (seen.has(trap)) continue;
        seen.add(trap);
        traps.inc();
      }
    };
    new Gauge({
      name: 'witbus_component_reinstantiations',
      help: 'Times a component was instantiated again after a trap or a hot swap (the most in any worker)',
      labelNames: ['component'],
      registers,
      collect() {
        countTraps();
        for (const name of components) this.set({ component: name }, Math.max(0, host.instantiations(name) - 1));
      },
    });
    if ('stats' in host) this.#poolMetrics(host as WorkerPoolHost);
  }

  #poolMetrics(pool: WorkerPoolHost): void {
    const registers = [this.registry];
    new Gauge({
      name: 'witbus_workers',
      help: 'Worker threads running the app, by state',
      labelNames: ['state'],
      registers,
      collect() {
        const { workers } = pool.stats();
        const busy = workers.filter((w) => w.busy).length;
        this.set({ state: 'busy' }, busy);
        this.set({ state: 'idle' }, workers.length - busy);
      },
    });
    new Gauge({
      name: 'witbus_worker_queue_length',
      help: 'Requests waiting for an idle worker',
      registers,
      collect() {
        this.set(pool.stats().queued);
      },
    });
    new Gauge({
      name: 'witbus_workers_replaced',
      help: 'Workers that stopped and were replaced since the start',
      registers,
      collect() {
        this.set(pool.stats().replaced);
      },
    });
  }

  /** The route label of a path: its first segment (`/hello/you` → `/hello`), bounded in number. */
  route(path: string): string {
    const route = `/${path.split('/')[1] ?? ''}`;
    if (this.#routes.has(route)) return route;
    if (this.#routes.size >= MAX_ROUTES) return 'other';
    this.#routes.add(route);
    return route;
  }

  /** Starts timing a request; call the result with its status when it is answered. */
  request(route: string, method: string): (status: number) => void {
    const end = this.#latency.startTimer({ route, method });
    return (status) => {
      end();
      this.#requests.inc({ route, method, status: String(status) });
    };
  }

  /** The provider, counting each answer by outcome. */
  counted<P extends Provider>(provider: P): P {
    const count = (outcome: string): void => this.#messages.inc({ contract: provider.contractId, outcome });
    // The bus turns any failure that is not an rpc-error into rpc-error `rpc`.
    const failed = (e: unknown): never => {
      count(isRpcError(e) ? e.tag : 'rpc');
      throw e;
    };
    return {
      ...provider,
      handle: (method: string, arg: Uint8Array) => {
        let answer: Uint8Array | Promise<Uint8Array>;
        try {
          answer = provider.handle(method, arg);
        } catch (e) {
          return failed(e);
        }
        if (!(answer instanceof Promise)) {
          count('ok');
          return answer;
        }
        return answer.then((payload) => {
          count('ok');
          return payload;
        }, failed);
      },
    };
  }
}
