/** Runs the witbus CLI as a user does, in its own process, and snapshots folders it may touch. */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './shared.ts';

/** The CLI from its sources (no build needed), as `npm run witbus` runs it. */
export const WITBUS_BIN = join(REPO_ROOT, 'scripts/witbus-dev.mjs');
/** Node's flags for WITBUS_BIN: a config's `import 'witbus/config'` resolves to the sources too. */
export const WITBUS_NODE_FLAGS = ['--conditions=witbus-source'];

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function witbus(
  args: string[],
  options: { cwd?: string; input?: string | Buffer; env?: NodeJS.ProcessEnv; permissionBits?: boolean } = {},
): CliRun {
  const spawnOptions: SpawnSyncOptions = { cwd: options.cwd ?? REPO_ROOT, encoding: 'utf8' };
  if (options.input !== undefined) spawnOptions.input = options.input;
  if (options.env !== undefined) spawnOptions.env = options.env;
  const command = [process.execPath, ...WITBUS_NODE_FLAGS, WITBUS_BIN, ...args];
  // root writes anywhere: without the capabilities that override permission bits, it obeys them.
  if (options.permissionBits && process.getuid?.() === 0)
    command.unshift('setpriv', '--bounding-set=-dac_override,-dac_read_search', '--');
  const r = spawnSync(command[0]!, command.slice(1), spawnOptions);
  return { code: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** Every path under `dir` with its file content (folders as `<dir>`), to compare before and after. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  const walk = (d: string, rel: string): void => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      const key = rel === '' ? name : `${rel}/${name}`;
      if (statSync(path).isDirectory()) {
        out[key] = '<dir>';
        walk(path, key);
      } else out[key] = readFileSync(path, 'utf8');
    }
  };
  walk(dir, '');
  return out;
}
