import { describe, expect, it } from 'vitest';
import { WitError } from '../../../src/wit/diagnostic.ts';
import type { Id } from '../../../src/wit/syntax/ast.ts';
import { toposort } from '../../../src/wit/syntax/toposort.ts';

function id(name: string, start = 0): Id {
  return { name, span: { file: 0, start, end: start + name.length } };
}

function graph(entries: [string, string[]][]): Map<string, Id[]> {
  let offset = 0;
  return new Map(entries.map(([name, deps]) => [name, deps.map((d) => id(d, (offset += 10)))]));
}

function errorOf(f: () => unknown): WitError {
  try {
    f();
  } catch (err) {
    if (err instanceof WitError) return err;
    throw err;
  }
  throw new Error('expected a WitError');
}

describe('toposort', () => {
  it('keeps source order among independent nodes', () => {
    expect(toposort('type', graph([]))).toEqual([]);
    expect(
      toposort(
        'type',
        graph([
          ['a', []],
          ['b', []],
        ]),
      ),
    ).toEqual(['a', 'b']);
    expect(
      toposort(
        'type',
        graph([
          ['b', []],
          ['a', []],
        ]),
      ),
    ).toEqual(['b', 'a']);
  });

  it('puts dependencies first', () => {
    expect(
      toposort(
        'type',
        graph([
          ['a', ['b']],
          ['b', []],
        ]),
      ),
    ).toEqual(['b', 'a']);
    expect(
      toposort(
        'type',
        graph([
          ['b', ['a', 'a']],
          ['a', []],
        ]),
      ),
    ).toEqual(['a', 'b']);
    expect(
      toposort(
        'type',
        graph([
          ['c', ['a']],
          ['b', []],
          ['a', []],
          ['d', ['c', 'b']],
        ]),
      ),
    ).toEqual(['b', 'a', 'c', 'd']);
  });

  it('reports a missing dependency at the reference', () => {
    const err = errorOf(() => toposort('interface or world', graph([['a', ['nope']]])));
    expect(err.message).toBe('interface or world `nope` does not exist');
    expect(err.span.start).toBe(10);
  });

  it('reports the first edge of a cycle', () => {
    expect(errorOf(() => toposort('type', graph([['a', ['a']]]))).message).toBe('type `a` depends on itself');
    const err = errorOf(() =>
      toposort(
        'type',
        graph([
          ['ok', []],
          ['x', ['ok', 'y']],
          ['y', ['x']],
        ]),
      ),
    );
    expect(err.message).toBe('type `y` depends on itself');
    expect(err.span.start).toBe(20);
  });

  it('handles long chains without recursion', () => {
    const entries: [string, string[]][] = [];
    for (let i = 0; i < 5000; i++) entries.push([`n${i}`, i === 0 ? [] : [`n${i - 1}`]]);
    entries.reverse();
    const order = toposort('type', graph(entries));
    expect(order[0]).toBe('n0');
    expect(order[4999]).toBe('n4999');
  });
});
