/**
 * The README's lattice quick start, run as written: its `sh` block's lines, each as a process
 * (`witbus` from the sources, `nats-server` and `curl` from PATH), with only the substitutions a
 * test needs — free loopback ports for 4222 and 8080, an app folder of kvcounter for `build`, and
 * `counters.db` in a temp folder — each checked to apply exactly where expected.
 */
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { startWitbus, type WitbusProcess } from '../lattice/processes.ts';
import { kvcounterAppFolder } from '../serve/app-folder.ts';
import { parseShLine, type ShLine } from './sh-line.ts';
import { freePort } from '../helpers/free-port.ts';

const HEADING = '## A lattice over NATS: providers and actor hosts in separate processes';
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The section's text, from its heading to the next `## `. */
function section(): string {
  const start = readme.indexOf(`\n${HEADING}\n`);
  expect(start, `README has no section "${HEADING}"`).toBeGreaterThanOrEqual(0);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

function shBlock(text: string): string[] {
  const blocks = [...text.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
  expect(blocks).toHaveLength(1);
  return blocks[0]!.trimEnd().split('\n');
}

/** Where a substitution applied: `<line index>:<the word before>`, once per match. */
function substitute(lines: ShLine[], pattern: RegExp, to: string): { lines: ShLine[]; places: string[] } {
  const places: string[] = [];
  const replaced = lines.map((line, index) => ({
    ...line,
    words: line.words.map((word) => {
      for (const _ of word.matchAll(pattern)) places.push(`${index}:${word}`);
      return word.replace(pattern, to);
    }),
  }));
  return { lines: replaced, places };
}

/** Starts `nats-server <args>` and waits until it logs that it is ready. */
async function startNatsServer(args: string[]): Promise<ChildProcess> {
  const child = spawn('nats-server', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (stderr.includes('Server is ready')) resolve();
    });
    child.once('error', (e) => reject(new Error(`cannot start nats-server (.ci/run installs it): ${e.message}`)));
    child.once('exit', (code) => reject(new Error(`nats-server exited (${code}) before it was ready: ${stderr}`)));
  });
  return child;
}

const hasCurl = spawnSync('curl', ['--version']).error === undefined;

/** The curl line's answer body: curl itself when installed, else the same GET with fetch. */
async function get(words: string[]): Promise<string> {
  if (!hasCurl) return (await fetch(words[1]!)).text();
  const { stdout } = await promisify(execFile)(words[0]!, words.slice(1), {
    // A proxy from the environment must not take loopback requests.
    env: { ...process.env, NO_PROXY: '127.0.0.1', no_proxy: '127.0.0.1' },
  });
  return stdout;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('the README lattice quick start', () => {
  const temp = mkdtempSync(join(tmpdir(), 'witbus-quickstart-'));
  let app: string | undefined;
  let nats: ChildProcess | undefined;
  const witbusProcesses: WitbusProcess[] = [];
  afterAll(async () => {
    for (const p of witbusProcesses) await p.stop('SIGKILL');
    if (nats !== undefined && nats.exitCode === null && nats.signalCode === null) nats.kill('SIGKILL');
    rmSync(temp, { recursive: true, force: true });
    if (app !== undefined) rmSync(app, { recursive: true, force: true });
  });

  it(
    'starts nats-server, a keyvalue provider, two actor hosts and the HTTP provider; curl counts',
    { timeout: 300_000 },
    async () => {
      const text = section();
      let lines = shBlock(text).map(parseShLine);
      expect(lines.map((l) => [...l.words.slice(0, l.words[0] === 'witbus' ? 3 : 1), l.background ? '&' : ''])).toEqual(
        [
          ['nats-server', '&'],
          ['witbus', 'provider', 'keyvalue', '&'],
          ['witbus', 'serve', 'build', '&'],
          ['witbus', 'serve', 'build', '&'],
          ['witbus', 'provider', 'httpserver', '&'],
          ['curl', ''],
        ],
      );
      const curl = lines[5]!;
      expect(curl.words).toHaveLength(2);
      expect(curl.comment).toBe('{"counter":5}');

      const natsPort = await freePort();
      const httpPort = await freePort();
      app = kvcounterAppFolder('quickjs');
      const db = join(temp, 'counters.db');
      const steps: [RegExp, string, string[]][] = [
        [/(?<!\d)4222(?!\d)/g, String(natsPort), ['0:4222', ...[1, 2, 3, 4].map((i) => `${i}:nats://127.0.0.1:4222`)]],
        [/(?<!\d)8080(?!\d)/g, String(httpPort), ['4:8080', '5:http://127.0.0.1:8080/hello?amount=5']],
        [/^build$/g, app, ['2:build', '3:build']],
        [/^sqlite:counters\.db$/g, `sqlite:${db}`, ['1:sqlite:counters.db']],
      ];
      for (const [pattern, to, where] of steps) {
        const done = substitute(lines, pattern, to);
        expect(done.places, `${pattern} applies exactly there`).toEqual(where);
        lines = done.lines;
      }

      // What each says when it is ready: the subject it serves, as the section names it, or its URL.
      const subject = (contract: string): string => `wasmbus.rpc.default.${contract}.default`;
      for (const contract of ['wasmcloud:keyvalue', 'wasmcloud:httpserver']) expect(text).toContain(subject(contract));
      const ready = ([, command, kind]: string[]): string =>
        command === 'serve'
          ? subject('wasmcloud:httpserver')
          : kind === 'keyvalue'
            ? subject('wasmcloud:keyvalue')
            : `http://127.0.0.1:${httpPort}`;

      nats = await startNatsServer(lines[0]!.words.slice(1));
      for (const line of lines.slice(1, 5)) {
        const started = await startWitbus(line.words.slice(1), new RegExp(`^${escape(ready(line.words))}$`));
        witbusProcesses.push(started);
      }

      // The comment is what the line prints; the same line again adds its amount once more.
      expect(await get(lines[5]!.words)).toBe(curl.comment);
      expect(await get(lines[5]!.words)).toBe('{"counter":10}');

      // As the section says: SIGTERM, and each finishes what it is handling and exits 0.
      for (const p of [...witbusProcesses].reverse()) {
        expect(await p.stop('SIGTERM'), `witbus ${p.child.spawnargs.slice(3).join(' ')}: ${p.stderr()}`).toBe(0);
        expect(p.stderr()).toBe('');
      }
      // nats-server (2.9) exits 1 on SIGTERM by design; SIGINT (Ctrl-C) is its clean stop, exit 0.
      const natsExit = once(nats, 'exit');
      nats.kill('SIGINT');
      expect(await natsExit).toEqual([0, null]);
      // The counter was kept where the line said, not in a default store.
      expect(statSync(db).size).toBeGreaterThan(0);
    },
  );
});
