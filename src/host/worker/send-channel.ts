/**
 * The blocking `send` of a component running in a worker thread: the worker posts the message on
 * its own MessagePort and sleeps in `Atomics.wait`; the main thread awaits the provider (up to the
 * link's deadline), posts the answer on that port and wakes the worker, which takes the answer off
 * the port with `receiveMessageOnPort`. The answer travels as a message, not through a fixed
 * shared buffer, so a payload of any size fits.
 *
 * Hand-written because the libraries for synchronous calls across threads (synckit, make-synchronous)
 * block the main thread on a worker; here a worker blocks on the main thread, where the providers
 * and their shared state live.
 */
import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { SendFn } from '../actor.ts';
import type { Bus } from '../bus.ts';
import { rpcError } from '../rpc-error.ts';
import type { Reply, SendRequest } from './protocol.ts';

const WAITING = 0;
const ANSWERED = 1;

/** Worker side: the `send` import, answered by the main thread. Throws the rpc-error of a failed send. */
export function blockingSend(port: MessagePort, signal: SharedArrayBuffer, current: () => number): SendFn {
  const state = new Int32Array(signal);
  return (msg, contractName, linkName) => {
    Atomics.store(state, 0, WAITING);
    const request: SendRequest = {
      seq: current(),
      msg: { method: msg.method, arg: msg.arg },
      contractName,
      linkName: linkName ?? null,
    };
    port.postMessage(request);
    Atomics.wait(state, 0, WAITING);
    const reply = receiveMessageOnPort(port)?.message as Reply | undefined;
    if (reply === undefined) throw rpcError('host-error', 'the worker was woken without an answer to its send');
    if (reply.ok) return reply.payload;
    throw reply.error;
  };
}

/**
 * Main-thread side: answers every send a worker posts on `port` through the bus. `alive` is
 * checked before answering, so the answer for a worker that has stopped is dropped. `within` runs
 * each answer in the async context of the delivery (the worker's request `seq`) that made the
 * send, so that a provider sees what that context holds (the lattice: the deadline of the request
 * being handled).
 */
export function answerSends(
  port: MessagePort,
  signal: SharedArrayBuffer,
  bus: Bus,
  alive: () => boolean,
  within: (seq: number, answer: () => void) => void,
): void {
  const state = new Int32Array(signal);
  const answer = (reply: Reply): void => {
    if (!alive()) return;
    port.postMessage(reply);
    Atomics.store(state, 0, ANSWERED);
    Atomics.notify(state, 0);
  };
  port.on('message', (request: SendRequest) =>
    within(request.seq, () => {
      // A provider that answers at once is answered in this same turn, with no promise in between.
      const reply = bus.call(request.msg, request.contractName, request.linkName);
      if (reply instanceof Promise) void reply.then(answer);
      else answer(reply);
    }),
  );
}
