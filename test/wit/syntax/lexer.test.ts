import { describe, expect, it } from 'vitest';
import { WitError } from '../../../src/wit/diagnostic.ts';
import { Tokenizer, describeToken, validateId } from '../../../src/wit/syntax/lexer.ts';

function kinds(text: string): string[] {
  const tokens = Tokenizer.create(0, text);
  const out: string[] = [];
  for (let t = tokens.next(); t !== null; t = tokens.next()) out.push(t.kind);
  return out;
}

function lexError(text: string): { message: string; start: number; end: number } {
  try {
    kinds(text);
  } catch (err) {
    if (err instanceof WitError) return { message: err.message, ...err.span };
    throw err;
  }
  throw new Error(`no error lexing ${JSON.stringify(text)}`);
}

describe('Tokenizer', () => {
  it('splits keywords, identifiers and punctuation', () => {
    expect(kinds('a: func(b: list<u32>) -> result<_, string>;')).toEqual([
      'id',
      ':',
      'func',
      '(',
      'id',
      ':',
      'list',
      '<',
      'u32',
      '>',
      ')',
      '->',
      'result',
      '<',
      '_',
      ',',
      'string',
      '>',
      ';',
    ]);
    expect(kinds('error-context %bool %a-b apple-Pear garçon 東京 _a_ 0123')).toEqual([
      'error-context',
      'explicit-id',
      'explicit-id',
      'id',
      'id',
      'id',
      'id',
      'integer',
    ]);
    expect(kinds('@ / + - . = * { }')).toEqual(['@', '/', '+', '-', '.', '=', '*', '{', '}']);
  });

  it('skips line, block and nested block comments and folds CRLF', () => {
    expect(kinds('a // x\r\n/* b /* c */ d */ e\r\n')).toEqual(['id', 'id']);
    expect(kinds('\ufeffa')).toEqual(['id']);
  });

  it('keeps comments as raw tokens', () => {
    const tokens = Tokenizer.create(0, '/// doc\nx');
    expect(tokens.nextRaw()).toEqual({ kind: 'comment', span: { file: 0, start: 0, end: 8 } });
  });

  it('lexes string literals with escapes', () => {
    expect(kinds('"a\\u{1F600}\\41\\n\\t\\"\\\\"')).toEqual(['string-literal']);
  });

  it('reports lexer errors at one character with wit-parser messages', () => {
    expect(lexError('a $')).toEqual({ message: "unexpected character '$'", file: 0, start: 2, end: 3 });
    expect(lexError('a\rb').message).toBe("unexpected character '\\r'");
    expect(lexError('x /* /* */').message).toBe('unterminated block comment');
    expect(lexError('x\u0007')).toEqual({ message: "Control code '\\u{7}'", file: 0, start: 1, end: 2 });
    expect(lexError('x\u202e').message).toBe(
      "Input contains bidirectional override codepoint EscapeUnicode(EscapeIterInner('\\u{202e}'))",
    );
    expect(lexError('"\\q"').message).toBe("invalid string escape 'q'");
    expect(lexError('"\\ff"').message).toBe('invalid UTF-8: invalid utf-8 sequence of 1 bytes from index 0');
    expect(lexError('"\\u{110000}"').message).toBe('invalid unicode value 0x110000');
    expect(lexError('"abc').message).toBe('unexpected end of file');
    expect(lexError('x 😀').end - lexError('x 😀').start).toBe(2);
  });

  it('checks the whole input before tokenizing', () => {
    expect(lexError('$ \u0149').message).toBe(
      "Codepoint EscapeUnicode(EscapeIterInner('\\u{149}')) is discouraged by Unicode",
    );
  });

  it('gives lexer-style errors from expect', () => {
    const tokens = Tokenizer.create(0, 'a b');
    expect(tokens.expect('id')).toEqual({ file: 0, start: 0, end: 1 });
    expect(() => tokens.expect(';')).toThrow("expected ';', found an identifier");
    expect(() => Tokenizer.create(0, '').expect('{')).toThrow("expected '{', found eof");
  });

  it('describes tokens as wit-parser does', () => {
    expect(describeToken('option')).toBe('keyword `option`');
    expect(describeToken('->')).toBe('`->`');
    expect(describeToken('explicit-id')).toBe("an '%' identifier");
    expect(describeToken('{')).toBe("'{'");
  });
});

describe('validateId', () => {
  it('accepts kebab-case in one case per part', () => {
    for (const id of [
      'apple',
      'apple-pear',
      'a0',
      'APPLE-PEAR',
      'apple-PEAR-grape',
      'is-XML',
      'apple-0',
      'a0-000-3d4a-54FF',
    ]) {
      expect(validateId(id)).toBeNull();
    }
  });

  it('rejects everything else with the offending character', () => {
    expect(validateId('')).toBe("identifiers must have characters between '-'s");
    expect(validateId('a--b')).toBe("identifiers must have characters between '-'s");
    expect(validateId('0a')).toBe("invalid character in identifier '0'");
    expect(validateId('Apple')).toBe("invalid character in identifier 'p'");
    expect(validateId('apple_pear')).toBe("invalid character in identifier '_'");
    expect(validateId('garçon')).toBe("invalid character in identifier 'ç'");
    expect(validateId('a\u0301')).toBe("invalid character in identifier '\\u{301}'");
  });
});
