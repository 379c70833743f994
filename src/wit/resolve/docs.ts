/** Doc text from the comments in front of an item, exactly as wit-parser's `Resolver::docs`. */
import type { Docs } from '../model.ts';
import type { Docs as AstDocs } from '../syntax/ast.ts';

const ASCII_WS = /^[\t\n\f\r ]*/;

export function resolveDocs(docs: AstDocs): Docs {
  let lines = docs.comments.map((comment) => {
    const body = comment.startsWith('/**') ? comment.slice(3, -2) : comment.replace(/^\/+/, '');
    return body.replace(/\s+$/u, '');
  });
  // The smallest indentation of the non-empty lines is removed from all of them.
  const indents = lines.filter((l) => l !== '').map((l) => ASCII_WS.exec(l)![0].length);
  const minIndent = indents.length === 0 ? 0 : Math.min(...indents);
  if (minIndent > 0) {
    const pattern = ' '.repeat(minIndent);
    lines = lines.map((l) => (l.startsWith(pattern) ? l.slice(minIndent) : l));
  }
  if (lines.length === 0) return { contents: null };
  let contents = '';
  for (const line of lines) {
    if (line === '') contents += '\n';
    else for (const part of rustLines(line)) contents += `${part}\n`;
  }
  return { contents: contents.replace(/\n+$/, '') };
}

/** Rust's `str::lines`: split on `\n`, drop one trailing `\r` per line, no final empty line. */
function rustLines(text: string): string[] {
  const parts = text.split('\n');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts.map((p) => (p.endsWith('\r') ? p.slice(0, -1) : p));
}
