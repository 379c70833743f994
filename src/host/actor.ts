/**
 * An actor: a set of transpiled components linked at run time, on one thread. Each import of a
 * component is bound to the wasmbus sender it is given or to the one other component that exports
 * that interface, through forwarders that look the callee up on every call. That indirection is
 * what makes recovery and hot swap cheap:
 *
 * - a trap poisons an instance, so the actor drops it and instantiates the component again, from
 *   already-compiled modules, on its next call;
 * - `prepare` instantiates a new build beside the old one and `commit` switches the forwarders to
 *   it between two calls, so neither its callers nor in-flight requests notice.
 *
 * Components are wired by interface, not by role, so one statically composed component with the
 * same imports and exports as a linked set runs unchanged. The single-thread host runs one actor;
 * the worker pool runs one per worker thread.
 */
import type { Message } from './bus.ts';
import { loadComponent, type ComponentExports, type ComponentImports, type LoadedComponent } from './load.ts';
import { describe, errorPayload, isRpcError, rpcError, type RpcError } from './rpc-error.ts';

export interface ComponentRef {
  name: string;
  /** A folder written by the component build (it holds `witbus-component.json`). */
  dir: string;
}

export type Delivery = { ok: true; payload: Uint8Array } | { ok: false; error: RpcError };

/** The wasmbus sender import: answers synchronously, or throws an rpc-error value. */
export type SendFn = (msg: Message, contractName: string, linkName: string | null | undefined) => Uint8Array;

/** What an actor reports as it runs (the worker pool forwards these to the main thread). */
export interface ActorObserver {
  trapped(component: string, error: string): void;
  instantiated(component: string, count: number): void;
}

export interface ActorOptions {
  components: ComponentRef[];
  /**
   * Contract id → the component whose wasmbus receiver gets that contract's messages. Without an
   * entry, a contract goes to the only component exporting a receiver.
   */
  receivers?: Record<string, string>;
  send: SendFn;
  observer: ActorObserver;
}

type Fn = (...args: unknown[]) => unknown;

interface Slot {
  name: string;
  component: LoadedComponent;
  imports: ComponentImports;
  /** Unversioned interface id → the key of that interface in `instance`. */
  exportKeys: Map<string, string>;
  /** Undefined until the first call after (re)loading or a trap. */
  instance: ComponentExports | undefined;
  instantiations: number;
}

/** A new build of one component, instantiated and checked, not yet switched to. */
export interface StagedReplacement {
  readonly name: string;
  readonly slot: Slot;
  readonly fields: Pick<Slot, 'component' | 'imports' | 'exportKeys' | 'instance'>;
}

export const unversioned = (id: string): string => {
  const at = id.indexOf('@');
  return at < 0 ? id : id.slice(0, at);
};

function exportKeysOf(component: LoadedComponent): Map<string, string> {
  return new Map(component.manifest.exports.map((id) => [unversioned(id), id]));
}

export class Actor {
  readonly #slots = new Map<string, Slot>();
  readonly #receivers: Record<string, string>;
  readonly #send: SendFn;
  readonly #observer: ActorObserver;

  private constructor(options: ActorOptions) {
    this.#receivers = options.receivers ?? {};
    this.#send = options.send;
    this.#observer = options.observer;
  }

  static async start(options: ActorOptions): Promise<Actor> {
    const actor = new Actor(options);
    const loaded = await Promise.all(
      options.components.map(async (ref) => ({ ref, component: await loadComponent(ref.dir) })),
    );
    for (const { ref, component } of loaded) {
      if (actor.#slots.has(ref.name)) throw new Error(`two components are named ${ref.name}`);
      actor.#slots.set(ref.name, {
        name: ref.name,
        component,
        imports: {},
        exportKeys: exportKeysOf(component),
        instance: undefined,
        instantiations: 0,
      });
    }
    // Providers of an interface must be instantiated before its consumers: their export objects
    // tell the forwarders which functions to offer.
    const done = new Set<string>();
    const visiting = new Set<string>();
    const visit = (slot: Slot): void => {
      if (done.has(slot.name)) return;
      if (visiting.has(slot.name)) throw new Error(`components import each other in a cycle through ${slot.name}`);
      visiting.add(slot.name);
      for (const imp of slot.component.manifest.imports) {
        if (imp === slot.component.manifest.wasmbus.sender) continue;
        const provider = actor.#providerOf(imp, slot.name);
        if (provider !== undefined) visit(provider);
      }
      slot.imports = actor.#importsFor(slot.component, slot.name);
      actor.#instance(slot);
      visiting.delete(slot.name);
      done.add(slot.name);
    };
    for (const slot of actor.#slots.values()) visit(slot);
    for (const [contractId, name] of Object.entries(actor.#receivers)) {
      if (actor.#slot(name).component.manifest.wasmbus.receiver === undefined) {
        throw new Error(`${name} cannot receive ${contractId}: it exports no wasmbus receiver`);
      }
    }
    return actor;
  }

  /** How many times a component has been instantiated (1 unless it trapped or was replaced). */
  instantiations(name: string): number {
    return this.#slot(name).instantiations;
  }

  /** Hands a message to the receiver linked for `contractId` (see `ActorOptions.receivers`). */
  deliver(contractId: string, msg: Message): Delivery {
    const name = this.#receivers[contractId] ?? this.#soleReceiver();
    if (name === undefined) {
      return { ok: false, error: rpcError('host-error', `no component receives messages for ${contractId}`) };
    }
    try {
      const slot = this.#slot(name);
      const payload = this.#call(slot, slot.component.manifest.wasmbus.receiver!, 'receive', [msg]) as Uint8Array;
      return { ok: true, payload };
    } catch (e) {
      const err = errorPayload(e);
      if (err !== undefined && isRpcError(err.payload)) return { ok: false, error: err.payload };
      return { ok: false, error: rpcError('host-error', `${name} failed: ${describe(err?.payload ?? e)}`) };
    }
  }

  /**
   * Loads and instantiates another build of a running component, and checks that it exports every
   * interface the old one did, with every function its consumers were linked to. Nothing changes
   * until `commit`, so a failure leaves the old one running.
   */
  async prepare(name: string, dir: string): Promise<StagedReplacement> {
    const slot = this.#slot(name);
    const component = await loadComponent(dir);
    const imports = this.#importsFor(component, name);
    const instance = component.instantiate(imports);
    const exportKeys = exportKeysOf(component);
    const dropped = [...slot.exportKeys.keys()].filter((iface) => !exportKeys.has(iface));
    if (dropped.length > 0) throw new Error(`the new ${name} does not export ${dropped.join(', ')}`);
    for (const consumer of this.#slots.values()) {
      for (const [iface, fns] of Object.entries(consumer.imports)) {
        if (iface === consumer.component.manifest.wasmbus.sender || this.#providerOf(iface, consumer.name) !== slot)
          continue;
        const provided = instance[exportKeys.get(iface) ?? ''];
        const missing = Object.keys(fns).filter((f) => typeof provided?.[f] !== 'function');
        if (missing.length > 0) {
          throw new Error(`the new ${name} lacks ${iface} functions that ${consumer.name} uses: ${missing.join(', ')}`);
        }
      }
    }
    return { name, slot, fields: { component, imports, exportKeys, instance } };
  }

  /** Switches to a prepared build; calls from then on reach it. */
  commit(staged: StagedReplacement): void {
    if (this.#slots.get(staged.name) !== staged.slot) throw new Error(`${staged.name} was not prepared by this actor`);
    Object.assign(staged.slot, staged.fields);
    staged.slot.instantiations++;
    this.#observer.instantiated(staged.name, staged.slot.instantiations);
  }

  #slot(name: string): Slot {
    const slot = this.#slots.get(name);
    if (slot === undefined) throw new Error(`no component named ${name}`);
    return slot;
  }

  #soleReceiver(): string | undefined {
    const receivers = [...this.#slots.values()].filter((s) => s.component.manifest.wasmbus.receiver !== undefined);
    return receivers.length === 1 ? receivers[0]!.name : undefined;
  }

  /** The component exporting `iface` to `consumer` (the wasmbus sender is the host's, not asked here). */
  #providerOf(iface: string, consumer: string): Slot {
    const candidates = [...this.#slots.values()].filter((s) => s.name !== consumer && s.exportKeys.has(iface));
    if (candidates.length === 1) return candidates[0]!;
    const which =
      candidates.length === 0
        ? 'no component exports it'
        : `${candidates.map((s) => s.name).join(' and ')} both export it`;
    throw new Error(`cannot link ${consumer}'s import ${iface}: ${which}`);
  }

  #importsFor(component: LoadedComponent, name: string): ComponentImports {
    const imports: ComponentImports = {};
    for (const iface of component.manifest.imports) {
      if (iface === component.manifest.wasmbus.sender) {
        imports[iface] = { send: this.#send as Fn };
        continue;
      }
      const provider = this.#providerOf(iface, name);
      const current = this.#instance(provider)[provider.exportKeys.get(iface)!]!;
      imports[iface] = Object.fromEntries(
        Object.keys(current).map((fn) => [fn, (...args: unknown[]) => this.#call(provider, iface, fn, args)]),
      );
    }
    return imports;
  }

  #instance(slot: Slot): ComponentExports {
    if (slot.instance === undefined) {
      slot.instance = slot.component.instantiate(slot.imports);
      slot.instantiations++;
      this.#observer.instantiated(slot.name, slot.instantiations);
    }
    return slot.instance;
  }

  #call(slot: Slot, iface: string, fn: string, args: unknown[]): unknown {
    const f = this.#instance(slot)[slot.exportKeys.get(iface) ?? '']?.[fn];
    if (f === undefined) throw new Error(`${slot.name} does not export ${iface}#${fn}`);
    try {
      return f(...args);
    } catch (e) {
      // An err result is a normal answer; anything else means the instance is unusable now.
      if (errorPayload(e) === undefined) {
        slot.instance = undefined;
        this.#observer.trapped(slot.name, describe(e));
      }
      throw e;
    }
  }
}
