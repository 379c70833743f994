import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Docs } from '../../../src/wit/syntax/ast.ts';
import { docsContents } from '../../../src/wit/syntax/docs.ts';
import { parseWitFile } from '../../../src/wit/syntax/parser.ts';
import { UI_DIR } from './conformance-files.ts';

function docs(...comments: string[]): Docs {
  return { comments, span: { file: 0, start: 0, end: 0 } };
}

describe('docsContents', () => {
  it('is null without comments', () => {
    expect(docsContents(docs())).toBeNull();
  });

  it('strips comment markers and the common indentation', () => {
    expect(docsContents(docs('/// one\n', '///   two\n'))).toBe('one\n  two');
    expect(docsContents(docs('/** block\n *  more */'))).toBe('block\n *  more');
    expect(docsContents(docs('//\n', '/// a\n', '//\n'))).toBe('\na');
    expect(docsContents(docs('/// a\r\n'))).toBe('a');
  });

  it("reproduces wit-parser's docs for comments.wit", () => {
    const file = parseWitFile(0, readFileSync(`${UI_DIR}/comments.wit`, 'utf8'));
    const expected = JSON.parse(readFileSync(`${UI_DIR}/comments.wit.json`, 'utf8')) as {
      interfaces: { docs: { contents: string } }[];
    };
    const iface = file.items[0];
    if (iface?.kind !== 'interface') throw new Error('expected an interface');
    expect(docsContents(iface.interface.docs)).toBe(expected.interfaces[0]!.docs.contents);
  });
});
