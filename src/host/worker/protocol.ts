/** The messages between the worker pool (main thread) and its worker threads. */
import type { ComponentRef, Delivery } from '../actor.ts';
import type { MessagePort } from 'node:worker_threads';
import type { Message, Reply } from '../bus.ts';

/** What every worker is started with. */
export interface WorkerSetup {
  components: ComponentRef[];
  /**
   * How many swaps of each component `components` already has (none: 0): a worker started during
   * a swap needs no commit of it.
   */
  swaps: Record<string, number>;
  receivers: Record<string, string>;
  /** The worker's end of its send channel (see send-channel.ts). */
  sendPort: MessagePort;
  /** One Int32: 0 while a send waits for its answer, 1 once the answer is on `sendPort`. */
  signal: SharedArrayBuffer;
}

export type ToWorker =
  | { type: 'deliver'; contractId: string; msg: Message }
  | { type: 'prepare'; id: number; name: string; dir: string }
  | { type: 'commit'; id: number; name: string; dir: string; swap: number }
  | { type: 'abort'; id: number; name: string };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'failed'; error: string }
  | { type: 'delivered'; delivery: Delivery }
  | { type: 'done'; id: number; error?: string }
  | { type: 'trapped'; component: string; error: string }
  | { type: 'instantiated'; component: string; count: number };

/** A component's `send`, as the worker posts it on its send channel; answered with a `Reply`. */
export interface SendRequest {
  msg: Message;
  contractName: string;
  linkName: string | null;
}

export type { Reply };
