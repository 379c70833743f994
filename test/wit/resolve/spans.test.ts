/**
 * `LoadedWit.spans`: where each interface, function, named type and world of the resolved model
 * was written, across the root package, its files and its deps; and `renderModelError`, which
 * points a later stage's error there in the layout of WIT errors.
 */
import { describe, expect, it } from 'vitest';
import { renderModelError, type SourceMap, type Span } from '../../../src/wit/diagnostic.ts';
import { loadWit, locateModelItem, type LoadedWit } from '../../../src/wit/load.ts';
import { memoryFs } from './memory-fs.ts';

const FILES = {
  '/w/a.wit': `package my:app;

interface api {
  use dep:lib/types.{id as key};
  record entry { k: key }
  resource store {
    constructor();
    get: func(k: key) -> option<entry>;
  }
  put: func(e: entry);
}
`,
  '/w/b.wit': `world base {
  import log: func(msg: string);
  type level = u8;
}

world app {
  include base;
  import api;
  export run: interface {
    go: func();
  }
}
`,
  '/w/deps/lib/types.wit': 'package dep:lib;\n\ninterface types {\n  type id = u64;\n}\n',
};

function load(): LoadedWit {
  return loadWit(memoryFs(new Map(Object.entries(FILES))), '/w');
}

/** The text a span covers, and the file it is in. */
function at(sources: SourceMap, span: Span | undefined): string {
  if (span === undefined) return '(none)';
  const file = sources.files[span.file]!;
  return `${file.path}:${file.text.slice(span.start, span.end)}`;
}

describe('model spans', () => {
  it('point at the names of interfaces, functions, types and worlds', () => {
    const { resolve, sources, spans } = load();
    const ifaceId = (name: string | null, pkg: string) =>
      resolve.interfaces.findIndex((i) => i.name === name && resolve.packages[i.package!]!.name.name === pkg);
    const api = ifaceId('api', 'app');
    const types = ifaceId('types', 'lib');
    expect(at(sources, spans.interfaces.get(api))).toBe('/w/a.wit:api');
    expect(at(sources, spans.interfaces.get(types))).toBe('/w/deps/lib/types.wit:types');

    const funcs = Object.fromEntries([...spans.functions.get(api)!].map(([name, span]) => [name, at(sources, span)]));
    expect(funcs).toEqual({
      '[constructor]store': '/w/a.wit:constructor',
      '[method]store.get': '/w/a.wit:get',
      put: '/w/a.wit:put',
    });

    const typeText = (owner: number, name: string) => {
      const id = resolve.types.findIndex(
        (t) => t.owner.kind === 'interface' && t.owner.id === owner && t.name === name,
      );
      return at(sources, spans.types.get(id));
    };
    expect(typeText(api, 'entry')).toBe('/w/a.wit:entry');
    expect(typeText(api, 'store')).toBe('/w/a.wit:store');
    // A `use` points at the name it brings in from the other interface.
    expect(typeText(api, 'key')).toBe('/w/a.wit:id');
    expect(typeText(types, 'id')).toBe('/w/deps/lib/types.wit:id');

    const worlds = Object.fromEntries(resolve.worlds.map((w, id) => [w.name, at(sources, spans.worlds.get(id))]));
    expect(worlds).toEqual({ base: '/w/b.wit:base', app: '/w/b.wit:app' });
  });

  it('cover inline interfaces and the copies an include makes', () => {
    const { resolve, sources, spans } = load();
    const app = resolve.worlds.findIndex((w) => w.name === 'app');
    const run = resolve.worlds[app]!.exports.get('run')!.item;
    if (run.kind !== 'interface') throw new Error('run is an interface');
    expect(at(sources, spans.interfaces.get(run.id))).toBe('/w/b.wit:run');
    expect(at(sources, spans.functions.get(run.id)?.get('go'))).toBe('/w/b.wit:go');
    const level = resolve.worlds[app]!.imports.get('level')!.item;
    if (level.kind !== 'type') throw new Error('level is a type');
    expect(resolve.types[level.id]!.owner).toEqual({ kind: 'world', id: app });
    expect(at(sources, spans.types.get(level.id))).toBe('/w/b.wit:level');
  });

  it('leave anonymous types out', () => {
    const { resolve, spans } = load();
    const anonymous = resolve.types.flatMap((t, id) => (t.name === null ? [id] : []));
    expect(anonymous.length).toBeGreaterThan(0);
    for (const id of anonymous) expect(spans.types.has(id)).toBe(false);
  });

  it('locate an item by the most precise part known', () => {
    const { resolve, sources, spans } = load();
    const api = resolve.interfaces.findIndex((i) => i.name === 'api');
    const entry = resolve.interfaces[api]!.types.get('entry')!;
    expect(at(sources, locateModelItem(spans, { interface: api }))).toBe('/w/a.wit:api');
    expect(at(sources, locateModelItem(spans, { interface: api, func: 'put' }))).toBe('/w/a.wit:put');
    expect(at(sources, locateModelItem(spans, { interface: api, func: 'put', type: entry }))).toBe('/w/a.wit:entry');
    expect(at(sources, locateModelItem(spans, { interface: api, func: 'missing' }))).toBe('/w/a.wit:api');
    const anonymous = resolve.types.findIndex((t) => t.name === null);
    expect(at(sources, locateModelItem(spans, { interface: api, type: anonymous }))).toBe('/w/a.wit:api');
  });

  it('render a model error like a WIT error', () => {
    const { resolve, sources, spans } = load();
    const api = resolve.interfaces.findIndex((i) => i.name === 'api');
    const span = spans.functions.get(api)!.get('[method]store.get')!;
    expect(renderModelError('method `get` returns an option the bus cannot carry', span, sources)).toBe(
      [
        'error: method `get` returns an option the bus cannot carry',
        '     --> /w/a.wit:8:5',
        '      |',
        '    8 |     get: func(k: key) -> option<entry>;',
        '      |     ^--',
      ].join('\n'),
    );
  });
});
