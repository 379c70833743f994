/**
 * Which generate targets a run has: the config file's, or one `<wit> -o <dir>` from the command
 * line (taking the options of the config's target for the same WIT, if there is one), with the
 * command line's flags applied on top.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { GenerateTarget } from '../config/config.ts';
import { findConfig, loadConfig } from './config-file.ts';
import { UserError } from './errors.ts';

export interface TargetRequest {
  /** The cwd-relative or absolute WIT input; none means every target of the config. */
  wit?: string;
  out?: string;
  /** An explicit config file; by default `witbus.config.*` in `cwd`. */
  config?: string;
  cwd?: string;
  features?: string[];
  allFeatures?: boolean;
  skipUnsupported?: boolean;
  /** false: do not look in node_modules for packages the WIT uses. */
  nodeModules?: boolean;
}

export interface ResolvedTargets {
  targets: GenerateTarget[];
  /** The config file that was read, if any (a watcher watches it too). */
  configFile?: string;
}

export async function resolveTargets(request: TargetRequest): Promise<ResolvedTargets> {
  const cwd = request.cwd ?? process.cwd();
  const configFile = request.config !== undefined ? resolve(cwd, request.config) : findConfig(cwd);
  if (configFile !== undefined && !existsSync(configFile))
    throw new UserError(`error: no config file at ${request.config}`);
  const config = configFile ? await loadConfig(configFile) : { generate: [] };
  const withFlags = (t: GenerateTarget): GenerateTarget => ({
    ...t,
    ...(request.features ? { features: request.features } : {}),
    ...(request.allFeatures ? { allFeatures: true } : {}),
    ...(request.skipUnsupported ? { contracts: { ...t.contracts, skipUnsupported: true } } : {}),
    ...(request.nodeModules === false ? { nodeModules: false } : {}),
  });
  const found = configFile === undefined ? {} : { configFile };
  if (request.wit === undefined) {
    if (!configFile)
      throw new UserError('error: no <wit> given and no witbus.config.ts found (see `witbus gen --help`)');
    return { targets: config.generate.map(withFlags), ...found };
  }
  const wit = resolve(cwd, request.wit);
  const out = request.out === undefined ? undefined : resolve(cwd, request.out);
  const matching = config.generate.filter((t) => t.wit === wit && (out === undefined || t.out === out));
  if (matching.length > 0) return { targets: matching.map(withFlags), ...found };
  if (out === undefined) throw new UserError(`error: -o <dir> is required: the config has no target for ${wit}`);
  return { targets: [withFlags({ wit, out })], ...found };
}
