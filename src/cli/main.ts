/**
 * The witbus command line, on yargs. Each subcommand lives in `commands/<name>.ts` as a
 * `WitbusCommand`; this file wires them up with the options every command shares, and owns the
 * exit codes: 0 success, 1 a user error, 2 a usage or internal error.
 */
import { createRequire } from 'node:module';
import type { Argv } from 'yargs';
import build from './commands/build.ts';
import codec from './commands/codec.ts';
import compose from './commands/compose.ts';
import gen from './commands/gen.ts';
import init from './commands/init.ts';
import migrate from './commands/migrate.ts';
import pack from './commands/pack.ts';
import provider from './commands/provider.ts';
import serve from './commands/serve.ts';
import wit from './commands/wit.ts';
import type { WitbusCommand } from './command.ts';
import { closest } from '../naming/closest.ts';
import { configureOutput, reportFailure, terminalSafe } from './output.ts';
import { packageVersion } from '../node/package-root.ts';

/**
 * yargs through its CommonJS entry: the ESM one costs about 20 ms more at start-up, a sixth of
 * `witbus --help` (measured in bench/startup.bench.ts).
 */
const yargs = createRequire(import.meta.url)('yargs/yargs') as typeof import('yargs').default;

const COMMANDS: WitbusCommand<never>[] = [
  build,
  codec,
  compose,
  gen,
  init,
  migrate,
  pack,
  provider,
  serve,
  wit,
] as WitbusCommand<never>[];

/** A mistake in the command line itself: shown with a hint to `--help`, exit code 2. */
class UsageError extends Error {}

/**
 * What a command's run threw, carried through yargs' fail handler untouched: yargs hands that
 * handler both its own validation errors (including a builder's `check`) and the handler's
 * exceptions, and only the former are usage errors.
 */
class CommandFailure extends Error {
  constructor(readonly failure: unknown) {
    super('command failed');
  }
}

/** The long options a command takes (and the shared ones), for "did you mean". */
function knownOptions(command: WitbusCommand<never> | undefined): string[] {
  const y = shared(yargs([]));
  const withCommand = command === undefined ? y : command.builder(y);
  return Object.keys((withCommand as unknown as { getOptions(): { key: Record<string, unknown> } }).getOptions().key);
}

/** yargs' usage messages, with the nearest known option for each unknown one. */
function usageMessage(message: string, argv: string[]): string {
  if (message.startsWith('Did you mean')) return `unknown command '${argv[0]}'. ${message}`;
  const m = /^Unknown arguments?: (.*)$/.exec(message);
  if (m === null) return message;
  const known = knownOptions(commandOf(argv));
  const hints = m[1]!.split(', ').flatMap((arg) => {
    const near = closest(arg, known);
    return near === undefined ? [] : [`did you mean --${near}?`];
  });
  return [message, ...hints].join('\n');
}

function commandOf(argv: string[]): WitbusCommand<never> | undefined {
  return COMMANDS.find((c) => argv.includes(c.command.split(' ')[0]!));
}

/** The options every command shares. */
function shared(y: Argv): Argv {
  return y
    .option('quiet', { alias: 'q', type: 'boolean', global: true, describe: 'print only results and errors' })
    .option('verbose', { type: 'boolean', global: true, describe: 'print notes, and the stack trace of any error' })
    .conflicts('quiet', 'verbose')
    .help('help', 'show this help')
    .alias('help', 'h')
    .version('version', 'print the version', packageVersion());
}

/** The whole command line, ready to parse `argv`; `onExit` receives a command's exit code. */
function createCli(argv: string[], width: number, onExit: (code: number) => void): Argv {
  const cli = shared(yargs(argv))
    .scriptName('witbus')
    .usage('$0 <command> [options]\n\nTurn WIT contracts into wasmbus adapter components.')
    .middleware((a) => configureOutput({ quiet: a.quiet === true, verbose: a.verbose === true }))
    .demandCommand(1, 'give a command')
    .recommendCommands()
    .strict()
    .completion('completion', 'print a shell completion script (for ~/.bashrc or ~/.zshrc)')
    .wrap(width)
    .epilogue('Exit codes: 0 success, 1 user error (nothing half-written on disk), 2 usage or internal error.')
    .fail((message: string | null, err: Error | undefined) => {
      // An exception from a command's run is not a usage error: it goes to reportFailure.
      if (err instanceof CommandFailure) throw err;
      throw new UsageError(usageMessage(message ?? err?.message ?? 'invalid command line', argv));
    });
  for (const c of COMMANDS) {
    cli.command({
      command: c.command,
      describe: c.describe,
      builder: (y: Argv) => c.builder(y),
      handler: async (args) => {
        try {
          onExit(await c.run(args as never));
        } catch (e) {
          throw new CommandFailure(e);
        }
      },
    });
  }
  return cli;
}

/**
 * The `--help` text of witbus (no command) or of one command, at a fixed width: the README's CLI
 * reference is rendered from it (`npm run docs`), so the two cannot drift.
 */
export async function helpText(command?: string): Promise<string> {
  const argv = command === undefined ? [] : [command];
  const cli = createCli(argv, 100, () => {}).exitProcess(false);
  if (command === undefined) return cli.getHelp();
  // A command's help exists only once yargs has entered the command.
  let text = '';
  await cli.parseAsync([command, '--help'], {}, (_err, _argv, output) => {
    text = output;
  });
  return text;
}

export async function main(argv: string[]): Promise<number> {
  let code = 0;
  const cli = createCli(argv, Math.min(100, process.stdout.columns ?? 100), (c) => {
    code = c;
  });
  try {
    await cli.parseAsync();
    return code;
  } catch (e) {
    if (e instanceof UsageError) {
      const name = commandOf(argv)?.command.split(' ')[0];
      process.stderr.write(
        `witbus: ${terminalSafe(e.message)}\nRun 'witbus ${name === undefined ? '' : `${name} `}--help' for usage.\n`,
      );
      return 2;
    }
    return reportFailure(e instanceof CommandFailure ? e.failure : e);
  }
}
