/**
 * Runs `wrk` (the C load generator, Debian package `wrk`) against a URL in its own process and
 * reads its report: throughput, latency percentiles (`--latency`) and failed requests. A Node load
 * generator in the bench's own process topped out near 2,700 requests/s, below what a plain Node
 * handler serves; wrk is not the bottleneck.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface WrkOptions {
  threads: number;
  connections: number;
  seconds: number;
}

export interface WrkResult {
  requestsPerSecond: number;
  requests: number;
  p50Ms: number;
  p75Ms: number;
  p90Ms: number;
  p99Ms: number;
  /** Answers other than 2xx/3xx, and socket errors (connect, read, write, timeout), summed. */
  errors: number;
}

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 };

/** wrk's durations: `812.00us`, `1.70ms`, `2.01s`, `1.00m`. */
function durationMs(text: string): number {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(text);
  if (m === null) throw new Error(`wrk printed a duration witbus cannot read: ${text}`);
  return Number((Number(m[1]) * UNIT_MS[m[2]!]!).toFixed(3));
}

function required(report: string, pattern: RegExp, what: string): RegExpExecArray {
  const m = pattern.exec(report);
  if (m === null) throw new Error(`wrk's report has no ${what}:\n${report}`);
  return m;
}

/** Reads the report `wrk --latency` prints. */
export function parseWrk(report: string): WrkResult {
  const percentile = (p: number): number =>
    durationMs(required(report, new RegExp(`^\\s+${p}%\\s+(\\S+)\\s*$`, 'm'), `${p}% latency`)[1]!);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(report);
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(report);
  return {
    requestsPerSecond: Number(required(report, /^Requests\/sec:\s+([\d.]+)/m, 'Requests/sec')[1]),
    requests: Number(required(report, /^\s+(\d+) requests in /m, 'request count')[1]),
    p50Ms: percentile(50),
    p75Ms: percentile(75),
    p90Ms: percentile(90),
    p99Ms: percentile(99),
    errors: [...(socket?.slice(1) ?? []), non2xx?.[1] ?? '0'].reduce((sum, n) => sum + Number(n), 0),
  };
}

/** Fails with what to install when wrk is missing, before anything is built. */
export async function requireWrk(): Promise<void> {
  try {
    await run('wrk', ['--version']);
  } catch (e) {
    // wrk prints its version and exits with 1; only a missing binary is a failure here.
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error('the HTTP bench needs wrk, which is not installed: apt-get install wrk (Debian package)');
    }
  }
}

export async function wrk(url: string, options: WrkOptions): Promise<WrkResult> {
  const { stdout } = await run('wrk', [
    `-t${options.threads}`,
    `-c${options.connections}`,
    `-d${options.seconds}s`,
    '--latency',
    url,
  ]);
  return parseWrk(stdout);
}
