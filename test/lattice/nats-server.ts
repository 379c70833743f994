/**
 * A real `nats-server` for tests: on a free loopback port (and its monitoring endpoint on another),
 * no JetStream, stopped by the test. `.ci/run` installs it (Debian package `nats-server`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createConnection } from 'node:net';
import { freePort } from '../helpers/free-port.ts';

export interface NatsServer {
  port: number;
  url: string;
  /** The running server's process id. */
  pid(): number;
  /** Kills the server (SIGKILL: no goodbye to clients) and waits for it to exit. */
  kill(): Promise<void>;
  /** Starts it again on the same port. */
  start(): Promise<void>;
  /** The names of the clients connected now, from the server's monitoring endpoint (`/connz`). */
  clients(): Promise<string[]>;
  /** The messages the server has taken in from its clients since it started (`/varz` `in_msgs`). */
  messagesIn(): Promise<number>;
}

/** True when the server greets a new connection with its INFO line. */
function greets(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    let text = '';
    socket.on('data', (d) => {
      text += d.toString('latin1');
      if (text.includes('\r\n')) {
        socket.destroy();
        resolve(text.startsWith('INFO '));
      }
    });
    socket.on('error', () => resolve(false));
  });
}

async function waitForGreeting(child: ChildProcess, port: number): Promise<void> {
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  let failure: Error | undefined;
  child.once(
    'error',
    (e) => (failure = new Error(`cannot start nats-server (is it installed? .ci/run installs it): ${e.message}`)),
  );
  child.once('exit', (code) => (failure ??= new Error(`nats-server exited with code ${code}: ${stderr}`)));
  for (;;) {
    if (failure !== undefined) throw failure;
    if (await greets(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function startNatsServer(): Promise<NatsServer> {
  const port = await freePort();
  const monitorPort = await freePort();
  let child: ChildProcess | undefined;
  const start = async (): Promise<void> => {
    child = spawn('nats-server', ['-a', '127.0.0.1', '-p', String(port), '-m', String(monitorPort)], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    await waitForGreeting(child, port);
  };
  await start();
  return {
    port,
    url: `nats://127.0.0.1:${port}`,
    pid: () => child!.pid!,
    start,
    clients: async () => {
      const connz = (await (await fetch(`http://127.0.0.1:${monitorPort}/connz`)).json()) as {
        connections: { name?: string }[];
      };
      return connz.connections.map((c) => c.name ?? '');
    },
    messagesIn: async () => {
      const varz = (await (await fetch(`http://127.0.0.1:${monitorPort}/varz`)).json()) as { in_msgs: number };
      return varz.in_msgs;
    },
    kill: async () => {
      if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    },
  };
}
