/**
 * `witbus build`: generate the adapters of every contract in a WIT input, then build each sender
 * and receiver (and optionally the application's business logic) into a runnable component.
 */
import { basename, join, resolve } from 'node:path';
import { buildComponents, ComponentBuildError } from '../../component/build.ts';
import { progressLines } from '../../component/progress.ts';
import type { Backend, ComponentSpec } from '../../component/types.ts';
import { UserError } from '../../service/errors.ts';
import { generateTarget } from '../../service/generate.ts';
import { writeOutputs } from '../../service/output.ts';
import { parseCommandArgs, usageError, type CliCommand } from '../command.ts';

const HELP = `usage: witbus build [<wit>] -o <dir> [options]

Generates the adapters of every contract in <wit> (default: wit) and builds each sender and
receiver into <dir>/<name>/, transpiled for Node. Unchanged components are reused.

options:
  -o, --out <dir>          output folder (required)
      --backend <engine>   sm (StarlingMonkey, default) or quickjs
      --app <ts>           also build this business logic module
      --world <name>       the app's world in <wit> (default: the app file's name)
      --generated <dir>    where the adapter sources go (default: <dir>/generated)
  -j, --jobs <n>           builds in progress at once (default 2)
  -h, --help               show this help`;

/** `wasmcloud-keyvalue/key-value/sender.ts` → its component, named after the folder. */
function adapterSpec(generatedDir: string, path: string, backend: Backend): ComponentSpec | undefined {
  const m = /^(.*)\/(sender|receiver)\.ts$/.exec(path);
  if (m === null) return undefined;
  const [, dir, role] = m as unknown as [string, string, 'sender' | 'receiver'];
  return {
    name: `${dir.replace(/\//g, '-')}-${role}`,
    sourcePath: join(generatedDir, path),
    witPath: join(generatedDir, dir, 'wit'),
    world: role,
    backend,
  };
}

async function run(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs('build', HELP, argv, {
    out: { type: 'string', short: 'o' },
    backend: { type: 'string', default: 'sm' },
    app: { type: 'string' },
    world: { type: 'string' },
    generated: { type: 'string' },
    jobs: { type: 'string', short: 'j', default: '2' },
  });
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const usage = (msg: string): number => usageError('build', HELP, msg);
  if (positionals.length > 1) return usage('give at most one <wit>');
  if (values.out === undefined) return usage('-o <dir> is required');
  const backend = values.backend;
  if (backend !== 'sm' && backend !== 'quickjs') return usage(`--backend must be sm or quickjs, not ${backend}`);
  const jobs = Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) return usage(`--jobs must be a positive integer, not ${values.jobs}`);

  const wit = resolve(positionals[0] ?? 'wit');
  const out = resolve(values.out);
  const generatedDir = resolve(values.generated ?? join(out, 'generated'));
  const result = await generateTarget({ wit, out: generatedDir });
  // The builds read the adapters from disk; if a build fails they are put back as they were.
  const written = writeOutputs([{ dir: generatedDir, files: result.files }]);
  const specs = result.files.flatMap((f) => adapterSpec(generatedDir, f.path, backend) ?? []);
  if (values.app !== undefined) {
    const app = resolve(values.app);
    const name = basename(app).replace(/\.[cm]?[jt]s$/, '');
    specs.push({ name, sourcePath: app, witPath: wit, world: values.world ?? name, backend });
  }
  if (specs.length === 0) {
    written.rollback();
    throw new UserError(`error: ${wit} has no contracts and no --app was given: nothing to build`);
  }
  const progress = progressLines(process.stderr);
  try {
    const reports = await buildComponents(specs, { outDir: out, concurrency: jobs, observer: progress });
    const built = reports.filter((r) => !r.cached).length;
    process.stdout.write(`${out}: ${reports.length} component(s), ${built} built, ${reports.length - built} cached\n`);
  } catch (e) {
    written.rollback();
    // The bundler and the componentizer fail on the user's code or WIT more often than not.
    if (e instanceof ComponentBuildError) throw new UserError(`error: cannot build ${e.message}`, { cause: e });
    throw e;
  } finally {
    progress.close();
  }
  return 0;
}

export const command: CliCommand = {
  summary: 'generate adapters and build them (and an app) into components for Node',
  run,
};
