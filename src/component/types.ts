/** What a component build takes and produces. */

/** `sm`: StarlingMonkey through componentize-js; `quickjs`: componentize-qjs. */
export type Backend = 'sm' | 'quickjs';

export const BACKENDS: readonly Backend[] = ['sm', 'quickjs'];

export interface ComponentSpec {
  /** The output folder name and the transpiled module's name, e.g. `keyvalue-sender`. */
  name: string;
  /** The TypeScript or JavaScript entry module. */
  sourcePath: string;
  /** A WIT file or folder (with `deps/`) holding `world`. */
  witPath: string;
  world: string;
  backend: Backend;
  /** For an adapter: the wasmbus contract id it sends or receives on (`wasmcloud:keyvalue`). */
  contractId?: string;
  /** For a sender: the link it sends on, when config names one. */
  linkName?: string;
  /** WIT imports the guest satisfies itself: specifier → the source of the JS module bundled in its place. */
  witModules?: Record<string, string>;
}

/** Written as `witbus-component.json` next to the transpiled files. */
/** The component's wasmbus interfaces, found by shape, as unversioned ids (`ns:pkg/name`). */
export interface WasmbusInterfaces {
  /** The import whose `send` the host answers. */
  sender?: string;
  /** The export whose `receive` the host calls with messages. */
  receiver?: string;
}

export interface ComponentManifest {
  name: string;
  world: string;
  backend: Backend;
  /** The content hash of everything the build read (see cache-key.ts). */
  key: string;
  /** The transpiled ES module, relative to the component folder. */
  module: string;
  /** The component binary, relative to the component folder. */
  component: string;
  /** Imported interfaces with functions, as jco names them (no version). */
  imports: string[];
  /** Exported interface ids with versions, e.g. `wasmcloud:wasmbus/receiver@0.1.0`. */
  exports: string[];
  /** Size of the component binary in bytes. */
  size: number;
  wasmbus: WasmbusInterfaces;
  /**
   * For an adapter: the wasmbus contract id it sends or receives on. Its WIT interface does not
   * say (config or `@external-id` may give another, as the seed's files do).
   */
  contract?: string;
  /** For a sender: the link it sends on, when config names one (else the host's `default`). */
  link?: string;
}

export interface BuildReport {
  spec: ComponentSpec;
  outDir: string;
  manifest: ComponentManifest;
  cached: boolean;
  ms: number;
}
