/**
 * What the CLI prints, in one place: `--quiet` silences progress and summaries, `--verbose` adds
 * notes and the stacks of user errors, colour only where the stream is a terminal (`NO_COLOR`
 * and `FORCE_COLOR` win), and control characters from the input are escaped in every line.
 */
import { createColors } from 'picocolors';
import { isSystemError, systemUserError, UserError } from '../service/errors.ts';

export interface OutputOptions {
  quiet?: boolean;
  verbose?: boolean;
}

let options: OutputOptions = {};

export function configureOutput(next: OutputOptions): void {
  options = next;
}

/** The https://no-color.org and FORCE_COLOR conventions, else whether `stream` is a terminal. */
export function colorEnabled(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stream.isTTY === true;
}

/**
 * Escapes control characters (C0 but tab and newline, DEL, C1) as `\u{..}`, the way wit-parser
 * names them, so that WIT or payload bytes echoed in a message cannot drive the terminal (ESC
 * sequences, OSC titles, BEL).
 */
export function terminalSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
}

/** A summary or result line on stdout; `--quiet` drops it. */
export function info(line: string): void {
  if (!options.quiet) process.stdout.write(`${terminalSafe(line)}\n`);
}

/** Output that is the command's result (printed WIT, codec lines): never silenced. */
export function result(text: string): void {
  process.stdout.write(text);
}

export function verbose(line: string): void {
  if (options.verbose) process.stderr.write(`${terminalSafe(line)}\n`);
}

export function warn(line: string): void {
  const c = createColors(colorEnabled(process.stderr));
  process.stderr.write(`${terminalSafe(line).replace(/^warning:/, c.yellow('warning:'))}\n`);
}

function stackOf(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}

/**
 * The CLI's one error path. A user error (or a file system error, which is the environment's) is
 * its message and exit code 1; anything else is an internal error, with its stack and exit code 2.
 */
export function reportFailure(e: unknown): number {
  const c = createColors(colorEnabled(process.stderr));
  const user = e instanceof UserError ? e : isSystemError(e) ? systemUserError(e, 'use') : undefined;
  if (user !== undefined) {
    process.stderr.write(`${terminalSafe(user.message).replace(/^error:/, c.bold(c.red('error:')))}\n`);
    if (options.verbose) process.stderr.write(`${terminalSafe(stackOf(user.cause ?? user))}\n`);
    return 1;
  }
  process.stderr.write(`${c.bold(c.red('witbus: internal error:'))} ${terminalSafe(stackOf(e))}\n`);
  return 2;
}
