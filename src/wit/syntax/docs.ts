/**
 * The documentation text of an item, computed from its raw comments exactly as wit-parser 0.257's
 * resolver does: every comment counts (not only `///` and `/**`), `//...` loses its leading
 * slashes, `/** ... *\/` its delimiters, the smallest common run of leading spaces is removed, and
 * trailing newlines are dropped.
 */
import type { Docs } from './ast.ts';

const ASCII_WHITESPACE = /^[ \t\n\f\r]*/;

function commentBody(comment: string): string {
  if (comment.startsWith('/**') && comment.endsWith('*/')) return comment.slice(3, -2);
  return comment.replace(/^\/+/, '');
}

/** Rust's `str::lines`: split on `\n`, drop one trailing `\r` per line, no final empty line. */
function rustLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
}

/** `null` when the item has no comments at all. */
export function docsContents(docs: Docs): string | null {
  if (docs.comments.length === 0) return null;
  let bodies = docs.comments.map((comment) => commentBody(comment).trimEnd());
  const indents = bodies.filter((b) => b !== '').map((b) => ASCII_WHITESPACE.exec(b)![0].length);
  const indent = indents.length === 0 ? 0 : Math.min(...indents);
  if (indent > 0) {
    const prefix = ' '.repeat(indent);
    bodies = bodies.map((b) => (b.startsWith(prefix) ? b.slice(indent) : b));
  }
  let contents = '';
  for (const body of bodies) {
    if (body === '') contents += '\n';
    else for (const line of rustLines(body)) contents += `${line}\n`;
  }
  return contents.replace(/\n+$/, '');
}
