/** The shape every `witbus` subcommand module exports as `command`. */
export interface CliCommand {
  /** One line for `witbus --help`. */
  summary: string;
  /** Runs the command; resolves to the process exit code (0 ok, 1 user error, 2 usage error). */
  run(argv: string[]): Promise<number>;
}
