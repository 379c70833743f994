import { describe, expect, it } from 'vitest';
import { WitError } from '../../../src/wit/diagnostic.ts';
import type { AstItem, Interface, Span, TypeExpr, World } from '../../../src/wit/syntax/ast.ts';
import { parseWitFile } from '../../../src/wit/syntax/parser.ts';

function text(src: string, span: Span): string {
  return src.slice(span.start, span.end);
}

function onlyInterface(items: AstItem[]): Interface {
  const item = items[0];
  if (item?.kind !== 'interface') throw new Error('expected an interface');
  return item.interface;
}

function onlyWorld(items: AstItem[]): World {
  const item = items.find((i) => i.kind === 'world');
  if (item?.kind !== 'world') throw new Error('expected a world');
  return item.world;
}

function aliasOf(src: string, ty: string): TypeExpr {
  const iface = onlyInterface(parseWitFile(0, `${src}interface i { type t = ${ty}; }`).items);
  const item = iface.items[0];
  if (item?.kind !== 'type' || item.typedef.body.kind !== 'alias') throw new Error('no alias');
  return item.typedef.body.type;
}

function parseError(src: string): { message: string; at: string } {
  try {
    parseWitFile(0, src);
  } catch (err) {
    if (err instanceof WitError) return { message: err.message, at: text(src, err.span) };
    throw err;
  }
  throw new Error('expected a parse error');
}

describe('parseWitFile', () => {
  it('reads the package header with docs and version', () => {
    const src = '/// the pkg\npackage wasi:io@0.2.0-rc.1+b;\n';
    const file = parseWitFile(3, src);
    expect(file.package?.namespace.name).toBe('wasi');
    expect(file.package?.name.name).toBe('io');
    expect(file.package?.version?.text).toBe('0.2.0-rc.1+b');
    expect(text(src, file.package!.span)).toBe('wasi:io@0.2.0-rc.1+b');
    expect(file.package?.span.file).toBe(3);
    expect(file.package?.docs.comments).toEqual(['/// the pkg\n']);
    expect(text(src, file.package!.docs.span)).toBe('/// the pkg');
    expect(file.items).toEqual([]);
  });

  it('treats `package x:y { }` as a nested package, not a header', () => {
    const file = parseWitFile(0, 'package a:b { interface i {} }\npackage c:d {}');
    expect(file.package).toBeNull();
    expect(file.items.map((i) => i.kind)).toEqual(['package', 'package']);
    const first = file.items[0];
    if (first?.kind !== 'package') throw new Error('nested package expected');
    expect(first.package.package?.name.name).toBe('b');
    expect(first.package.items[0]?.kind).toBe('interface');
  });

  it('reads every type expression form', () => {
    const kinds = (ty: string): unknown => aliasOf('', ty);
    expect(kinds('list<u8, 4>')).toMatchObject({ kind: 'fixed-length-list', length: 4, element: { kind: 'u8' } });
    expect(kinds('map<string, %type>')).toMatchObject({
      kind: 'map',
      key: { kind: 'string' },
      value: { kind: 'name', name: { name: 'type' } },
    });
    expect(kinds('result')).toMatchObject({ kind: 'result', ok: null, err: null });
    expect(kinds('result<u8>')).toMatchObject({ ok: { kind: 'u8' }, err: null });
    expect(kinds('result<_, u8>')).toMatchObject({ ok: null, err: { kind: 'u8' } });
    expect(kinds('result<u8, s8>')).toMatchObject({ ok: { kind: 'u8' }, err: { kind: 's8' } });
    expect(kinds('tuple<f32, f64, char, bool,>')).toMatchObject({
      kind: 'tuple',
      types: [{ kind: 'f32' }, { kind: 'f64' }, { kind: 'char' }, { kind: 'bool' }],
    });
    expect(kinds('future')).toMatchObject({ kind: 'future', type: null });
    expect(kinds('stream<option<error-context>>')).toMatchObject({
      kind: 'stream',
      type: { kind: 'option', type: { kind: 'error-context' } },
    });
    expect(kinds('borrow<r>')).toMatchObject({ kind: 'handle', handle: 'borrow', resource: { name: 'r' } });
  });

  it('gives compound types the keyword span and handles the resource span', () => {
    const src = 'interface i { type t = ';
    expect(text(`${src}result<u8>; }`, aliasOf('', 'result<u8>').span)).toBe('result');
    expect(text(`${src}own<%r>; }`, aliasOf('', 'own<%r>').span)).toBe('%r');
  });

  it('reads interfaces: types, functions, resources, uses and gates', () => {
    const src = [
      'interface i {',
      '  use a:b/c@1.0.0.{x, y as z};',
      '  @since(version = 1.0.0) @deprecated(version = 1.1.0)',
      '  record r { /// f doc\n a: u32, }',
      '  flags f { a, b }',
      '  variant v { a(u32), b }',
      '  enum e { a }',
      '  resource res {',
      '    constructor(x: u32);',
      '    m: async func() -> u32;',
      '    s: static func();',
      '  }',
      '  @unstable(feature = fancy) f: async func(a: u32, b: string) -> list<u8>;',
      '}',
    ].join('\n');
    const iface = onlyInterface(parseWitFile(0, src).items);
    expect(iface.items.map((i) => (i.kind === 'type' ? i.typedef.body.kind : i.kind))).toEqual([
      'use',
      'record',
      'flags',
      'variant',
      'enum',
      'resource',
      'func',
    ]);
    const [use, record, , , , resource, func] = iface.items;
    if (use?.kind !== 'use' || use.use.from.kind !== 'package') throw new Error('bad use');
    expect(use.use.from.package.version?.text).toBe('1.0.0');
    expect(text(src, use.use.from.package.span)).toBe('a:b');
    expect(use.use.names.map((n) => [n.name.name, n.as?.name ?? null])).toEqual([
      ['x', null],
      ['y', 'z'],
    ]);
    if (record?.kind !== 'type' || record.typedef.body.kind !== 'record') throw new Error('bad record');
    expect(record.typedef.attributes.map((a) => a.kind)).toEqual(['since', 'deprecated']);
    expect(record.typedef.body.fields[0]?.docs.comments).toEqual(['/// f doc\n']);
    expect(record.typedef.body.span).toEqual(record.typedef.name.span);
    if (resource?.kind !== 'type' || resource.typedef.body.kind !== 'resource') throw new Error('bad resource');
    const members = resource.typedef.body.funcs;
    expect(members.map((m) => [m.kind, m.func.name.name, m.func.func.async])).toEqual([
      ['constructor', 'constructor', false],
      ['method', 'm', true],
      ['static', 's', false],
    ]);
    expect(text(src, members[0]!.func.name.span)).toBe('constructor');
    if (func?.kind !== 'func') throw new Error('bad func');
    expect(func.func.attributes).toMatchObject([{ kind: 'unstable', feature: { name: 'fancy' } }]);
    expect(func.func.func.params.map((p) => p.name.name)).toEqual(['a', 'b']);
    expect(text(src, func.func.func.span)).toBe('func');
  });

  it('reads worlds: imports, exports, labelled paths, includes and types', () => {
    const src = [
      'world w {',
      '  import wasi:io/streams@0.2.0;',
      '  import local;',
      '  import primary: store;',
      '  import other: wasi:kv/store;',
      '  export run: async func();',
      '  export inline: interface { f: func(); }',
      '  include wasi:cli/imports with { a as b, c as d }',
      '  include base;',
      '  use types.{t};',
      '  type x = u32;',
      '}',
    ].join('\n');
    const world = onlyWorld(parseWitFile(0, src).items);
    const summary = world.items.map((item) => {
      if (item.kind === 'import' || item.kind === 'export') return `${item.kind}:${item.extern.kind}`;
      return item.kind;
    });
    expect(summary).toEqual([
      'import:path',
      'import:path',
      'import:named-path',
      'import:named-path',
      'export:func',
      'export:interface',
      'include',
      'include',
      'use',
      'type',
    ]);
    const labelled = world.items[3];
    if (labelled?.kind !== 'import' || labelled.extern.kind !== 'named-path') throw new Error('bad');
    expect(labelled.extern.name.name).toBe('other');
    expect(labelled.extern.path).toMatchObject({ kind: 'package', name: { name: 'store' } });
    const include = world.items[6];
    if (include?.kind !== 'include') throw new Error('bad include');
    expect(include.include.names.map((n) => `${n.name.name}>${n.as.name}`)).toEqual(['a>b', 'c>d']);
  });

  it('reads top-level use with a rename', () => {
    const file = parseWitFile(0, 'package a:b;\nuse wasi:io/streams@0.2.0 as s;\nuse local;');
    expect(file.items.map((i) => (i.kind === 'use' ? (i.use.as?.name ?? null) : i.kind))).toEqual(['s', null]);
  });

  it('collects plain and block comments as raw docs', () => {
    const src = '// plain\n/** block */\ninterface i {}';
    const docs = onlyInterface(parseWitFile(0, src).items).docs;
    expect(docs.comments).toEqual(['// plain\n', '/** block */']);
    expect(text(src, docs.span)).toBe('// plain\n/** block */');
  });

  it('rejects bad syntax at wit-parser positions', () => {
    expect(parseError('interface i { type option = u32; }')).toEqual({
      message: 'expected an identifier or string, found keyword `option`',
      at: 'option',
    });
    expect(parseError('interface i { type a = list<u32, x>; }')).toEqual({
      message: 'expected fixed-length, found an identifier',
      at: 'x',
    });
    expect(parseError('interface i { type a = list<u32, 4294967296>; }').message).toBe(
      'invalid list size: number too large to fit in target type',
    );
    expect(parseError('@since(version = 1.0.0-01) interface i {}').message).toBe(
      'invalid leading zero in pre-release identifier',
    );
    expect(parseError('@foo interface i {}')).toEqual({ message: 'unknown attribute `foo`', at: 'foo' });
    expect(parseError('@since package a:b {}').message).toBe("expected '(', found keyword `package`");
    expect(parseError('@unstable(feature = x) package a:b {}')).toEqual({
      message: 'cannot place attributes on nested packages',
      at: 'package',
    });
    expect(parseError('world w { import x: a:b; }')).toEqual({ message: "expected `/`, found ';'", at: ';' });
    expect(parseError('interface i {')).toEqual({
      message: 'expected `type`, `resource` or `func`, found eof',
      at: '',
    });
  });

  it('bounds nesting instead of overflowing the stack', () => {
    const deep = (n: number): string => `interface i { type t = ${'option<'.repeat(n)}u8${'>'.repeat(n)}; }`;
    expect(() => parseWitFile(0, deep(99))).not.toThrow();
    expect(parseError(deep(100))).toEqual({ message: 'type nesting too deep', at: 'u8' });
    expect(parseError(deep(100000)).message).toBe('type nesting too deep');
    const packages = (n: number): string => `${'package a:b {\n'.repeat(n)}${'}'.repeat(n)}`;
    expect(() => parseWitFile(0, packages(100))).not.toThrow();
    expect(parseError(packages(101))).toEqual({ message: 'package nesting too deep', at: 'package' });
    expect(parseError(packages(100000)).message).toBe('package nesting too deep');
  });
});
