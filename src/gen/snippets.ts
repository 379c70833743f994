/** Small pieces of TypeScript syntax that views compose. */
import { LINE_WIDTH } from './generated-file.ts';

/** A JSDoc block for WIT docs (empty when there are none). */
export function docComment(docs: string | null, indent = ''): string {
  if (docs === null || docs.trim() === '') return '';
  const lines = docs.replace(/\*\//g, '*\\/').split('\n');
  if (lines.length === 1) return `${indent}/** ${lines[0]!.trim()} */`;
  return [
    `${indent}/**`,
    ...lines.map((l) => `${indent} *${l.length > 0 ? ' ' : ''}${l.trimEnd()}`),
    `${indent} */`,
  ].join('\n');
}

/**
 * `type Name = Body;` on one line when it fits, else a union one member a line or a record one
 * field a line (prettier's layout). `head` is what precedes `=`, e.g. `export type Shape`.
 */
export function typeAlias(indent: string, head: string, body: string): string {
  const flat = `${indent}${head} = ${body};`;
  if (flat.length <= LINE_WIDTH) return flat;
  const members = topLevelSplit(body, '|');
  if (members.length < 2) {
    // A record one field a line.
    const fields = body.startsWith('{ ') && body.endsWith(' }') ? topLevelSplit(body.slice(2, -2), ';') : [];
    if (fields.length < 2) return flat;
    return [`${indent}${head} = {`, ...fields.map((f) => `${indent}  ${f};`), `${indent}};`].join('\n');
  }
  return [`${indent}${head} =`, ...members.map((m, i) => `${indent}  | ${m}${i === members.length - 1 ? ';' : ''}`)].join('\n');
}

/** A type written as text split at `separator`s outside brackets and quotes. */
function topLevelSplit(type: string, separator: '|' | ';'): string[] {
  const members: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < type.length; i++) {
    const ch = type[i]!;
    if (quote !== null) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '{' || ch === '[' || ch === '(' || ch === '<') depth++;
    else if (ch === '}' || ch === ']' || ch === ')' || ch === '>') depth--;
    else if (ch === separator && depth === 0) {
      members.push(type.slice(start, i).trim());
      start = i + 1;
    }
  }
  members.push(type.slice(start).trim());
  return members;
}

/**
 * `head(a: A, b: B)tail` on one line when it fits, else one parameter a line (prettier's layout),
 * e.g. head `  export function send`, tail `: Uint8Array;`.
 */
export function signature(indent: string, head: string, params: string[], tail: string): string {
  const flat = `${indent}${head}(${params.join(', ')})${tail}`;
  if (flat.length <= LINE_WIDTH || params.length === 0) return flat;
  return `${indent}${head}(\n${params.map((p) => `${indent}  ${p},\n`).join('')}${indent})${tail}`;
}
