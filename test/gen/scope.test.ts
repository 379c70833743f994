import { describe, expect, it } from 'vitest';
import { Scope } from '../../src/gen/scope.ts';

describe('Scope', () => {
  it('gives each claim its name, or the first free numbered one, and never renames an added name', () => {
    const s = new Scope(['reply']);
    expect(s.claim('reply')).toBe('reply2');
    expect(s.claim('x')).toBe('x');
    s.add('x2');
    expect(s.claim('x')).toBe('x3');
    expect(s.has('x2')).toBe(true);
    expect(s.has('y')).toBe(false);
  });
});
