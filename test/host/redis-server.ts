/**
 * A real `redis-server` for tests: on a free loopback port, nothing saved to disk, stopped by the
 * test. `.ci/run` installs it (Debian package `redis-server`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createConnection } from 'node:net';
import { freePort } from '../helpers/free-port.ts';

export interface RedisServer {
  port: number;
  url: string;
  /** Kills the server (SIGKILL: no goodbye to clients) and waits for it to exit. */
  kill(): Promise<void>;
  /** Starts it again on the same port, empty. */
  restart(): Promise<void>;
  /** Stops (SIGSTOP) and continues (SIGCONT) the server: connections stay open, answers wait. */
  pause(): void;
  resume(): void;
}

/** One PING over a raw connection: true when the server answers +PONG. */
function pings(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    let answer = '';
    socket.on('data', (d) => {
      answer += d.toString('latin1');
      if (answer.includes('\r\n')) {
        socket.destroy();
        resolve(answer.startsWith('+PONG'));
      }
    });
    socket.on('error', () => resolve(false));
    socket.on('connect', () => socket.write('PING\r\n'));
  });
}

function spawnRedis(port: number): ChildProcess {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  return child;
}

async function waitForPing(child: ChildProcess, port: number): Promise<void> {
  let failure: Error | undefined;
  child.once(
    'error',
    (e) => (failure = new Error(`cannot start redis-server (is it installed? .ci/run installs it): ${e.message}`)),
  );
  child.once('exit', (code) => (failure ??= new Error(`redis-server exited with code ${code} before answering PING`)));
  for (;;) {
    if (failure !== undefined) throw failure;
    if (await pings(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort();
  let child = spawnRedis(port);
  await waitForPing(child, port);
  const kill = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  };
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    kill,
    pause: () => void child.kill('SIGSTOP'),
    resume: () => void child.kill('SIGCONT'),
    restart: async () => {
      await kill();
      child = spawnRedis(port);
      await waitForPing(child, port);
    },
  };
}
