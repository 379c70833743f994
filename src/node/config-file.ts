/**
 * Finds and loads `witbus.config.{ts,mts,js,mjs,json}`. TypeScript configs load through the tsx
 * loader the CLI already runs under. Paths in the result are absolute.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { GenerateTarget, WitbusConfig } from '../config/config.ts';
import { validateConfig } from '../config/validate.ts';

export const CONFIG_NAMES = [
  'witbus.config.ts',
  'witbus.config.mts',
  'witbus.config.js',
  'witbus.config.mjs',
  'witbus.config.json',
];

export class ConfigError extends Error {}

export function findConfig(cwd: string): string | undefined {
  return CONFIG_NAMES.map((n) => resolve(cwd, n)).find((p) => existsSync(p));
}

export async function loadConfig(file: string): Promise<WitbusConfig> {
  let raw: unknown;
  try {
    raw = file.endsWith('.json')
      ? JSON.parse(readFileSync(file, 'utf8'))
      : ((await import(pathToFileURL(file).href)) as { default?: unknown }).default;
  } catch (e) {
    throw new ConfigError(`${file}: cannot load: ${e instanceof Error ? e.message : String(e)}`);
  }
  const problems = validateConfig(raw);
  if (problems.length > 0)
    throw new ConfigError(`${file}: invalid config:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  const base = dirname(file);
  const config = raw as WitbusConfig;
  return {
    generate: config.generate.map((t): GenerateTarget => ({
      ...t,
      wit: resolve(base, t.wit),
      out: resolve(base, t.out),
    })),
  };
}
