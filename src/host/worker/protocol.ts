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
  /** The claim words of the worker's job slots (see `claimed`). */
  claims: SharedArrayBuffer;
}

/**
 * How many requests a worker holds at once: the one it runs and the next, so that it never waits
 * for the main thread between two requests.
 */
export const JOBS_PER_WORKER = 2;

/**
 * A request handed to a worker sits in one of its slots, whose claim word is `2 * seq` until the
 * worker takes it (`2 * seq + 1`) or the main thread takes it back to run elsewhere (0). Whoever
 * changes the word first has the request; a worker skips a request it finds taken back. Sequence
 * numbers count each worker's requests, wrapping below 2^29 so that the words fit an Int32.
 */
export const pending = (seq: number): number => 2 * seq;
export const nextSeq = (seq: number): number => (seq % (1 << 29)) + 1;

/** Claims a pending request; false when the main thread has taken it back. */
export function claimed(claims: Int32Array, slot: number, seq: number, by: 'worker' | 'main'): boolean {
  return Atomics.compareExchange(claims, slot, pending(seq), by === 'worker' ? pending(seq) + 1 : 0) === pending(seq);
}

export type ToWorker =
  | { type: 'deliver'; slot: number; seq: number; contractId: string; msg: Message }
  | { type: 'prepare'; id: number; name: string; dir: string }
  | { type: 'commit'; id: number; name: string; dir: string; swap: number }
  | { type: 'abort'; id: number; name: string };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'failed'; error: string }
  | { type: 'delivered'; seq: number; delivery: Delivery }
  | { type: 'done'; id: number; error?: string }
  | { type: 'trapped'; component: string; error: string }
  | { type: 'instantiated'; component: string; count: number };

/** A component's `send`, as the worker posts it on its send channel; answered with a `Reply`. */
export interface SendRequest {
  /** The request of the worker's that is sending. */
  seq: number;
  msg: Message;
  contractName: string;
  linkName: string | null;
}

export type { Reply };
