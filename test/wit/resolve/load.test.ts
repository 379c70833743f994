/** `loadWit` over an in-memory file system: package layouts, deps, features, errors, the 2022 dialect. */
import { describe, expect, it } from 'vitest';
import { WitError } from '../../../src/wit/diagnostic.ts';
import { loadWit, WitLoadError } from '../../../src/wit/load.ts';
import { packageNameString, type Resolve } from '../../../src/wit/model.ts';
import { memoryFs } from './memory-fs.ts';

function load(files: Record<string, string>, root: string, options = {}) {
  return loadWit(memoryFs(new Map(Object.entries(files))), root, options);
}

function failure(files: Record<string, string>, root: string): WitLoadError {
  try {
    load(files, root);
  } catch (e) {
    if (e instanceof WitLoadError) return e;
    throw e;
  }
  throw new Error('expected a WitLoadError');
}

const names = (r: Resolve) => r.packages.map((p) => packageNameString(p.name));

describe('loadWit', () => {
  it('reads a directory package with deps as folders and files, dependencies first', () => {
    const loaded = load(
      {
        '/w/b.wit': 'interface b { use a.{t}; }',
        '/w/a.wit': 'package my:pkg@1.0.0;\ninterface a { use dep:one/x.{t}; }',
        '/w/deps/one/x.wit': 'package dep:one;\ninterface x { use dep:two/y.{t}; }',
        '/w/deps/two.wit': 'package dep:two;\ninterface y { type t = u32; }',
        '/w/deps/notes.txt': 'not wit',
      },
      '/w',
    );
    expect(names(loaded.resolve)).toEqual(['dep:two', 'dep:one', 'my:pkg@1.0.0']);
    expect(loaded.packages).toEqual([2]);
    const main = loaded.resolve.packages[2]!;
    expect([...main.interfaces.keys()]).toEqual(['a', 'b']);
    expect(loaded.sources.files.map((f) => f.path)).toEqual([
      '/w/a.wit',
      '/w/b.wit',
      '/w/deps/one/x.wit',
      '/w/deps/two.wit',
    ]);
  });

  it('returns the file package first, then the packages nested in it', () => {
    const loaded = load(
      { '/f.wit': 'package a:main;\npackage a:inner { interface i {} }\nworld w { import a:inner/i; }' },
      '/f.wit',
    );
    expect(names(loaded.resolve)).toEqual(['a:inner', 'a:main']);
    expect(loaded.packages).toEqual([1, 0]);
  });

  it('does not count dependency packages as roots', () => {
    const loaded = load(
      { '/r/a.wit': 'package a:main;\nworld w { import a:dep/i; }', '/r/deps/d.wit': 'package a:dep;\ninterface i {}' },
      '/r',
    );
    expect(names(loaded.resolve)).toEqual(['a:dep', 'a:main']);
    expect(loaded.packages).toEqual([1]);
  });

  it('drops @unstable items unless their feature is selected', () => {
    const files = {
      '/f.wit': 'package a:b;\ninterface i {\n  @unstable(feature = fancy)\n  f: func();\n  g: func();\n}',
    };
    const fns = (options: object) => [...load(files, '/f.wit', options).resolve.interfaces[0]!.functions.keys()];
    expect(fns({})).toEqual(['g']);
    expect(fns({ features: ['fancy'] })).toEqual(['f', 'g']);
    expect(fns({ allFeatures: true })).toEqual(['f', 'g']);
  });

  it('rejects a @since newer than the package version', () => {
    const err = failure({ '/f.wit': 'package a:b@1.0.0;\n@since(version = 1.0.1)\ninterface i {}' }, '/f.wit');
    expect(err).toBeInstanceOf(WitError);
    expect(err.render()).toBe(
      [
        'feature gate cannot reference unreleased version 1.0.1 of package [a:b@1.0.0] (current version 1.0.0)',
        '     --> /f.wit:3:11',
        '      |',
        '    3 | interface i {}',
        '      |           ^',
      ].join('\n'),
    );
  });

  it('names the directory in errors, as wit-parser does', () => {
    const err = failure({ '/w/a.wit': 'package a:b;\ninterface i { use c:d/e.{}; }' }, '/w');
    expect(err.render().split('\n')[0]).toBe(
      "failed to resolve directory while parsing WIT for path [/w]: package 'c:d' not found. known packages:",
    );
    expect(err.sources.files.map((f) => f.path)).toEqual(['/w/a.wit']);
  });

  it('reports a missing path as an error', () => {
    expect(failure({ '/f.wit': 'package a:b;' }, '/nope.wit').render()).toBe(
      'failed to read path for WIT [/nope.wit]: no such file or directory',
    );
  });

  it('reports errors without a location as the bare message', () => {
    expect(failure({ '/f.wit': 'interface i {}' }, '/f.wit').render()).toBe(
      'no `package` header was found in any WIT file for this package',
    );
  });

  it('imports and exports one interface under several labels', () => {
    const loaded = load(
      {
        '/f.wit':
          'package a:b;\ninterface store { get: func(); }\n' +
          'world w { import store; import cache: store; export primary: store; export backup: store; }',
      },
      '/f.wit',
    );
    const world = loaded.resolve.worlds[0]!;
    expect([...world.imports.keys()]).toEqual(['interface-0', 'cache']);
    expect([...world.exports.keys()]).toEqual(['primary', 'backup']);
    expect([...world.exports.values()].map((e) => e.item)).toEqual([
      { kind: 'interface', id: 0, stability: { kind: 'unknown' } },
      { kind: 'interface', id: 0, stability: { kind: 'unknown' } },
    ]);
  });

  it('reads a root written in the 2022 dialect as one package, an interface per file', () => {
    const files = {
      '/seed/types.wit': '// shared\nrecord point { x: u32, y: u32 }',
      '/seed/shapes.wit': 'use * from types\narea: function(p: point) -> expected<u32, string>',
    };
    const loaded = load(files, '/seed', { dialect2022Package: 'my:seed' });
    const pkg = loaded.resolve.packages[loaded.packages[0]!]!;
    expect(packageNameString(pkg.name)).toBe('my:seed');
    expect([...pkg.interfaces.keys()].sort()).toEqual(['shapes', 'types']);
    const shapes = loaded.resolve.interfaces[pkg.interfaces.get('shapes')!]!;
    expect([...shapes.functions.keys()]).toEqual(['area']);
  });
});
