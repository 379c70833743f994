/**
 * The single-thread host: one actor (see actor.ts) on the calling thread, its `send` import
 * answered synchronously by the bus. Every request runs on the event loop, one at a time, so it
 * suits tests and tiny deployments; a provider that answers with a promise cannot be waited for
 * here (its callers get an rpc-error saying so). `WorkerPoolHost` runs the same actor in worker
 * threads instead; both are `RunningHost`s.
 */
import { Actor, type ComponentRef, type Delivery } from './actor.ts';
import { Bus, type Message, type Provider } from './bus.ts';

export { unversioned } from './actor.ts';
export type { ComponentRef, Delivery } from './actor.ts';

const MAX_TRAPS_KEPT = 100;

export interface HostOptions {
  components: ComponentRef[];
  providers?: Provider[];
  /**
   * Contract id → the component whose wasmbus receiver gets that contract's messages. Without an
   * entry, a contract goes to the only component exporting a receiver.
   */
  receivers?: Record<string, string>;
  /** The deadline of every link whose provider sets none, in milliseconds. Default 30000. */
  deadlineMs?: number;
}

export interface Trap {
  component: string;
  error: string;
}

/** What the HTTP provider, apps and operators use, whichever way the actor runs. */
export interface RunningHost {
  readonly bus: Bus;
  /** The latest traps (at most 100), oldest first: tests and operators read these. */
  readonly traps: readonly Trap[];
  /** Hands a message to the receiver linked for `contractId` (see `HostOptions.receivers`). */
  deliver(contractId: string, msg: Message): Delivery | Promise<Delivery>;
  /**
   * Swaps in another build of a running component. The new build must export every interface the
   * old one did, with every function its consumers were linked to; a failure leaves the old one
   * running.
   */
  replace(name: string, dir: string): Promise<void>;
  /** How many times a component has been instantiated (1 unless it trapped or was replaced). */
  instantiations(name: string): number;
  close(): Promise<void>;
}

/** Appends a trap, keeping the latest MAX_TRAPS_KEPT. */
export function recordTrap(traps: Trap[], trap: Trap): void {
  traps.push(trap);
  if (traps.length > MAX_TRAPS_KEPT) traps.shift();
}

export class Host implements RunningHost {
  readonly bus: Bus;
  readonly traps: Trap[];
  readonly #actor: Actor;

  private constructor(bus: Bus, actor: Actor, traps: Trap[]) {
    this.bus = bus;
    this.#actor = actor;
    this.traps = traps;
  }

  static async start(options: HostOptions): Promise<Host> {
    const bus = new Bus(options.deadlineMs === undefined ? {} : { deadlineMs: options.deadlineMs });
    for (const p of options.providers ?? []) bus.register(p);
    const traps: Trap[] = [];
    const actor = await Actor.start({
      components: options.components,
      ...(options.receivers === undefined ? {} : { receivers: options.receivers }),
      send: (msg, contractName, linkName) => bus.send(msg, contractName, linkName),
      observer: { trapped: (component, error) => recordTrap(traps, { component, error }), instantiated: () => undefined },
    });
    return new Host(bus, actor, traps);
  }

  instantiations(name: string): number {
    return this.#actor.instantiations(name);
  }

  deliver(contractId: string, msg: Message): Delivery {
    return this.#actor.deliver(contractId, msg);
  }

  async replace(name: string, dir: string): Promise<void> {
    this.#actor.commit(await this.#actor.prepare(name, dir));
  }

  /** Nothing runs outside calls on this thread, so there is nothing to stop. */
  async close(): Promise<void> {}
}
