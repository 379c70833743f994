/** The small pieces of the resolver: semver order, package-name order, doc comments, stability. */
import { describe, expect, it } from 'vitest';
import { comparePackageNames } from '../../../src/wit/resolve/builder.ts';
import { resolveDocs } from '../../../src/wit/resolve/docs.ts';
import { compareVersions } from '../../../src/wit/resolve/semver.ts';
import { resolveStability } from '../../../src/wit/resolve/stability.ts';
import type { Attribute, Span } from '../../../src/wit/syntax/ast.ts';

const span: Span = { file: 0, start: 0, end: 0 };

describe('compareVersions', () => {
  it('orders as the semver crate does', () => {
    const ordered = ['0.1.0', '0.2.0-alpha', '0.2.0-alpha.1', '0.2.0-alpha.beta', '0.2.0-beta.2', '0.2.0-beta.11', '0.2.0', '0.2.0+build', '0.10.0', '1.0.0'];
    for (let i = 0; i < ordered.length; i++) {
      for (let j = 0; j < ordered.length; j++) {
        expect(Math.sign(compareVersions(ordered[i]!, ordered[j]!))).toBe(Math.sign(i - j));
      }
    }
  });
});

describe('comparePackageNames', () => {
  it('orders by namespace, name, then version with unversioned first', () => {
    const a = { namespace: 'a', name: 'z' };
    const b = { namespace: 'b', name: 'a' };
    const v1 = { namespace: 'b', name: 'a', version: '1.0.0' };
    const v2 = { namespace: 'b', name: 'a', version: '2.0.0' };
    expect([v2, b, v1, a].sort(comparePackageNames)).toEqual([a, b, v1, v2]);
  });
});

describe('resolveDocs', () => {
  const docs = (comments: string[]) => resolveDocs({ comments, span }).contents;

  it('keeps the text of every comment, minus the common indentation', () => {
    expect(docs(['///   first', '///     second', '///'])).toBe('first\n  second');
    expect(docs(['/** block\n   text */'])).toBe('block\n   text');
    expect(docs(['// plain', '/* block */'])).toBe(' plain\n* block */');
    expect(docs([])).toBeNull();
  });
});

describe('resolveStability', () => {
  const since: Attribute = { kind: 'since', span, version: { text: '1.0.0', span } };
  const unstable: Attribute = { kind: 'unstable', span, feature: { name: 'f', span } };
  const deprecated: Attribute = { kind: 'deprecated', span, version: { text: '1.1.0', span } };

  it('combines the attributes wit-parser accepts', () => {
    expect(resolveStability([])).toEqual({ kind: 'unknown' });
    expect(resolveStability([since])).toEqual({ kind: 'stable', since: '1.0.0' });
    expect(resolveStability([deprecated, since])).toEqual({ kind: 'stable', since: '1.0.0', deprecated: '1.1.0' });
    expect(resolveStability([unstable, deprecated])).toEqual({ kind: 'unstable', feature: 'f', deprecated: '1.1.0' });
  });

  it('rejects the others', () => {
    expect(() => resolveStability([deprecated])).toThrow('must pair @deprecated with either @since or @unstable');
    expect(() => resolveStability([since, unstable])).toThrow('unsupported combination of attributes');
    expect(() => resolveStability([since, deprecated, deprecated])).toThrow('unsupported combination of attributes');
  });
});
