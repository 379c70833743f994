/**
 * A `.d.ts` for a generated TypeScript module (the codec), without the TypeScript compiler, which
 * is not a run-time dependency of witbus: the module's top-level statements are split apart, type
 * declarations and type-only imports are kept as they are, exported functions become `export
 * declare function` signatures, and everything else (values the declarations cannot see) goes.
 * The generator writes plain statements only, so an exported statement of another kind is a bug.
 */

interface Statement {
  /** Doc and line comments right before the statement. */
  comments: string;
  text: string;
  /** A block statement's text before its body (`export function f(a: A): R`). */
  head?: string;
}

/** The top-level statements of `source`, each with the comments that precede it. */
function statements(source: string): Statement[] {
  const out: Statement[] = [];
  let depth = 0;
  let start = 0;
  let comments = '';
  let opensBody = false;
  let bodyAt = -1;
  const blockHead = /^(?:export\s+)?(?:declare\s+)?(?:async\s+)?(?:function|interface|class|enum|namespace)\b/;
  const end = (to: number, head?: string): void => {
    out.push({ comments, text: source.slice(start, to).trim(), ...(head === undefined ? {} : { head }) });
    comments = '';
    start = to;
  };
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    const atStart = depth === 0 && source.slice(start, i).trim() === '';
    if (c === '/' && source[i + 1] === '/') {
      const stop = source.indexOf('\n', i);
      i = stop === -1 ? source.length : stop;
      if (atStart) {
        comments += `${source.slice(start, i).trim()}\n`;
        start = i;
      }
    } else if (c === '/' && source[i + 1] === '*') {
      i = source.indexOf('*/', i + 2) + 1;
      if (i === 0) throw new Error('an unterminated comment');
      if (atStart) {
        comments += `${source.slice(start, i + 1).trim()}\n`;
        start = i + 1;
      }
    } else if (c === "'" || c === '"' || c === '`') {
      for (i++; source[i] !== c; i++) {
        if (i >= source.length) throw new Error('an unterminated string');
        if (source[i] === '\\') i++;
      }
    } else if (c === '(' || c === '[' || c === '{') {
      // At the top level, a brace after `:`, `=`, `|`, `<`… opens a type literal, not a body.
      if (depth === 0 && c === '{') {
        opensBody = !/(?:[:|&<,]|=>?)\s*$/.test(source.slice(start, i));
        if (opensBody) bodyAt = i;
      }
      depth++;
    } else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0 && c === '}' && opensBody && blockHead.test(source.slice(start, i).trim())) {
        end(i + 1, source.slice(start, bodyAt).trim());
      }
    } else if (c === ';' && depth === 0) {
      end(i + 1);
    }
  }
  if (source.slice(start).trim() !== '') throw new Error(`a statement without an end: ${source.slice(start, start + 60)}`);
  return out;
}

/** The declaration file of a generated module. */
export function declarationsOf(source: string): string {
  const kept: string[] = [];
  for (const s of statements(source)) {
    const withComments = (text: string): string => `${s.comments}${text}`;
    if (/^import\s+type\b/.test(s.text)) kept.push(s.text);
    else if (/^(?:export\s+)?(?:type|interface)\s/.test(s.text)) kept.push(withComments(s.text));
    else if (/^export\s+function\b/.test(s.text) && s.head !== undefined) {
      kept.push(withComments(`${s.head.replace(/^export\s+function\b/, 'export declare function')};`));
    }
    else if (/^export\b/.test(s.text)) throw new Error(`no declaration for an exported statement: ${s.text.slice(0, 60)}`);
  }
  return `${kept.join('\n')}\n`;
}
