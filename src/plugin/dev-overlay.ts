/**
 * A WIT error as Vite's dev server shows it. Vite sends a failed module's error to its client
 * overlay as `{ message, loc: { file, line, column }, frame, plugin, id }` and prints the same
 * fields in the terminal, but only reads them from the thrown error: the plugin's errors carry
 * the place inside the message, as wit-parser renders it (src/wit/diagnostic.ts):
 *
 *     message
 *          --> path:line:col
 *           |
 *        12 | source line
 *           |    ^---
 *
 * so the place and code frame are taken out of the message into those fields.
 */
import type { Plugin } from 'vite';

export interface OverlayError extends Error {
  plugin?: string;
  id?: string;
  /** Line and column as the message gave them (1-based), which the overlay's editor link takes. */
  loc?: { file: string; line: number; column: number };
  frame?: string;
}

const PLACE = /^\s*--> (.+?)(?::(\d+):(\d+))?$/;

/** `e` with its place and code frame in Vite's fields; other errors, and ones already framed, stay as they are. */
export function overlayError(e: unknown, plugin: string): unknown {
  if (!(e instanceof Error) || (e as OverlayError).frame !== undefined) return e;
  const lines = e.message.split('\n');
  const at = lines.findIndex((l) => PLACE.test(l));
  if (at < 0) return e;
  const [, file, line, column] = PLACE.exec(lines[at]!)!;
  const placed: OverlayError = Object.assign(new Error(lines.slice(0, at).join('\n')), {
    // The stack would only repeat the message: the error is the user's WIT, not witbus.
    stack: '',
    plugin,
    id: file!,
    ...(line === undefined ? {} : { loc: { file: file!, line: Number(line), column: Number(column) } }),
    frame: lines.slice(at + 1).join('\n'),
  });
  return placed;
}

/** The plugin with the errors of its `load` hook placed for Vite's overlay. */
export function withOverlayErrors(plugin: Plugin): Plugin {
  const load = plugin.load;
  if (typeof load !== 'function') return plugin;
  return {
    ...plugin,
    async load(...args) {
      try {
        return await load.apply(this, args);
      } catch (e) {
        throw overlayError(e, plugin.name);
      }
    },
  };
}
