/** witbus commands as child processes, for the lattice tests: started, read and stopped. */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { WITBUS_BIN } from '../setup/paths.ts';

export interface WitbusProcess {
  child: ChildProcess;
  /** The first stdout line that matched `ready`. */
  ready: string;
  stdout(): string;
  stderr(): string;
  /** Sends `signal` (SIGTERM by default) and resolves with the exit code, or the signal that ended it. */
  stop(signal?: NodeJS.Signals): Promise<number | NodeJS.Signals>;
}

/**
 * Runs `witbus <args>` from the sources and waits for a stdout line matching `ready`; in the
 * network namespace `netns` when given (`ip netns exec` runs the command in its own process).
 */
export async function startWitbus(args: string[], ready: RegExp, netns?: string): Promise<WitbusProcess> {
  const command = [process.execPath, '--conditions=witbus-source', WITBUS_BIN, ...args];
  const child = spawn(
    netns === undefined ? command[0]! : 'ip',
    [...(netns === undefined ? [] : ['netns', 'exec', netns, command[0]!]), ...command.slice(1)],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = once(child, 'exit').then(([code, signal]) => (code ?? signal) as number | NodeJS.Signals);
  const line = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = stdout.split('\n').find((l) => ready.test(l));
      if (m !== undefined) resolve(m);
    });
    void exited.then((code) =>
      reject(new Error(`witbus ${args.join(' ')} exited (${code}) before it was ready: ${stderr}`)),
    );
  });
  return {
    child,
    ready: line,
    stdout: () => stdout,
    stderr: () => stderr,
    stop: async (signal: NodeJS.Signals = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
