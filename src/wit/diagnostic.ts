/**
 * Errors that point into WIT source, and their rendering exactly as wit-parser prints them:
 *
 *     message
 *          --> path:line:col
 *           |
 *        12 | source line
 *           |    ^---
 *
 * Lines and columns are 1-based; the column counts Unicode scalar values (not bytes, not UTF-16
 * units), and the caret is followed by one `-` per further character of the span.
 */
import type { Span } from './syntax/ast.ts';

export type { Span } from './syntax/ast.ts';

export class WitError extends Error {
  readonly span: Span;

  /** `message` carries no location; `renderWitError` adds it. */
  constructor(span: Span, message: string) {
    super(message);
    this.name = 'WitError';
    this.span = span;
  }

  /** The same error with `context: ` in front, as anyhow's `.context()` renders it. */
  withContext(context: string): WitError {
    return new WitError(this.span, `${context}: ${this.message}`);
  }
}

export interface SourceFile {
  /** Path as it should appear in diagnostics. */
  path: string;
  text: string;
}

/** The files that `Span.file` indexes. */
export interface SourceMap {
  files: SourceFile[];
}

export interface Location {
  path: string;
  /** 1-based line. */
  line: number;
  /** 1-based column, in Unicode scalar values. */
  col: number;
}

/**
 * wit-parser's `Format` width limit: Rust refuses padding wider than u16::MAX, so past that column
 * wit-parser prints `path:line:col: message` without a code frame.
 */
const MAX_RENDERED_COLUMN = 0xffff;

function fileOf(sources: SourceMap, span: Span): SourceFile {
  const file = sources.files[span.file];
  if (file === undefined) throw new RangeError(`span refers to unknown file ${span.file}`);
  return file;
}

/**
 * Line and column of `offset`, mirroring wit-parser's `Source::linecol`: the text gets a `\n`
 * appended, lines are split on `\n` only (a `\r` stays part of its line), and an offset past the
 * last line lands on column 1 of the line after it.
 */
function lineCol(text: string, offset: number): { line: number; col: number; lineStart: number } {
  const contents = `${text}\n`;
  let cur = 0;
  let line = 0;
  while (cur < contents.length) {
    let end = contents.indexOf('\n', cur);
    if (end === -1) end = contents.length;
    if (end + 1 > offset) {
      return { line, col: countChars(contents.slice(cur, offset)), lineStart: cur };
    }
    cur = end + 1;
    line++;
  }
  return { line, col: 0, lineStart: contents.length };
}

function countChars(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** The text of line `index` (0-based) as Rust's `str::lines` yields it: no `\n`, no final `\r`. */
function lineText(text: string, index: number): string {
  const lines = `${text}\n`.split('\n');
  // `str::lines` yields no empty line after a final newline.
  lines.pop();
  const line = lines[index] ?? '';
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

export function spanLocation(span: Span, sources: SourceMap): Location {
  const file = fileOf(sources, span);
  const { line, col } = lineCol(file.text, span.start);
  return { path: file.path, line: line + 1, col: col + 1 };
}

export function renderWitError(err: WitError, sources: SourceMap): string {
  return renderSpanMessage(err.span, err.message, sources);
}

/**
 * An error found in the resolved model by a later stage (e.g. a contract check), pointed at the
 * WIT that caused it (a span from `LoadedWit.spans`): `error: message`, then the same location
 * line and code frame as a WIT error.
 */
export function renderModelError(message: string, span: Span, sources: SourceMap): string {
  return `error: ${renderSpanMessage(span, message, sources)}`;
}

/** Renders `message` with the code frame for `span`, as wit-parser's `highlight_span` does. */
export function renderSpanMessage(span: Span, message: string, sources: SourceMap): string {
  const file = fileOf(sources, span);
  const { line, col } = lineCol(file.text, span.start);
  const lineNo = line + 1;
  const colNo = col + 1;
  if (colNo > MAX_RENDERED_COLUMN) return `${file.path}:${lineNo}:${colNo}: ${message}`;
  const snippet = lineText(file.text, line);
  const dashes = Math.max(0, countChars(file.text.slice(span.start, span.end)) - 1);
  const marker = `${' '.repeat(colNo - 1)}^${'-'.repeat(dashes)}`;
  return [
    message,
    `     --> ${file.path}:${lineNo}:${colNo}`,
    '      |',
    ` ${String(lineNo).padStart(4)} | ${snippet}`,
    `      | ${marker}`,
  ].join('\n');
}
