import { describe, expect, it } from 'vitest';
import { WitError, renderWitError, spanLocation, type SourceMap } from '../../../src/wit/diagnostic.ts';

function sources(text: string, path = 'x.wit'): SourceMap {
  return { files: [{ path, text }] };
}

function at(text: string, needle: string, length = needle.length): WitError {
  const start = text.indexOf(needle);
  return new WitError({ file: 0, start, end: start + length }, 'boom');
}

describe('renderWitError', () => {
  it('draws the code frame with a caret and one dash per further character', () => {
    const text = 'package a:b;\ninterface foo {\n  type x = bar;\n}\n';
    expect(renderWitError(at(text, 'bar'), sources(text))).toBe(
      ['boom', '     --> x.wit:3:12', '      |', '    3 |   type x = bar;', '      |            ^--'].join('\n'),
    );
  });

  it('counts columns in characters, not UTF-16 units or bytes', () => {
    const text = '/* é😀 */ bad';
    const err = at(text, 'bad');
    expect(spanLocation(err.span, sources(text))).toEqual({ path: 'x.wit', line: 1, col: 10 });
    expect(renderWitError(err, sources(text)).split('\n')[4]).toBe(`      | ${' '.repeat(9)}^--`);
  });

  it('keeps tabs in the snippet but pads the caret with spaces', () => {
    const text = '\tbad';
    expect(renderWitError(at(text, 'bad'), sources(text)).split('\n').slice(3)).toEqual([
      '    1 | \tbad',
      '      |  ^--',
    ]);
  });

  it('drops the carriage return of a CRLF line from the snippet only', () => {
    const text = 'a;\r\nbad\r\n';
    const rendered = renderWitError(at(text, 'bad'), sources(text));
    expect(rendered.split('\n')[1]).toBe('     --> x.wit:2:1');
    expect(rendered.split('\n')[3]).toBe('    2 | bad');
  });

  it('points past the last line at end of input', () => {
    const text = 'interface foo {\n';
    const err = new WitError({ file: 0, start: text.length, end: text.length }, 'eof');
    expect(renderWitError(err, sources(text)).split('\n').slice(1)).toEqual([
      '     --> x.wit:2:1',
      '      |',
      '    2 | ',
      '      | ^',
    ]);
  });

  it('stays on the last line when the file has no final newline', () => {
    const text = 'abc';
    const err = new WitError({ file: 0, start: 3, end: 3 }, 'eof');
    expect(spanLocation(err.span, sources(text))).toEqual({ path: 'x.wit', line: 1, col: 4 });
  });

  it('falls back to a one-line location past column 65535', () => {
    const text = `${'a'.repeat(70000)} bad`;
    expect(renderWitError(at(text, 'bad'), sources(text))).toBe('x.wit:1:70002: boom');
  });

  it('widens the gutter for long files and picks the span file', () => {
    const text = `${'\n'.repeat(12344)}bad`;
    const err = new WitError({ file: 1, start: 12344, end: 12347 }, 'far');
    const map: SourceMap = {
      files: [
        { path: 'a.wit', text: '' },
        { path: 'b.wit', text },
      ],
    };
    expect(renderWitError(err, map).split('\n').slice(1, 4)).toEqual([
      '     --> b.wit:12345:1',
      '      |',
      ' 12345 | bad',
    ]);
  });

  it('prefixes context like anyhow', () => {
    const err = new WitError({ file: 0, start: 0, end: 1 }, 'inner').withContext('outer');
    expect(err.message).toBe('outer: inner');
    expect(err).toBeInstanceOf(WitError);
  });
});
