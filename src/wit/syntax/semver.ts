/**
 * Validation of the version text wit-parser hands to the `semver` crate's `Version::parse`,
 * following that parser's steps so that the first problem found, and its message, are the same.
 */
import { rustCharDebug } from './rust-char.ts';

type Position =
  | 'major version number'
  | 'minor version number'
  | 'patch version number'
  | 'pre-release identifier'
  | 'build metadata';

const U64_MAX = 18446744073709551615n;

class SemverError extends Error {}

function firstChar(text: string): string | undefined {
  return text.length === 0 ? undefined : String.fromCodePoint(text.codePointAt(0)!);
}

/** Digits of a version number; returns the rest of the text. */
function numericIdentifier(text: string, pos: Position): string {
  let len = 0;
  let value = 0n;
  while (len < text.length && text[len]! >= '0' && text[len]! <= '9') {
    if (value === 0n && len > 0) throw new SemverError(`invalid leading zero in ${pos}`);
    value = value * 10n + BigInt(text.charCodeAt(len) - 48);
    if (value > U64_MAX) throw new SemverError(`value of ${pos} exceeds u64::MAX`);
    len++;
  }
  if (len > 0) return text.slice(len);
  const unexpected = firstChar(text);
  if (unexpected !== undefined) {
    throw new SemverError(`unexpected character ${rustCharDebug(unexpected)} while parsing ${pos}`);
  }
  throw new SemverError(`unexpected end of input while parsing ${pos}`);
}

function dot(text: string, pos: Position): string {
  if (text.startsWith('.')) return text.slice(1);
  const unexpected = firstChar(text);
  if (unexpected !== undefined) {
    throw new SemverError(`unexpected character ${rustCharDebug(unexpected)} after ${pos}`);
  }
  throw new SemverError(`unexpected end of input while parsing ${pos}`);
}

/** Dot-separated `[0-9A-Za-z-]+` segments; returns [identifier, rest]. */
function identifier(text: string, pos: Position): [string, string] {
  let accumulated = 0;
  let segment = 0;
  let hasNonDigit = false;
  for (;;) {
    const c = text[accumulated + segment];
    if (c !== undefined && /[A-Za-z-]/.test(c)) {
      segment++;
      hasNonDigit = true;
    } else if (c !== undefined && c >= '0' && c <= '9') {
      segment++;
    } else {
      if (segment === 0) {
        if (accumulated === 0 && c !== '.') return ['', text];
        throw new SemverError(`empty identifier segment in ${pos}`);
      }
      if (pos === 'pre-release identifier' && segment > 1 && !hasNonDigit && text.startsWith('0', accumulated)) {
        throw new SemverError(`invalid leading zero in ${pos}`);
      }
      accumulated += segment;
      if (c !== '.') return [text.slice(0, accumulated), text.slice(accumulated)];
      accumulated++;
      segment = 0;
      hasNonDigit = false;
    }
  }
}

function nonEmptyIdentifier(text: string, pos: Position): [string, string] {
  const [ident, rest] = identifier(text, pos);
  if (ident === '') throw new SemverError(`empty identifier segment in ${pos}`);
  return [ident, rest];
}

function checkVersion(input: string): void {
  if (input === '') throw new SemverError('empty string, expected a semver version');
  let text = numericIdentifier(input, 'major version number');
  text = dot(text, 'major version number');
  text = numericIdentifier(text, 'minor version number');
  text = dot(text, 'minor version number');
  text = numericIdentifier(text, 'patch version number');
  let pos: Position = 'patch version number';
  if (text.startsWith('-')) {
    text = nonEmptyIdentifier(text.slice(1), 'pre-release identifier')[1];
    pos = 'pre-release identifier';
  }
  if (text.startsWith('+')) {
    text = nonEmptyIdentifier(text.slice(1), 'build metadata')[1];
    pos = 'build metadata';
  }
  const unexpected = firstChar(text);
  if (unexpected !== undefined) {
    throw new SemverError(`unexpected character ${rustCharDebug(unexpected)} after ${pos}`);
  }
}

/** The semver crate's error message for `text`, or null when it is a valid version. */
export function semverError(text: string): string | null {
  try {
    checkVersion(text);
    return null;
  } catch (err) {
    if (err instanceof SemverError) return err.message;
    throw err;
  }
}
