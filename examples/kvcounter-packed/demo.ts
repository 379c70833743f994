/**
 * `npx tsx examples/kvcounter-packed/demo.ts`: pack the bundled contracts (`witbus pack`), `npm
 * pack` them into the tarballs this folder's package.json depends on, install them offline, build
 * the app with `witbus build --app` (only the business logic is built; the adapters come from the
 * packages), and serve kvcounter as `witbus serve` does. PORT picks the port (default 8080, 0 for
 * any free one), WITBUS_BACKEND the engine (`sm` or `quickjs`).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { progressLines } from '../../src/component/progress.ts';
import type { Backend } from '../../src/component/types.ts';
import { packageLabel } from '../../src/service/installed-adapters.ts';
import { packBackends, packContracts } from '../../src/service/pack.ts';
import { REPO_ROOT } from '../kvcounter/components.ts';
import { startPackedKvcounter } from './app.ts';

const PROJECT = dirname(fileURLToPath(import.meta.url));
const WORK = join(REPO_ROOT, '.witbus-cache', 'kvcounter-packed');

function fail(message: string): never {
  process.stderr.write(`kvcounter-packed: ${message}\n`);
  process.exit(1);
}

function npm(args: string[], cwd: string): void {
  const r = spawnSync('npm', args, { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) fail(`npm ${args.join(' ')} failed in ${cwd}`);
}

const port = Number(process.env['PORT'] ?? 8080);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`PORT must be a port number, not ${process.env['PORT']}`);
const [backend] = packBackends([process.env['WITBUS_BACKEND'] ?? 'sm']) as [Backend];

const progress = progressLines(process.stderr);
let packed;
try {
  packed = await packContracts({
    wit: join(REPO_ROOT, 'wit'),
    out: join(WORK, 'packages'),
    backends: [backend],
    observer: progress,
  });
} finally {
  progress.close();
}
mkdirSync(join(WORK, 'tarballs'), { recursive: true });
for (const p of packed.packages)
  npm(['pack', '--loglevel', 'warn', '--pack-destination', join(WORK, 'tarballs'), p.dir], REPO_ROOT);
npm(['install', '--offline', '--no-package-lock', '--no-audit', '--no-fund'], PROJECT);

const app = await startPackedKvcounter({ projectDir: PROJECT, buildDir: join(WORK, 'build'), backend, port });
for (const b of app.builds) {
  const from = b.installed === undefined ? (b.cached ? 'cached' : 'built') : `from ${packageLabel(b.installed)}`;
  process.stderr.write(`${b.spec.name} [${backend}] ${from}\n`);
}
process.stdout.write(`kvcounter (packed contracts) is listening on ${app.url} (${backend})\n`);
process.stdout.write(`try: curl '${app.url}/hello?amount=5'\n`);
const stop = (): void => {
  void app.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
