/**
 * Imports shared by several children, on small hand-written components (fixtures/*.wat, turned
 * into binaries by jco's wasm-tools): one import when their types agree, an error naming both
 * children and the interface when they do not, and wasm-tools' verdict when an export does not
 * fit the import it is wired to.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { componentWit, parse } from '@bytecodealliance/jco';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compose, ComposeError, type ComposeInput } from '../../src/compose/index.ts';
import { readInterface } from '../../src/compose/read.ts';
import { composeFiles } from '../../src/service/compose.ts';
import { UserError } from '../../src/service/errors.ts';
import { transpile } from './transpiled.ts';

const FIXTURES = new URL('./fixtures/', import.meta.url);

async function fixture(name: string): Promise<ComposeInput> {
  return { name, bytes: await parse(await readFile(new URL(`${name}.wat`, FIXTURES), 'utf8')) };
}

const world = (lines: string[]): string =>
  ['package root:component;', '', 'world root {', ...lines, '}', ''].join('\n');

describe('composing children that import the same interface', () => {
  it('declares one import with the functions of both, and wires it to each', async () => {
    const composite = compose([await fixture('a'), await fixture('b')]);
    expect(composite.imports).toEqual(['test:demo/api']);
    expect(await componentWit(composite.bytes)).toBe(
      world(['  import test:demo/api;', '', '  export test:demo/a;', '  export test:demo/b;']),
    );
    const run = await transpile('ab', composite.bytes);
    try {
      const calls: string[] = [];
      const exports = await run.instantiate({
        'test:demo/api': {
          f: ((x: number) => (calls.push(`f(${x})`), x * 10)) as never,
          g: (() => (calls.push('g()'), 7)) as never,
        },
      });
      // a's run is f(1); b's is f(2) + g().
      expect(exports['test:demo/a']!.run!()).toBe(10);
      expect(exports['test:demo/b']!.run!()).toBe(27);
      expect(calls).toEqual(['f(1)', 'f(2)', 'g()']);
    } finally {
      await run.dispose();
    }
  });

  it('names both children and the interface when their types differ', async () => {
    const [a, b, c] = await Promise.all(['a', 'b', 'c'].map(fixture));
    expect(() => compose([a!, b!, c!])).toThrow(
      new ComposeError('a and c import test:demo/api with different types (its f differs)'),
    );
    expect(() => compose([c!, a!])).toThrow(
      new ComposeError('c and a import test:demo/api with different types (its f differs)'),
    );
  });
});

describe('declaring imports', () => {
  it('keeps every kind of value type, resources, handles and types used across interfaces, as wasm-tools checks', async () => {
    const types = await fixture('types');
    const composite = compose([types, await fixture('a')]);
    // wasm-tools validates that each child gets an import that is a subtype of what it declares.
    expect(await componentWit(composite.bytes)).toBe(
      world([
        '  import test:types/base@1.2.3;',
        '  import test:types/api;',
        '  import test:demo/api;',
        '',
        '  export test:types/user;',
        '  export test:demo/a;',
      ]),
    );
    expect(readInterface(composite.bytes).imports.slice(0, 2)).toEqual(readInterface(types.bytes).imports);
  });
});

describe('witbus compose as a service', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'witbus-compose-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function wat(name: string): Promise<string> {
    const path = join(dir, `${name}.wasm`);
    await writeFile(path, (await fixture(name)).bytes);
    return path;
  }

  it("refuses an export that does not fit the import it is wired to, with wasm-tools' reason, and writes nothing", async () => {
    const out = join(dir, 'out', 'ad.wasm');
    const error = await composeFiles({ components: [await wat('a'), await wat('d')], out }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toContain('type mismatch for import `test:demo/api`');
    expect((error as Error).message).toContain('expected primitive `u32` found primitive `u64`');
    expect(await readdir(dir)).not.toContain('out');
  });

  it('shows a conflict as a user error naming both files', async () => {
    const error = await composeFiles({ components: [await wat('a'), await wat('c')], out: join(dir, 'ac.wasm') }).catch(
      (e: unknown) => e,
    );
    expect(error).toEqual(new UserError('error: a and c import test:demo/api with different types (its f differs)'));
  });
});
