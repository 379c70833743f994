/**
 * The pooled host: the actor runs in N worker threads, each with its own instances of its
 * components, while the bus and the providers stay on the main thread. A request goes to an idle
 * worker, or waits in one queue for the first worker to become idle, so a slow request holds only
 * its own worker. A component's `send` blocks its worker until the main thread has the provider's
 * answer (send-channel.ts), so providers may answer asynchronously.
 *
 * - A trap is recovered inside its worker, as on one thread (the actor re-instantiates).
 * - A worker that dies fails only the request that was in it, with an rpc-error, and another
 *   worker takes its place.
 * - `replace` loads the new build in every worker beside the old one, and switches them only once
 *   all have it, so a build that fails to link leaves every worker on the old one.
 *
 * The scheduling is a few lines of its own rather than piscina's: piscina's workers are
 * interchangeable task runners sharing one `workerData`, while each worker here owns a send
 * channel made for it and must get every hot swap between two of its requests.
 */
import { availableParallelism } from 'node:os';
import { MessageChannel, type Worker } from 'node:worker_threads';
import type { ComponentRef, Delivery } from '../actor.ts';
import { Bus, type Message } from '../bus.ts';
import { recordTrap, type HostOptions, type RunningHost, type Trap } from '../host.ts';
import { rpcError } from '../rpc-error.ts';
import type { FromWorker, ToWorker } from './protocol.ts';
import { answerSends } from './send-channel.ts';
import { spawnWorker } from './spawn.ts';

export interface WorkerPoolOptions extends HostOptions {
  /** How many worker threads run the actor. Default: one per core (`os.availableParallelism()`). */
  workers?: number;
}

export interface WorkerPoolStats {
  /** The running workers, with whether each holds a request. */
  workers: { threadId: number; busy: boolean }[];
  /** Requests waiting for an idle worker. */
  queued: number;
  /** Workers that stopped and were replaced since the start. */
  replaced: number;
}

interface Job {
  contractId: string;
  msg: Message;
  resolve(delivery: Delivery): void;
}

interface PoolWorker {
  worker: Worker;
  threadId: number;
  ready: boolean;
  stopped: boolean;
  /** Why it stopped, when it said so before exiting. */
  error: string | undefined;
  job: Job | undefined;
  /** Component → instantiations in this worker. */
  counts: Map<string, number>;
  /** Pending prepare/commit/abort calls by id. */
  calls: Map<number, (error: string | undefined) => void>;
}

/** An error that says a worker stopped, not that a new build is bad. */
const STOPPED = '\u0000stopped';

export class WorkerPoolHost implements RunningHost {
  readonly bus: Bus;
  readonly traps: Trap[] = [];
  readonly #size: number;
  readonly #receivers: Record<string, string>;
  #components: ComponentRef[];
  /** Swaps of each component committed to `#components` so far. */
  #swaps: Record<string, number> = {};
  readonly #workers = new Set<PoolWorker>();
  readonly #queue: Job[] = [];
  #nextCall = 0;
  #replaced = 0;
  #closed = false;
  /** Why the last replacement worker failed to start; reported to requests when no worker runs. */
  #startFailure: string | undefined;

  private constructor(options: WorkerPoolOptions, size: number) {
    this.bus = new Bus(options.deadlineMs === undefined ? {} : { deadlineMs: options.deadlineMs });
    for (const p of options.providers ?? []) this.bus.register(p);
    this.#size = size;
    this.#receivers = options.receivers ?? {};
    this.#components = options.components;
  }

  static async start(options: WorkerPoolOptions): Promise<WorkerPoolHost> {
    const size = options.workers ?? availableParallelism();
    if (!Number.isSafeInteger(size) || size < 1)
      throw new Error(`workers must be a whole number of at least 1, not ${size}`);
    const pool = new WorkerPoolHost(options, size);
    const started = await Promise.allSettled(Array.from({ length: size }, () => pool.#spawn()));
    const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed !== undefined) {
      await pool.close();
      throw failed.reason;
    }
    return pool;
  }

  deliver(contractId: string, msg: Message): Promise<Delivery> {
    if (this.#closed) return Promise.resolve({ ok: false, error: rpcError('host-error', 'the host is closed') });
    return new Promise((resolve) => {
      this.#queue.push({ contractId, msg, resolve });
      this.#fill();
      this.#dispatch();
    });
  }

  /** The most instantiations of the component in any one running worker. */
  instantiations(name: string): number {
    if (!this.#components.some((c) => c.name === name)) throw new Error(`no component named ${name}`);
    return Math.max(0, ...[...this.#workers].map((w) => w.counts.get(name) ?? 0));
  }

  stats(): WorkerPoolStats {
    return {
      workers: [...this.#workers]
        .filter((w) => w.ready)
        .map((w) => ({ threadId: w.threadId, busy: w.job !== undefined })),
      queued: this.#queue.length,
      replaced: this.#replaced,
    };
  }

  /**
   * Stops one worker at once and starts another in its place; a request in it fails with an
   * rpc-error. For a worker stuck in a component (a loop that no send deadline interrupts).
   */
  async restartWorker(threadId: number): Promise<void> {
    const w = [...this.#workers].find((x) => x.threadId === threadId);
    if (w === undefined) throw new Error(`no running worker has thread id ${threadId}`);
    w.error = 'it was restarted';
    await w.worker.terminate();
  }

  async replace(name: string, dir: string): Promise<void> {
    if (!this.#components.some((c) => c.name === name)) throw new Error(`no component named ${name}`);
    const prepared = [...this.#workers].filter((w) => w.ready);
    const errors = await Promise.all(prepared.map((w) => this.#call(w, (id) => ({ type: 'prepare', id, name, dir }))));
    const error = errors.find((e) => e !== undefined && e !== STOPPED);
    if (error !== undefined) {
      await Promise.all(prepared.map((w) => this.#call(w, (id) => ({ type: 'abort', id, name }))));
      throw new Error(error);
    }
    // Workers started from here on load the new build themselves.
    this.#components = this.#components.map((c) => (c.name === name ? { name, dir } : c));
    const swap = (this.#swaps[name] = (this.#swaps[name] ?? 0) + 1);
    const committing = [...this.#workers];
    const commits = await Promise.all(
      committing.map((w) => this.#call(w, (id) => ({ type: 'commit', id, name, dir, swap }))),
    );
    // A worker started during the swap that cannot load the build it now must run is replaced.
    await Promise.all(
      committing.filter((_, i) => commits[i] !== undefined && commits[i] !== STOPPED).map((w) => w.worker.terminate()),
    );
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const job of this.#queue.splice(0))
      job.resolve({ ok: false, error: rpcError('host-error', 'the host is closed') });
    await Promise.all(
      [...this.#workers].map((w) => {
        w.error ??= 'the host was closed';
        return w.worker.terminate();
      }),
    );
  }

  /** Starts one worker; resolves once its actor is linked, rejects with the reason it could not be. */
  #spawn(): Promise<void> {
    const channel = new MessageChannel();
    const signal = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
    const worker = spawnWorker({
      components: this.#components,
      swaps: { ...this.#swaps },
      receivers: this.#receivers,
      sendPort: channel.port2,
      signal,
    });
    const w: PoolWorker = {
      worker,
      threadId: worker.threadId,
      ready: false,
      stopped: false,
      error: undefined,
      job: undefined,
      counts: new Map(),
      calls: new Map(),
    };
    this.#workers.add(w);
    answerSends(channel.port1, signal, this.bus, () => !w.stopped);
    return new Promise((resolve, reject) => {
      worker.on('message', (message: FromWorker) => {
        switch (message.type) {
          case 'ready':
            w.ready = true;
            this.#startFailure = undefined;
            resolve();
            this.#dispatch();
            return;
          case 'failed':
            w.error = message.error;
            void worker.terminate();
            return;
          case 'delivered': {
            const job = w.job;
            w.job = undefined;
            job?.resolve(message.delivery);
            this.#dispatch();
            return;
          }
          case 'done': {
            const settle = w.calls.get(message.id);
            w.calls.delete(message.id);
            settle?.(message.error);
            return;
          }
          case 'trapped':
            recordTrap(this.traps, { component: message.component, error: message.error });
            return;
          case 'instantiated':
            w.counts.set(message.component, message.count);
            return;
        }
      });
      worker.on('error', (e) => {
        w.error ??= e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      });
      worker.once('exit', (code) => {
        w.stopped = true;
        channel.port1.close();
        this.#workers.delete(w);
        const reason = w.error ?? `it exited with code ${code}`;
        for (const settle of w.calls.values()) settle(STOPPED);
        w.job?.resolve({
          ok: false,
          error: rpcError('host-error', `the worker handling ${w.job.msg.method} stopped before answering: ${reason}`),
        });
        if (!w.ready) {
          this.#startFailure = reason;
          reject(new Error(reason));
        } else if (!this.#closed) {
          this.#replaced++;
        }
        if (!this.#closed) {
          if (w.ready) this.#fill();
          this.#failIfNoWorkers();
        }
      });
    });
  }

  /** Starts workers up to the pool's size. A replacement that cannot start is retried on the next request. */
  #fill(): void {
    if (this.#closed) return;
    for (let n = this.#workers.size; n < this.#size; n++) this.#spawn().catch(() => undefined);
  }

  /** With no worker running or starting, queued requests would wait forever: fail them. */
  #failIfNoWorkers(): void {
    if (this.#workers.size > 0) return;
    const reason = this.#startFailure ?? 'no worker is running';
    for (const job of this.#queue.splice(0)) {
      job.resolve({ ok: false, error: rpcError('host-error', `no worker could start: ${reason}`) });
    }
  }

  #dispatch(): void {
    for (const w of this.#workers) {
      if (this.#queue.length === 0) return;
      if (!w.ready || w.stopped || w.job !== undefined) continue;
      const job = this.#queue.shift()!;
      w.job = job;
      const message: ToWorker = { type: 'deliver', contractId: job.contractId, msg: job.msg };
      w.worker.postMessage(message);
    }
  }

  /** Sends a control message and resolves with the worker's error, or STOPPED if it stopped first. */
  #call(w: PoolWorker, message: (id: number) => ToWorker): Promise<string | undefined> {
    if (w.stopped) return Promise.resolve(STOPPED);
    const id = this.#nextCall++;
    return new Promise((resolve) => {
      w.calls.set(id, resolve);
      w.worker.postMessage(message(id));
    });
  }
}
