/** The shape of a witbus subcommand: its yargs definition, and a run that resolves to the exit code. */
import type { ArgumentsCamelCase, Argv } from 'yargs';

export interface WitbusCommand<A = object> {
  /** The yargs command string, e.g. `gen [wit]`. */
  command: string;
  describe: string;
  /** Options, positionals and examples. Keep it light: `--help` loads every command's builder. */
  builder(yargs: Argv): Argv<A>;
  /** Resolves to the exit code; heavy modules are imported here, not at the top of the file. */
  run(args: ArgumentsCamelCase<A>): Promise<number>;
}

/** Identity, so that each command's argument types are inferred from its builder. */
export function defineCommand<A>(command: WitbusCommand<A>): WitbusCommand<A> {
  return command;
}

/** A comma-separated list option (`--features a,b`) as its items. */
export function commaList(value: string | undefined): string[] | undefined {
  return value === undefined
    ? undefined
    : value
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
}
