/** Small pieces of TypeScript syntax that views compose. */

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
