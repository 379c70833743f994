/**
 * The typed `witbus.config.ts`. Each `generate` entry turns one WIT input into adapters; the CLI's
 * `witbus gen` with no arguments runs them all.
 *
 * ```ts
 * import { defineConfig } from 'witbus/config';
 * export default defineConfig({
 *   generate: [{ wit: 'wit', out: 'generated' }],
 * });
 * ```
 */
import type { ContractOptions } from '../contract/config.ts';
import type { CodecOptions } from '../codec/options.ts';

export interface GenerateTarget {
  /** A WIT file or package folder (with deps/), relative to the config file. */
  wit: string;
  /** The output folder, relative to the config file. */
  out: string;
  /** Feature gates to enable (`@unstable(feature = ..)`). */
  features?: string[];
  allFeatures?: boolean;
  /** Find WIT packages the input uses but does not have in installed npm packages (default true). */
  nodeModules?: boolean;
  /** Which interfaces become contracts, and how they map onto wasmbus. */
  contracts?: ContractOptions;
  /** The JSON dialect of the payloads. */
  codec?: CodecOptions;
}

export interface WitbusConfig {
  generate: GenerateTarget[];
}

/** Identity, for type checking a config file. */
export function defineConfig(config: WitbusConfig): WitbusConfig {
  return config;
}
