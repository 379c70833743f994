/**
 * `npm run demo` fails with one clear line, exit code 1 and no stack trace when its port is taken
 * or PORT is not a port. Both are found before it generates or builds anything, so these runs need
 * no components. `npm run demo -- --seed` builds kvcounter from the seed's own WIT and serves it.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DEMO = join(ROOT, 'examples/kvcounter/demo.ts');

function runDemo(
  env: Record<string, string>,
  args: string[] = [],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', DEMO, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run demo', () => {
  let busy: Server | undefined;
  afterEach(async () => {
    await new Promise((resolve) => (busy ? busy.close(resolve) : resolve(undefined)));
    busy = undefined;
  });

  it('says the port is in use and how to pick another', async () => {
    busy = createServer();
    await new Promise<void>((resolve) => busy!.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as AddressInfo).port;
    expect(await runDemo({ PORT: String(port) })).toEqual({
      code: 1,
      stdout: '',
      stderr: `witbus demo: port ${port} is in use (set PORT to another port)\n`,
    });
  });

  for (const bad of ['abc', '-1', '70000', '80.5', '']) {
    it(`refuses PORT=${JSON.stringify(bad)}`, async () => {
      expect(await runDemo({ PORT: bad })).toEqual({
        code: 1,
        stdout: '',
        stderr: `witbus demo: PORT must be a port number from 0 to 65535, not ${JSON.stringify(bad)}\n`,
      });
    });
  }

  it('refuses an unknown WITBUS_BACKEND', async () => {
    expect(await runDemo({ PORT: '0', WITBUS_BACKEND: 'v8' })).toEqual({
      code: 1,
      stdout: '',
      stderr: 'witbus demo: WITBUS_BACKEND must be sm or quickjs, not "v8"\n',
    });
  });

  it('refuses an argument other than --seed', async () => {
    const { code, stdout, stderr } = await runDemo({ PORT: '0' }, ['--sed']);
    expect({ code, stdout }).toEqual({ code: 1, stdout: '' });
    expect(stderr).toMatch(/^witbus demo: .*'--sed'.* \(the demo takes only --seed\)\n$/);
  });

  it('with --seed, says the port is in use before building', async () => {
    busy = createServer();
    await new Promise<void>((resolve) => busy!.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as AddressInfo).port;
    expect(await runDemo({ PORT: String(port) }, ['--seed'])).toEqual({
      code: 1,
      stdout: '',
      stderr: `witbus demo: port ${port} is in use (set PORT to another port)\n`,
    });
  });

  const served = [
    { title: 'serves the fused kvcounter', args: [], banner: 'kvcounter \\(fused\\)' },
    {
      title: "with --seed, serves kvcounter built from the seed's 2022 WIT",
      args: ['--seed'],
      banner: "kvcounter on the seed's WIT",
    },
  ];
  for (const { title, args, banner } of served) {
    it(`${title}, and stops on SIGTERM`, async () => {
      const child = spawn(process.execPath, ['--import', 'tsx', DEMO, ...args], {
        cwd: ROOT,
        env: { ...process.env, PORT: '0', WITBUS_BACKEND: 'quickjs', KV: 'memory' },
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = once(child, 'exit').then(([code]) => code as number | null);
      try {
        const url = await new Promise<string>((resolve, reject) => {
          let stdout = '';
          child.stdout.on('data', (d: Buffer) => {
            stdout += d.toString();
            const m = new RegExp(`^${banner} is listening on (http://127\\.0\\.0\\.1:\\d+) \\(quickjs\\)$`, 'm').exec(
              stdout,
            );
            if (m) resolve(m[1]!);
          });
          void exited.then((code) => reject(new Error(`the demo exited with ${code}: ${stderr}`)));
        });
        const get = async (path: string) => {
          const r = await fetch(`${url}${path}`);
          return { status: r.status, body: (await r.json()) as unknown };
        };
        expect(await get('/hello?amount=5')).toEqual({ status: 200, body: { counter: 5 } });
        expect(await get('/hello?amount=2')).toEqual({ status: 200, body: { counter: 7 } });
        expect(await get('/healthz')).toEqual({ status: 200, body: { status: 'ok' } });
        child.kill('SIGTERM');
        expect(await exited).toBe(0);
      } finally {
        child.kill('SIGKILL');
      }
    }, 240_000);
  }
});
