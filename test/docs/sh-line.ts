/**
 * One line of a README `sh` block, split as a POSIX shell splits it — for the plain lines a quick
 * start uses: words, single quotes, a trailing `&` and a trailing `# comment`. Anything else the
 * shell would expand or redirect is refused, so a test never runs a line other than as written.
 */
export interface ShLine {
  words: string[];
  /** Ends with `&`: runs in the background. */
  background: boolean;
  /** The text after `#`, trimmed ('' when none). */
  comment: string;
}

const SPECIAL = /["\\$`|;<>()*?[\]{}~]/;

export function parseShLine(line: string): ShLine {
  const words: string[] = [];
  let word: string | undefined;
  let comment = '';
  let i = 0;
  for (; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unclosed quote in: ${line}`);
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (c === ' ' || c === '\t') {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === '&') {
      if (word !== undefined) words.push(word);
      word = undefined;
      words.push('&');
    } else if (c === '#' && word === undefined) {
      comment = line.slice(i + 1).trim();
      break;
    } else if (SPECIAL.test(c)) throw new Error(`the shell would treat ${c} specially in: ${line}`);
    else word = (word ?? '') + c;
  }
  if (word !== undefined) words.push(word);
  const background = words.at(-1) === '&';
  if (background) words.pop();
  if (words.includes('&')) throw new Error(`& before the end of: ${line}`);
  return { words, background, comment };
}
