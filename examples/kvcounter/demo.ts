/**
 * `npm run demo`: generate the adapters, build the components (cached), and serve kvcounter.
 * PORT picks the port (default 8080), WITBUS_BACKEND the engine (`sm` or `quickjs`).
 */
import { join } from 'node:path';
import { buildComponents } from '../../src/component/build.ts';
import { generateTarget } from '../../src/node/generate-target.ts';
import { writeFiles } from '../../src/node/write-files.ts';
import { progressLines } from '../../src/component/progress.ts';
import type { Backend } from '../../src/component/types.ts';
import { startKvcounter } from './app.ts';
import { kvcounterComponents, REPO_ROOT } from './components.ts';

const port = Number(process.env['PORT'] ?? 8080);
const backend = (process.env['WITBUS_BACKEND'] ?? 'sm') as Backend;
if (backend !== 'sm' && backend !== 'quickjs') throw new Error(`WITBUS_BACKEND must be sm or quickjs, not ${backend}`);

const generatedDir = join(REPO_ROOT, 'generated');
const adapters = await generateTarget({ wit: join(REPO_ROOT, 'wit'), out: generatedDir });
const written = writeFiles(generatedDir, adapters.files);
process.stderr.write(`generated: ${written.written.length} written, ${written.unchanged.length} unchanged\n`);

const progress = progressLines(process.stderr);
try {
  await buildComponents(kvcounterComponents(generatedDir, backend), {
    outDir: join(REPO_ROOT, '.witbus-cache', 'kvcounter', backend),
    observer: progress,
  });
} finally {
  progress.close();
}

const app = await startKvcounter({ componentsDir: join(REPO_ROOT, '.witbus-cache', 'kvcounter', backend), port });
process.stdout.write(`kvcounter is listening on ${app.url} (${backend})\n`);
process.stdout.write(`try: curl '${app.url}/hello?amount=5'\n`);
const stop = (): void => {
  void app.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
