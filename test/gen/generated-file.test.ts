import { describe, expect, it } from 'vitest';
import { GENERATED_HEADER, GeneratedFile, type Intrinsic } from '../../src/gen/generated-file.ts';

describe('GeneratedFile', () => {
  it('renders the header, sorted imports, the body, then used helpers', () => {
    const f = new GeneratedFile('x.ts');
    const b = f.import({ name: 'b', from: './z.js' });
    const a = f.import({ name: 'a', from: './z.js' });
    const t = f.import({ name: 'T', from: './a.js', typeOnly: true });
    expect([a, b, t]).toEqual(['a', 'b', 'T']);
    const out = f.render(`export const x: ${t} = ${a}(${b});`);
    expect(out).toBe(
      [
        GENERATED_HEADER,
        '',
        "import type { T } from './a.js';\nimport { a, b } from './z.js';",
        '',
        'export const x: T = a(b);',
        '',
      ].join('\n'),
    );
  });

  it('wraps an import wider than 100 columns one name a line, as prettier does', () => {
    const f = new GeneratedFile('x.ts');
    const names = Array.from({ length: 12 }, (_, i) => `decodeSomething${i}`);
    for (const name of names) f.import({ name, from: './codec.js' });
    const lines = f.render('').split('\n');
    // Sorted as strings: decodeSomething0, decodeSomething1, decodeSomething10, ...
    const sorted = [...names].sort();
    expect(lines.slice(2, 2 + names.length + 2)).toEqual([
      'import {',
      ...sorted.map((n) => `  ${n},`),
      "} from './codec.js';",
    ]);
  });

  it('gives declared names first come, first served, and imports take what is left', () => {
    const f = new GeneratedFile('x.ts');
    expect(f.declare('readThing')).toBe('readThing');
    expect(f.declare('readThing')).toBe('readThing2');
    expect(f.import({ name: 'readThing', from: 'm' })).toBe('readThing3');
    expect(f.render('')).toContain("import { readThing as readThing3 } from 'm';");
  });

  it('renames imports that collide with reserved names or each other', () => {
    const f = new GeneratedFile('x.ts', ['call']);
    expect(f.import({ name: 'call', from: 'm1' })).toBe('call2');
    expect(f.import({ name: 'call', from: 'm2' })).toBe('call3');
    expect(f.import({ name: 'call', from: 'm1' })).toBe('call2');
    expect(f.render('')).toContain("import { call as call2 } from 'm1';");
  });

  it('keeps a mixed import a value import', () => {
    const f = new GeneratedFile('x.ts');
    f.import({ name: 'T', from: 'm', typeOnly: true });
    f.import({ name: 'v', from: 'm' });
    expect(f.render('')).toContain("import { type T, v } from 'm';");
    f.import({ name: 'T', from: 'm' });
    expect(f.render('')).toContain("import { T, v } from 'm';");
  });

  it('emits each helper once, with its dependencies, only when used', () => {
    const dep: Intrinsic = { name: 'dep', code: 'function dep() {}' };
    const main: Intrinsic = { name: 'main', code: 'function main() { dep(); }', uses: [dep] };
    const unused: Intrinsic = { name: 'unused', code: 'function unused() {}' };
    const f = new GeneratedFile('x.ts');
    expect(f.use(main)).toBe('main');
    f.use(main);
    const out = f.render('main();');
    expect(out.match(/function dep/g)).toHaveLength(1);
    expect(out.indexOf('function dep')).toBeLessThan(out.indexOf('function main'));
    expect(out).not.toContain(unused.code);
  });

  it('traces the names a body asks for, not those of its helpers’ dependencies or of a nested trace', () => {
    const dep: Intrinsic = { name: 'dep', code: 'function dep() {}' };
    const main: Intrinsic = { name: 'main', code: 'function main() { dep(); }', uses: [dep] };
    const f = new GeneratedFile('x.ts');
    f.import({ name: 'a', from: 'm' });
    let inner = new Set<string>();
    const outer = f.traced(() => {
      f.use(main);
      f.import({ name: 'a', from: 'm' });
      inner = f.traced(() => f.import({ name: 'b', from: 'm' }));
    });
    expect([...outer].sort()).toEqual(['a', 'main']);
    expect([...inner]).toEqual(['b']);
    expect(f.traced(() => {})).toEqual(new Set());
  });
});
