/**
 * A worker thread of the pool: runs its own instances of the actor's components and answers the
 * pool's messages one at a time. A component's `send` blocks only this thread (send-channel.ts).
 * Anything that escapes here ends the thread; the pool then fails the request that was in it and
 * starts another worker.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Actor, type StagedReplacement } from '../actor.ts';
import { describe } from '../rpc-error.ts';
import { claimed, type FromWorker, type ToWorker, type WorkerSetup } from './protocol.ts';
import { blockingSend } from './send-channel.ts';

const setup = workerData as WorkerSetup;
const port = parentPort!;
const post = (message: FromWorker): void => port.postMessage(message);
const errorText = (e: unknown): string => (e instanceof Error ? e.message : describe(e));

/**
 * The swaps of each component this worker's builds include. A worker started during a swap
 * already has its build; a folder is no test of that, since a component may be rebuilt in place.
 */
const swaps = new Map(Object.entries(setup.swaps));
const staged = new Map<string, StagedReplacement>();
const claims = new Int32Array(setup.claims);
/** The request being run, which the sends it makes carry. */
let running = 0;

async function main(): Promise<void> {
  let actor: Actor;
  try {
    actor = await Actor.start({
      components: setup.components,
      receivers: setup.receivers,
      send: blockingSend(setup.sendPort, setup.signal, () => running),
      observer: {
        trapped: (component, error) => post({ type: 'trapped', component, error }),
        instantiated: (component, count) => post({ type: 'instantiated', component, count }),
      },
    });
  } catch (e) {
    post({ type: 'failed', error: errorText(e) });
    return;
  }

  const replace = async (id: number, work: () => Promise<void> | void): Promise<void> => {
    try {
      await work();
      post({ type: 'done', id });
    } catch (e) {
      post({ type: 'done', id, error: errorText(e) });
    }
  };

  port.on('message', (message: ToWorker) => {
    switch (message.type) {
      case 'deliver':
        // Taken back by the main thread, which gave it to an idle worker while this one was busy.
        if (!claimed(claims, message.slot, message.seq, 'worker')) return;
        running = message.seq;
        post({ type: 'delivered', seq: message.seq, delivery: actor.deliver(message.contractId, message.msg) });
        return;
      case 'prepare':
        // Deliveries keep running on the current build while the new one loads.
        void replace(message.id, async () => {
          staged.set(message.name, await actor.prepare(message.name, message.dir));
        });
        return;
      case 'commit':
        void replace(message.id, async () => {
          if (message.swap <= (swaps.get(message.name) ?? 0)) return;
          const ready = staged.get(message.name) ?? (await actor.prepare(message.name, message.dir));
          staged.delete(message.name);
          actor.commit(ready);
          swaps.set(message.name, message.swap);
        });
        return;
      case 'abort':
        void replace(message.id, () => void staged.delete(message.name));
        return;
    }
  });
  post({ type: 'ready' });
}

void main();
