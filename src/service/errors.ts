/**
 * The one error type every face of witbus shows to a user as it is: a message (already rendered,
 * with file:line:col and a code frame where there is a place), no stack trace, exit code 1.
 * Anything else that escapes is an internal error.
 */
import type { WitLoadError } from '../wit/index.ts';

export class UserError extends Error {
  override name = 'UserError';
}

/** What Node's system error codes mean, in the words of `strerror`. */
const SYSTEM_REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'is a folder',
  EEXIST: 'already exists',
  ENOTEMPTY: 'folder not empty',
  ENOSPC: 'no space left on device',
  EROFS: 'read-only file system',
  EMFILE: 'too many open files',
  EBUSY: 'resource busy',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'file name too long',
  EADDRINUSE: 'address already in use',
  EADDRNOTAVAIL: 'address not available',
};

interface SystemError extends Error {
  code: string;
  path?: string;
}

export function isSystemError(e: unknown): e is SystemError {
  return e instanceof Error && typeof (e as SystemError).code === 'string' && (e as SystemError).code in SYSTEM_REASONS;
}

/**
 * A file system or network failure as a user error: `cannot <doing> <path>: <reason>`. The
 * environment (a blocked path, a full disk, a port in use) is the user's to fix, not a bug.
 */
export function systemUserError(e: unknown, doing: string): UserError | undefined {
  if (!isSystemError(e)) return undefined;
  const where = e.path === undefined ? '' : ` ${e.path}`;
  return new UserError(`error: cannot ${doing}${where}: ${SYSTEM_REASONS[e.code]}`, { cause: e });
}

/**
 * A WIT error as wit-parser renders it. An error with no place in any file (no `package` header,
 * a file that is not UTF-8) still names the input it was loading.
 */
export function witUserError(e: WitLoadError, input: string): UserError {
  const rendered = e.render();
  const located = rendered.includes('\n     --> ') || rendered.includes(input);
  return new UserError(located ? rendered : `${rendered}\n     --> ${input}`, { cause: e });
}
