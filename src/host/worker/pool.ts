/**
 * The pooled host: the actor runs in N worker threads, each with its own instances of its
 * components, while the bus and the providers stay on the main thread. A request goes to an idle
 * worker; when none is idle, each busy worker is handed one more, which it starts as soon as it
 * has answered (sparing a round trip to the main thread between two requests), and the rest wait
 * in one queue. A request waiting behind another in a worker is older than any queued: a worker
 * that is idle, or that has answered a whole request while that one ran, takes it back before any
 * queued one, so a slow request holds only its own worker. A
 * component's `send` blocks its worker until the main thread has the provider's answer
 * (send-channel.ts), so providers may answer asynchronously.
 *
 * - A trap is recovered inside its worker, as on one thread (the actor re-instantiates).
 * - A worker that dies fails only the request that was in it, with an rpc-error (those it had not
 *   started go to other workers), and another worker takes its place.
 * - `replace` loads the new build in every worker beside the old one, and switches them only once
 *   all have it, so a build that fails to link leaves every worker on the old one.
 *
 * The scheduling is a few lines of its own rather than piscina's: piscina's workers are
 * interchangeable task runners sharing one `workerData`, while each worker here owns a send
 * channel made for it and must get every hot swap between two of its requests.
 */
import { AsyncResource } from 'node:async_hooks';
import { availableParallelism } from 'node:os';
import { MessageChannel, type Worker } from 'node:worker_threads';
import type { ComponentRef, Delivery } from '../actor.ts';
import { Bus, type Message } from '../bus.ts';
import { recordTrap, type HostOptions, type RunningHost, type Trap } from '../host.ts';
import { rpcError } from '../rpc-error.ts';
import { claimed, JOBS_PER_WORKER, nextSeq, pending, type FromWorker, type ToWorker } from './protocol.ts';
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
  /** The async context `deliver` was called in, where the sends of this delivery are answered. */
  scope: AsyncResource;
}

/** A request handed to a worker: in which of its slots, under which sequence number. */
interface HeldJob {
  job: Job;
  slot: number;
  seq: number;
}

interface PoolWorker {
  worker: Worker;
  threadId: number;
  ready: boolean;
  stopped: boolean;
  /** Why it stopped, when it said so before exiting. */
  error: string | undefined;
  /**
   * Its requests, oldest first: the one it runs (if it has taken one) and those waiting in its
   * message queue (at most JOBS_PER_WORKER in all). It takes them in this order.
   */
  jobs: HeldJob[];
  /** The claim words of its slots (protocol.ts). */
  claims: Int32Array;
  /** The sequence number of its latest request. */
  seq: number;
  /** When (in the pool's ticks) the request it runs became its first, as the main thread saw it; -1 before any. */
  began: number;
  /** When the request before that one began: -1 before its second request. */
  previous: number;
  /** Component → instantiations in this worker. */
  counts: Map<string, number>;
  /** Pending prepare/commit/abort calls by id. */
  calls: Map<number, (error: string | undefined) => void>;
}

const CLOSED: Delivery = { ok: false, error: rpcError('host-error', 'the host is closed') };

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
  /** Orders the starts of the workers' requests (`PoolWorker.began`). */
  #ticks = 0;
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
    if (this.#closed) return Promise.resolve(CLOSED);
    return new Promise((resolve) => {
      this.#queue.push({ contractId, msg, resolve, scope: new AsyncResource('WitbusDelivery') });
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
        .map((w) => ({ threadId: w.threadId, busy: w.jobs.length > 0 })),
      // A worker runs one request at a time: the others it holds are waiting too.
      queued: this.#queue.length + [...this.#workers].reduce((n, w) => n + Math.max(0, w.jobs.length - 1), 0),
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
    for (const job of this.#queue.splice(0)) job.resolve(CLOSED);
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
    const claims = new SharedArrayBuffer(JOBS_PER_WORKER * Int32Array.BYTES_PER_ELEMENT);
    const worker = spawnWorker({
      components: this.#components,
      swaps: { ...this.#swaps },
      receivers: this.#receivers,
      sendPort: channel.port2,
      signal,
      claims,
    });
    const w: PoolWorker = {
      worker,
      threadId: worker.threadId,
      ready: false,
      stopped: false,
      error: undefined,
      jobs: [],
      claims: new Int32Array(claims),
      seq: 0,
      began: -1,
      previous: -1,
      counts: new Map(),
      calls: new Map(),
    };
    this.#workers.add(w);
    answerSends(
      channel.port1,
      signal,
      this.bus,
      () => !w.stopped,
      (seq, answer) => {
        const held = w.jobs.find((h) => h.seq === seq);
        if (held === undefined) answer();
        else held.job.scope.runInAsyncScope(answer);
      },
    );
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
            const at = w.jobs.findIndex((h) => h.seq === message.seq);
            if (at >= 0) w.jobs.splice(at, 1)[0]!.job.resolve(message.delivery);
            // It takes its next request at once; one that goes idle begins when it is handed one.
            if (at === 0 && w.jobs.length > 0) this.#begin(w);
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
        // The request it had taken fails; those it had not are run by another worker.
        const untaken: Job[] = [];
        for (const { job, slot, seq } of w.jobs.splice(0)) {
          if (claimed(w.claims, slot, seq, 'main')) untaken.push(job);
          else
            job.resolve({
              ok: false,
              error: rpcError(
                'host-error',
                `the worker handling ${job.msg.method} stopped before answering: ${reason}`,
              ),
            });
        }
        if (this.#closed) for (const job of untaken) job.resolve(CLOSED);
        else this.#queue.unshift(...untaken);
        if (!w.ready) {
          this.#startFailure = reason;
          reject(new Error(reason));
        } else if (!this.#closed) {
          this.#replaced++;
        }
        if (!this.#closed) {
          if (w.ready) this.#fill();
          this.#failIfNoWorkers();
          this.#dispatch();
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

  /**
   * Hands requests to the workers: first one to each idle worker, then one more to each busy one,
   * which it takes as soon as it has answered, without waiting for the main thread. Each takes
   * back a request waiting behind another worker's (older than any queued) before a queued one,
   * so a slow request holds only itself; the worker it came from is then handed a queued one.
   */
  #dispatch(): void {
    for (let held = 0; held < JOBS_PER_WORKER; held++) {
      // The worker that started its current request last goes first: it is the one that may take
      // back a request, and takes a queued one instead of one just handed to another worker.
      for (const w of [...this.#workers].sort((a, b) => b.began - a.began)) {
        if (!w.ready || w.stopped || w.jobs.length !== held) continue;
        const job = this.#takeBack(w) ?? this.#queue.shift();
        // Stopping here misses no take-back: a busy worker that may take back from another began
        // after it, so came before it whenever a request was handed there, and was first in the
        // order when it last began; it has been offered each request it may take back.
        if (job === undefined) return;
        this.#hand(w, job);
      }
    }
  }

  #hand(w: PoolWorker, job: Job): void {
    if (w.jobs.length === 0) this.#begin(w);
    const used = new Set(w.jobs.map((h) => h.slot));
    let slot = 0;
    while (used.has(slot)) slot++;
    const seq = (w.seq = nextSeq(w.seq));
    Atomics.store(w.claims, slot, pending(seq));
    w.jobs.push({ job, slot, seq });
    const message: ToWorker = { type: 'deliver', slot, seq, contractId: job.contractId, msg: job.msg };
    w.worker.postMessage(message);
  }

  /** Notes that the worker starts its next request (when the main thread sees it do so). */
  #begin(w: PoolWorker): void {
    w.previous = w.began;
    w.began = this.#ticks++;
  }

  /**
   * A request for `to`, taken back from another worker where it waits behind the request that
   * worker runs, unless that one has just started it; the longest running first. A busy `to` takes
   * one back only from a worker still running a request that began before `to`'s previous one: that
   * request is slower than a whole one of `to`'s. Requests that take about as long stay where they
   * are, each worker starting its next without a round trip, and none passes back and forth.
   */
  #takeBack(to: PoolWorker): Job | undefined {
    const from = [...this.#workers]
      .filter((w) => w !== to && w.jobs.length > 1 && (to.jobs.length === 0 || w.began < to.previous))
      .sort((a, b) => a.began - b.began);
    for (const w of from) {
      for (let i = 1; i < w.jobs.length; i++) {
        const { job, slot, seq } = w.jobs[i]!;
        if (claimed(w.claims, slot, seq, 'main')) {
          w.jobs.splice(i, 1);
          return job;
        }
      }
    }
    return undefined;
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
