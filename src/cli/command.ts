/** The shape every `witbus` subcommand module exports as `command`, and their shared argument handling. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface CliCommand {
  /** One line for `witbus --help`. */
  summary: string;
  /** Runs the command; resolves to the process exit code (0 ok, 1 user error, 2 usage error). */
  run(argv: string[]): Promise<number>;
}

type Options = NonNullable<ParseArgsConfig['options']>;
const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;
type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: O & typeof HELP_OPTION }>>;

/** Reports a usage error with the command's help; returns the usage exit code. */
export function usageError(command: string, help: string, message: string): number {
  process.stderr.write(`witbus ${command}: ${message}\n\n${help.trimEnd()}\n`);
  return 2;
}

/**
 * Parses a command's arguments (every command also takes `-h/--help`). Returns the exit code
 * instead when the arguments are wrong (usage on stderr) or help was asked for (on stdout).
 */
export function parseCommandArgs<O extends Options>(command: string, help: string, argv: string[], options: O): Parsed<O> | number {
  let parsed: Parsed<O>;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { ...options, ...HELP_OPTION } }) as Parsed<O>;
  } catch (e) {
    return usageError(command, help, (e as Error).message);
  }
  if ((parsed.values as { help?: boolean }).help) {
    process.stdout.write(`${help.trimEnd()}\n`);
    return 0;
  }
  return parsed;
}
