/**
 * Semver ordering as the Rust `semver` crate defines `Ord for Version`: wit-parser orders packages
 * by name (a `BTreeMap<PackageName, _>`) and checks `@since` versions against the package's with it.
 */

interface ParsedVersion {
  core: [number, number, number];
  pre: string[];
  build: string[];
}

function parse(text: string): ParsedVersion {
  const plus = text.indexOf('+');
  const build = plus === -1 ? '' : text.slice(plus + 1);
  const withoutBuild = plus === -1 ? text : text.slice(0, plus);
  const dash = withoutBuild.indexOf('-');
  const pre = dash === -1 ? '' : withoutBuild.slice(dash + 1);
  const core = (dash === -1 ? withoutBuild : withoutBuild.slice(0, dash)).split('.').map(Number);
  return {
    core: [core[0] ?? 0, core[1] ?? 0, core[2] ?? 0],
    pre: pre === '' ? [] : pre.split('.'),
    build: build === '' ? [] : build.split('.'),
  };
}

const NUMERIC = /^[0-9]+$/;

function compareNumericText(a: string, b: string): number {
  // Digit strings without a sign compare by length first, then digit by digit.
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareIdentifiers(a: string[], b: string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    const xNum = NUMERIC.test(x);
    const yNum = NUMERIC.test(y);
    let c: number;
    if (xNum && yNum) c = compareNumericText(x.replace(/^0+(?=.)/, ''), y.replace(/^0+(?=.)/, ''));
    else if (xNum) c = -1;
    else if (yNum) c = 1;
    else c = x < y ? -1 : x > y ? 1 : 0;
    if (c !== 0) return c;
  }
  return Math.sign(a.length - b.length);
}

export function compareVersions(a: string, b: string): number {
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < 3; i++) {
    const c = Math.sign(x.core[i]! - y.core[i]!);
    if (c !== 0) return c;
  }
  // A release sorts after all of its pre-releases.
  if (x.pre.length === 0 || y.pre.length === 0) {
    const c = Math.sign(y.pre.length - x.pre.length);
    if (c !== 0) return c;
  } else {
    const c = compareIdentifiers(x.pre, y.pre);
    if (c !== 0) return c;
  }
  return compareIdentifiers(x.build, y.build);
}
