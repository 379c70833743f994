/**
 * Formats generated TypeScript with prettier's standalone build: no config lookup on disk, so the
 * output depends only on the input and these options.
 */
import * as estree from 'prettier/plugins/estree';
import * as typescript from 'prettier/plugins/typescript';
import type { Options } from 'prettier';
import { format } from 'prettier/standalone';

const OPTIONS: Options = {
  parser: 'typescript',
  plugins: [estree, typescript],
  printWidth: 100,
  singleQuote: true,
  trailingComma: 'all',
  endOfLine: 'lf',
};

/**
 * `path` is the file's output path. Prettier's TypeScript parser otherwise guesses whether the text
 * is JSX with a regular expression whose cost grows with the square of the text's size; a `.ts`
 * name settles it (no JSX) without changing the output.
 */
export async function formatTypeScript(code: string, path: string): Promise<string> {
  return format(code, { ...OPTIONS, filepath: path });
}
