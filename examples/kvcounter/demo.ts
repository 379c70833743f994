/**
 * `npm run demo`: generate the adapters, build the components (cached), and serve kvcounter as
 * `witbus serve` does (with /healthz and /metrics). `npm run demo -- --seed` serves kvcounter
 * built from the seed's own 2022-dialect WIT files (`wit/seed/`, read verbatim). PORT picks the
 * port (default 8080, 0 for any free one), WITBUS_BACKEND the engine (`sm` or `quickjs`), KV the keyvalue store (`memory`,
 * `sqlite:<file>` or a `redis://` URL; default memory). A bad setting or a busy port is one line
 * on stderr and exit code 1, found before the (possibly long) build.
 */
import { copyFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildComponents } from '../../src/component/build.ts';
import { generateTarget } from '../../src/service/generate.ts';
import { resolveTargets } from '../../src/service/targets.ts';
import { writeOutputs } from '../../src/service/output.ts';
import { progressLines } from '../../src/component/progress.ts';
import type { Backend } from '../../src/component/types.ts';
import { UserError } from '../../src/service/errors.ts';
import { kvSettingProblem, serve } from '../../src/service/serve.ts';
import { fusedKvcounter, kvcounterComponents, MODERN, REPO_ROOT, SEED } from './components.ts';

/** The host's HTTP provider listens on loopback; the port check must look at the same address. */
const HOSTNAME = '127.0.0.1';

function fail(message: string): never {
  process.stderr.write(`witbus demo: ${message}\n`);
  process.exit(1);
}

function portSetting(raw: string | undefined): number {
  if (raw === undefined) return 8080;
  const port = /^\d{1,5}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(port <= 65535)) fail(`PORT must be a port number from 0 to 65535, not ${JSON.stringify(raw)}`);
  return port;
}

/** The line to show for a failed listen, or undefined when it is not the user's to fix. */
function listenProblem(e: unknown, port: number): string | undefined {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') return `port ${port} is in use (set PORT to another port)`;
  if (code === 'EACCES') return `no permission to listen on port ${port} (set PORT to a port above 1023)`;
  return undefined;
}

/** Listens on the port and lets it go again, so that a busy port is reported before building. */
async function checkPortFree(port: number): Promise<void> {
  if (port === 0) return;
  const probe = createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen(port, HOSTNAME, resolve);
    });
  } catch (e) {
    fail(listenProblem(e, port) ?? `cannot listen on port ${port}: ${String(e)}`);
  }
  await new Promise((resolve) => probe.close(resolve));
}

/** `--seed`, or one line and exit 1 for anything else. */
function seedFlag(): boolean {
  try {
    return parseArgs({ options: { seed: { type: 'boolean', default: false } } }).values.seed === true;
  } catch (e) {
    return fail(`${e instanceof Error ? e.message : String(e)} (the demo takes only --seed)`);
  }
}

const seed = seedFlag();
const port = portSetting(process.env['PORT']);
const backend = (process.env['WITBUS_BACKEND'] ?? 'sm') as Backend;
if (backend !== 'sm' && backend !== 'quickjs')
  fail(`WITBUS_BACKEND must be sm or quickjs, not ${JSON.stringify(backend)}`);
const kv = process.env['KV'] ?? 'memory';
const kvProblem = kvSettingProblem(kv);
if (kvProblem !== undefined) fail(`KV ${kvProblem}`);
await checkPortFree(port);

// The seed's files get the wasmbus names its Rust code used from the repository's config target.
const generatedDir = join(REPO_ROOT, 'generated');
const { targets } = await resolveTargets({
  wit: seed ? 'wit/seed' : 'wit',
  cwd: REPO_ROOT,
  config: 'witbus.config.ts',
});
const adapters = await generateTarget({ ...targets[0]!, out: generatedDir });
const [written] = writeOutputs([{ dir: generatedDir, files: adapters.files }]).reports;
process.stderr.write(`generated: ${written!.written.length} written, ${written!.unchanged.length} unchanged\n`);

// kvcounter is fused (its logic and adapters in one engine: the smallest and, on StarlingMonkey,
// the fastest form; one build). The seed's app stays runtime-linked, as its WIT's bus interfaces
// are found by shape at run time.
const set = seed ? SEED : MODERN;
const buildDir = join(REPO_ROOT, '.witbus-cache', set.app, backend);
// The fused world is the build's own, so it and the adapters it bundles go beside the build.
const fusedDir = join(buildDir, 'generated');
const fused = seed ? undefined : fusedKvcounter(adapters, fusedDir, backend);
if (fused !== undefined) writeOutputs([{ dir: fusedDir, files: [...adapters.files, ...fused.files] }]);
const progress = progressLines(process.stderr);
let appPath = buildDir;
try {
  const reports = await buildComponents(
    fused === undefined ? kvcounterComponents(adapters, generatedDir, backend, set) : [fused.spec],
    { outDir: buildDir, observer: progress },
  );
  if (fused !== undefined) {
    // The binary beside its folder, as `witbus build --fuse` writes it; serve finds the folder by it.
    const [report] = reports;
    appPath = join(buildDir, `${report!.spec.name}.wasm`);
    copyFileSync(join(report!.outDir, report!.manifest.component), appPath);
  }
} finally {
  progress.close();
}

// Served as `witbus serve` serves a build. Another process may have taken the port during the build.
const app = await serve({ app: appPath, kv, port }).catch((e: unknown) => {
  if (e instanceof UserError) return fail(e.message.replace(/^error: /, ''));
  const problem = listenProblem(e, port);
  if (problem === undefined) throw e;
  return fail(problem);
});
process.stdout.write(
  `${seed ? "kvcounter on the seed's WIT" : 'kvcounter (fused)'} is listening on ${app.url} (${backend})\n`,
);
process.stdout.write(`try: curl '${app.url}/hello?amount=5'\n`);
const stop = (): void => {
  void app.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
