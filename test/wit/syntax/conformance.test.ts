/**
 * wit-parser's own UI suite: every parse-fail case whose error the syntax layer raises must render
 * byte-for-byte as wit-parser's; every other parse-fail case must be syntactically valid (its error
 * comes from resolution) and its expected error must not be a syntax error; every valid corpus file
 * must parse.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { describeShared } from '../../helpers/describe-shared.ts';
import { WitError, renderWitError, type SourceMap } from '../../../src/wit/diagnostic.ts';
import { parseWitFile } from '../../../src/wit/syntax/parser.ts';
import { SHARED, UI_DIR, parseFailCases, witFilesUnder } from './conformance-files.ts';

function firstSyntaxError(files: { text: string }[]): WitError | null {
  for (let i = 0; i < files.length; i++) {
    try {
      parseWitFile(i, files[i]!.text);
    } catch (err) {
      if (err instanceof WitError) return err;
      throw err;
    }
  }
  return null;
}

/** Messages only the lexer/parser produce; a resolution-error case must not expect one. */
const SYNTAX_MESSAGE =
  /(^|: )(expected |unexpected |invalid character|unterminated|identifiers must|package nesting|unknown attribute)/;

describeShared('wit-parser parse-fail cases', () => {
  const cases = parseFailCases();
  const syntaxCases = cases.filter((c) => firstSyntaxError(c.files) !== null);

  it('finds the syntax-error cases among them', () => {
    expect(syntaxCases.length).toBeGreaterThanOrEqual(20);
  });

  for (const c of cases) {
    it(c.name, () => {
      const err = firstSyntaxError(c.files);
      if (err === null) {
        expect(c.expected.split('\n')[0]).not.toMatch(SYNTAX_MESSAGE);
        return;
      }
      const sources: SourceMap = {
        files: c.files.map((f) => ({ path: f.displayPath, text: f.text })),
      };
      const rendered = renderWitError(err, sources);
      // Package directories wrap the message in loader context, which is not the parser's job.
      if (c.files.length > 1) expect(c.expected.endsWith(`: ${rendered}`)).toBe(true);
      else expect(rendered).toBe(c.expected);
    });
  }
});

describeShared('valid WIT parses', () => {
  const roots = [`${SHARED}/corpus/real`, `${SHARED}/conformance/wit-print`, UI_DIR];
  const files = roots.flatMap(witFilesUnder).filter((f) => !f.includes('/parse-fail/'));

  it('covers the corpus', () => {
    expect(files.length).toBeGreaterThan(300);
  });

  it.each(files)('%s', (path) => {
    expect(() => parseWitFile(0, readFileSync(path, 'utf8'))).not.toThrow();
  });
});
