/** The plugin's options: those of a `witbus.config.ts` target, and where the config is. */
import type { CodecOptions } from '../codec/options.ts';
import type { Backend } from '../component/types.ts';
import type { ContractOptions } from '../contract/config.ts';

export interface WitbusPluginOptions {
  /** Which interfaces become contracts, and how they map onto wasmbus (as in a config target). */
  contracts?: ContractOptions;
  /** The JSON dialect of the payloads. */
  codec?: CodecOptions;
  /** Feature gates to enable (`@unstable(feature = ..)`). */
  features?: string[];
  allFeatures?: boolean;
  /** Find WIT packages the input uses but does not have in installed npm packages (default true). */
  nodeModules?: boolean;
  /**
   * The project's `witbus.config.*`: a path (relative to the bundler's root), or false for none.
   * By default the one in the root, if there is one. Its target for an imported WIT gives that
   * import's options (the plugin's own options win), and its targets' WIT inputs are where
   * `virtual:witbus/<ns>:<pkg>/<interface>` ids are looked up.
   */
  config?: string | false;
  /** The engine of `?component=` builds: StarlingMonkey (`sm`, the default, as `witbus build`) or `quickjs`. */
  backend?: Backend;
  /**
   * Where `?component=` builds are kept (relative to the bundler's root): a component whose
   * sources, WIT and tools are unchanged is not built again. Default `node_modules/.cache/witbus`.
   */
  cacheDir?: string;
  /** Write each imported WIT's `.d.ts` beside it (the default), into this folder instead, or not at all (false). */
  declarations?: string | false;
}
