/**
 * The CLI's one error path: a user error is its message and exit code 1; anything else is an
 * internal error, shown with its stack and exit code 2. `--verbose` adds the stack to user errors
 * too. Every message is made safe for a terminal first.
 */
import { isSystemError, systemUserError, UserError } from '../service/errors.ts';

/**
 * Escapes control characters (C0 but tab and newline, DEL, C1) as `\u{..}`, the way wit-parser
 * names them, so that WIT or payload bytes echoed in a message cannot drive the terminal (ESC
 * sequences, OSC titles, BEL).
 */
export function terminalSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
}

/** Writes the failure to stderr and returns the exit code. */
export function reportFailure(e: unknown, verbose: boolean): number {
  const user = e instanceof UserError ? e : isSystemError(e) ? systemUserError(e, 'use') : undefined;
  if (user !== undefined) {
    process.stderr.write(`${terminalSafe(user.message)}\n`);
    if (verbose) process.stderr.write(`${terminalSafe(stackOf(user.cause ?? user))}\n`);
    return 1;
  }
  process.stderr.write(`witbus: internal error: ${terminalSafe(stackOf(e))}\n`);
  return 2;
}

function stackOf(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}
