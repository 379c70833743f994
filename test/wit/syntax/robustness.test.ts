/**
 * Hostile input: whatever the text, the parser returns a tree or throws a WitError whose span lies
 * inside the file (so it can be rendered) — never another exception, never a hang.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WitError, renderWitError } from '../../../src/wit/diagnostic.ts';
import { parseWitFile } from '../../../src/wit/syntax/parser.ts';
import { hasShared } from '../../helpers/shared.ts';
import { UI_DIR } from './conformance-files.ts';

function outcome(text: string): 'ok' | 'error' {
  try {
    parseWitFile(0, text);
    return 'ok';
  } catch (err) {
    if (!(err instanceof WitError)) throw err;
    expect(err.span.start).toBeGreaterThanOrEqual(0);
    expect(err.span.start).toBeLessThanOrEqual(text.length);
    expect(renderWitError(err, { files: [{ path: 'f.wit', text }] })).toContain(err.message);
    return 'error';
  }
}

const pieces = [
  'package a:b;',
  'interface',
  'world',
  'i',
  '{',
  '}',
  '<',
  '>',
  '(',
  ')',
  ':',
  ';',
  ',',
  '.',
  '/',
  '@',
  '%',
  '"',
  '->',
  'func',
  'list',
  'result',
  '_',
  'u32',
  'resource',
  'constructor',
  'static',
  'async',
  'import',
  'export',
  'include',
  'with',
  'as',
  'use',
  'type',
  '=',
  '1.0.0',
  '/*',
  '*/',
  '//',
  '\n',
  ' ',
  '\r',
  '\t',
  'é',
  '😀',
  '\u0301',
];

describe('parser robustness', () => {
  it('handles arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => void outcome(s)),
      { numRuns: 300 },
    );
  });

  it('handles token soup', () => {
    const soup = fc.array(fc.constantFrom(...pieces), { maxLength: 80 }).map((p) => p.join(' '));
    fc.assert(
      fc.property(soup, (s) => void outcome(s)),
      { numRuns: 500 },
    );
  });

  it.skipIf(!hasShared())('handles truncations and splices of a real file', () => {
    const seed = readFileSync(`${UI_DIR}/types.wit`, 'utf8');
    const cut = fc.tuple(fc.nat(seed.length), fc.nat(seed.length), fc.constantFrom(...pieces));
    fc.assert(
      fc.property(cut, ([a, b, piece]) => {
        const [lo, hi] = a < b ? [a, b] : [b, a];
        outcome(seed.slice(0, lo) + piece + seed.slice(hi));
      }),
      { numRuns: 300 },
    );
    expect(outcome(seed)).toBe('ok');
  });
});
