/** The npm identity of a packed contract: name templates and versions. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_NAME_TEMPLATE, packageName, packageVersion } from '../../src/pack/manifest.ts';

const parts = { namespace: 'wasmcloud', package: 'keyvalue', interface: 'key-value' };

describe('packageName', () => {
  it('fills the default template as @<namespace>/<package>-<interface>', () => {
    expect(packageName(DEFAULT_NAME_TEMPLATE, parts)).toBe('@wasmcloud/keyvalue-key-value');
  });

  it('fills a custom template, each placeholder as often as it appears', () => {
    expect(packageName('{package}-{interface}-{package}', parts)).toBe('keyvalue-key-value-keyvalue');
    expect(packageName('@acme/{interface}', parts)).toBe('@acme/key-value');
  });

  it('refuses an unknown placeholder, naming the ones there are', () => {
    expect(() => packageName('@{org}/{interface}', parts)).toThrow(
      'the name template "@{org}/{interface}" has {org}; it may use {namespace}, {package} and {interface}',
    );
  });

  it("refuses what npm would refuse as a new package's name", () => {
    for (const template of ['{package} {interface}', 'Acme-{interface}', '@acme/', '.{package}', `${'x'.repeat(210)}-{interface}`]) {
      expect(() => packageName(template, parts), template).toThrow(/is not a valid npm package name/);
    }
  });
});

describe('packageVersion', () => {
  it("is the WIT package's version unless one is given", () => {
    expect(packageVersion('a:b/c@1.2.3', '1.2.3', undefined)).toBe('1.2.3');
    expect(packageVersion('a:b/c@1.2.3', '1.2.3', '2.0.0-rc.1')).toBe('2.0.0-rc.1');
    expect(packageVersion('a:b/c', undefined, '0.1.0')).toBe('0.1.0');
  });

  it('is an error when the WIT package has none and none is given', () => {
    expect(() => packageVersion('a:b/c', undefined, undefined)).toThrow(
      'a:b/c has no version: give the WIT package one (package ns:name@1.0.0) or pass --package-version',
    );
  });

  it('refuses a given version that is not semver, with the semver crate\'s reason', () => {
    expect(() => packageVersion('a:b/c', undefined, '1.2')).toThrow(
      '--package-version "1.2" is not a semver version: unexpected end of input while parsing minor version number',
    );
  });
});
