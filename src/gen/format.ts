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

export async function formatTypeScript(code: string): Promise<string> {
  return format(code, OPTIONS);
}
