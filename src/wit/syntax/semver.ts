/**
 * Validation of the version text wit-parser hands to the `semver` crate, with that crate's error
 * messages (`invalid leading zero in minor version number`, ...). Returns null when valid.
 */
type Position =
  | 'major version number'
  | 'minor version number'
  | 'patch version number'
  | 'pre-release identifier'
  | 'build metadata';

const U64_MAX = 18446744073709551615n;

function checkNumber(text: string, pos: Position): string | null {
  if (text.length === 0) return `unexpected end of input while parsing ${pos}`;
  if (!/^[0-9]+$/.test(text)) {
    const bad = Array.from(text).find((c) => !/[0-9]/.test(c))!;
    return `unexpected character ${quoteChar(bad)} while parsing ${pos}`;
  }
  if (text.length > 1 && text.startsWith('0')) return `invalid leading zero in ${pos}`;
  if (BigInt(text) > U64_MAX) return `value of ${pos} exceeds u64::MAX`;
  return null;
}

function quoteChar(ch: string): string {
  return `'${ch}'`;
}

function checkIdentifiers(text: string, pos: Position): string | null {
  for (const segment of text.split('.')) {
    if (segment.length === 0) return `empty identifier segment in ${pos}`;
    const bad = Array.from(segment).find((c) => !/[0-9A-Za-z-]/.test(c));
    if (bad !== undefined) return `unexpected character ${quoteChar(bad)} while parsing ${pos}`;
    if (
      pos === 'pre-release identifier' &&
      /^[0-9]+$/.test(segment) &&
      segment.length > 1 &&
      segment.startsWith('0')
    ) {
      return `invalid leading zero in ${pos}`;
    }
  }
  return null;
}

export function semverError(text: string): string | null {
  const plus = text.indexOf('+');
  const core = plus === -1 ? text : text.slice(0, plus);
  const build = plus === -1 ? null : text.slice(plus + 1);
  const dash = core.indexOf('-');
  const numbers = dash === -1 ? core : core.slice(0, dash);
  const pre = dash === -1 ? null : core.slice(dash + 1);
  const [major = '', minor = '', patch = ''] = numbers.split('.');
  return (
    checkNumber(major, 'major version number') ??
    checkNumber(minor, 'minor version number') ??
    checkNumber(patch, 'patch version number') ??
    (pre === null ? null : checkIdentifiers(pre, 'pre-release identifier')) ??
    (build === null ? null : checkIdentifiers(build, 'build metadata'))
  );
}
