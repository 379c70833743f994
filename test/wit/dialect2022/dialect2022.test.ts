import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WitError } from '../../../src/wit/diagnostic.ts';
import { isDialect2022, parseDialect2022 } from '../../../src/wit/dialect2022/index.ts';
import type { Interface, PackageFile, TypeExpr } from '../../../src/wit/syntax/ast.ts';

const seedDir = join(import.meta.dirname, '../../../wit/seed');
const seedFiles = readdirSync(seedDir)
  .filter((f) => f.endsWith('.wit'))
  .sort()
  .map((name, file) => ({ file, name, text: readFileSync(join(seedDir, name), 'utf8') }));

function iface(pkg: PackageFile, name: string): Interface {
  for (const item of pkg.items) {
    if (item.kind === 'interface' && item.interface.name.name === name) return item.interface;
  }
  throw new Error(`no interface ${name}`);
}

function one(text: string, name = 'x.wit'): Interface {
  return iface(parseDialect2022([{ file: 0, name, text }]), name.replace('.wit', ''));
}

describe('isDialect2022', () => {
  it('recognizes every seed file', () => {
    for (const f of seedFiles) expect(isDialect2022(f.text), f.name).toBe(true);
  });

  it('rejects modern WIT, including the bundled contracts', () => {
    const modern = ['contracts.wit', 'httpserver.wit', 'keyvalue.wit', 'deps/wasmbus/wasmbus.wit'];
    for (const f of modern) {
      expect(isDialect2022(readFileSync(join(seedDir, '..', f), 'utf8')), f).toBe(false);
    }
    expect(isDialect2022('interface x {}')).toBe(false);
    expect(isDialect2022('use a:b/c;\npackage a:b;')).toBe(false);
    expect(isDialect2022('@since(version = 1.0.0)\ninterface x {}')).toBe(false);
  });

  it('decides on content, not on comments or emptiness', () => {
    expect(isDialect2022('// record x {}\n')).toBe(false);
    expect(isDialect2022('')).toBe(false);
    expect(isDialect2022('/* package a:b; */ record r { a: u8 }')).toBe(true);
    expect(isDialect2022('f: function()')).toBe(true);
    expect(isDialect2022('use { a as b } from c')).toBe(true);
    expect(isDialect2022('record r { a: u8 } \u0007')).toBe(false);
  });
});

describe('parseDialect2022', () => {
  const pkg = parseDialect2022(seedFiles);

  it('names the package witbus:seed unless told otherwise', () => {
    expect(pkg.package?.namespace.name).toBe('witbus');
    expect(pkg.package?.name.name).toBe('seed');
    const named = parseDialect2022(seedFiles, { package: 'acme:kv@1.2.0' });
    expect([named.package?.namespace.name, named.package?.name.name, named.package?.version?.text])
      .toEqual(['acme', 'kv', '1.2.0']);
    expect(() => parseDialect2022(seedFiles, { package: 'Acme' })).toThrow(RangeError);
  });

  it('makes one interface per file, named after the file', () => {
    expect(pkg.items.map((i) => (i.kind === 'interface' ? i.interface.name.name : i.kind))).toEqual([
      'error-type', 'httpserver', 'keyvalue', 'wasmbus-common', 'wasmbus-receiver', 'wasmbus-sender',
    ]);
  });

  it('expands `use * from x` into the names x defines', () => {
    const receiver = iface(pkg, 'wasmbus-receiver');
    const uses = receiver.items.flatMap((i) => (i.kind === 'use' ? [i.use] : []));
    expect(uses.map((u) => [u.from.kind === 'id' ? u.from.id.name : '?', u.names.map((n) => n.name.name)]))
      .toEqual([
        ['error-type', ['rpc-error']],
        ['wasmbus-common', ['payload', 'message']],
      ]);
    // The synthesized names point at the `*` of their `use`.
    const star = uses[0]!.names[0]!.name.span;
    const file = seedFiles.find((f) => f.name === 'wasmbus-receiver.wit')!;
    expect(file.text.slice(star.start, star.end)).toBe('*');
    expect(star.file).toBe(file.file);
  });

  it('turns `function` into func and `expected` into result', () => {
    const sender = iface(pkg, 'wasmbus-sender');
    const send = sender.items.find((i) => i.kind === 'func');
    expect(send?.kind).toBe('func');
    if (send?.kind !== 'func') return;
    expect(send.func.name.name).toBe('send');
    expect(send.func.func.params.map((p) => [p.name.name, p.type.kind])).toEqual([
      ['msg', 'name'], ['contract-name', 'string'], ['link-name', 'option'],
    ]);
    const result = send.func.func.result as Extract<TypeExpr, { kind: 'result' }>;
    expect(result.kind).toBe('result');
    expect([result.ok?.kind, result.err?.kind]).toEqual(['name', 'name']);
  });

  it('keeps comments for the resolver to pick doc comments from', () => {
    const http = iface(pkg, 'httpserver');
    const request = http.items.find((i) => i.kind === 'type' && i.typedef.name.name === 'http-request');
    if (request?.kind !== 'type' || request.typedef.body.kind !== 'record') throw new Error('no record');
    expect(request.typedef.body.fields[0]!.docs.comments).toEqual([
      '// HTTP method. One of: GET,POST,PUT,DELETE,HEAD,OPTIONS,CONNECT,PATCH,TRACE',
    ]);
    expect(iface(pkg, 'error-type').items).toHaveLength(1);
  });

  it('reads the rest of the 2022 grammar', () => {
    const x = one(`
      /// a handle
      resource blob {
        size: function() -> u64
        static open: async function(name: string) -> handle blob
      }
      union number { u32, float64, list<unit-free> }
      type unit-free = tuple<s8, float32>
      flags perms { read, write, }
      enum color { red, green }
      variant v { a(unit), b }
      done: function() -> unit
      maybe: function() -> expected<unit, string>
      %type: func(%list: list<u8>)
    `);
    const kinds = x.items.map((i) => (i.kind === 'type' ? `${i.typedef.body.kind}:${i.typedef.name.name}` : `${i.kind}:${i.kind === 'func' ? i.func.name.name : ''}`));
    expect(kinds).toEqual([
      'resource:blob', 'variant:number', 'alias:unit-free', 'flags:perms', 'enum:color',
      'variant:v', 'func:done', 'func:maybe', 'func:type',
    ]);
    const blob = x.items[0];
    if (blob?.kind !== 'type' || blob.typedef.body.kind !== 'resource') throw new Error('no resource');
    expect(blob.typedef.docs.comments).toEqual(['/// a handle']);
    expect(blob.typedef.body.funcs.map((f) => [f.kind, f.func.name.name, f.func.func.async])).toEqual([
      ['method', 'size', false], ['static', 'open', true],
    ]);
    const union = x.items[1];
    if (union?.kind !== 'type' || union.typedef.body.kind !== 'variant') throw new Error('no union');
    expect(union.typedef.body.cases.map((c) => [c.name.name, c.type?.kind])).toEqual([
      ['v0', 'u32'], ['v1', 'f64'], ['v2', 'list'],
    ]);
    const variant = x.items[5];
    if (variant?.kind !== 'type' || variant.typedef.body.kind !== 'variant') throw new Error('no variant');
    expect(variant.typedef.body.cases.map((c) => c.type)).toEqual([null, null]);
    const funcs = x.items.flatMap((i) => (i.kind === 'func' ? [i.func.func] : []));
    expect(funcs[0]!.result).toBeNull();
    expect(funcs[1]!.result).toMatchObject({ kind: 'result', ok: null, err: { kind: 'string' } });
  });

  it('reports errors as WitErrors pointing into the right file', () => {
    const bad = (text: string) => {
      try {
        parseDialect2022([{ file: 0, name: 'a.wit', text: 'type a = u8' }, { file: 1, name: 'b.wit', text }]);
      } catch (e) {
        expect(e).toBeInstanceOf(WitError);
        const { span, message } = e as WitError;
        return [span.file, text.slice(span.start, span.end), message];
      }
      throw new Error('no error');
    };
    expect(bad('f: function(x: unit)')).toEqual([1, 'unit', '`unit` cannot be used as a parameter in modern WIT']);
    expect(bad('use * from nope')).toEqual([1, 'nope', 'no file `nope.wit` in this package to use from']);
    expect(bad('x: u32')).toEqual([1, 'u32', 'expected `function`: values other than functions are not supported, found `u32`']);
    expect(bad('record r { Bad: u8 }')).toEqual([1, 'Bad', 'identifier `Bad` is not kebab-case']);
    expect(bad('record r { a: u8 ')).toEqual([1, '', "expected '}', found end of file"]);
    expect(bad('f: function() # x')).toEqual([1, '#', 'unexpected character "#"']);
  });

  it('keeps named uses, and a star import skips names it already has from the same place', () => {
    const pkg2 = parseDialect2022([
      { file: 0, name: 'base.wit', text: 'type id = u64\nrecord point { x: id }' },
      { file: 1, name: 'mid.wit', text: 'use { id } from base\ntype label = string' },
      { file: 2, name: 'top.wit', text: 'use { point as p } from base\nuse * from base\nuse * from mid\nf: function(a: p, b: label)' },
    ]);
    const uses = iface(pkg2, 'top').items.flatMap((i) => (i.kind === 'use' ? [i.use] : []));
    expect(uses.map((u) => [
      u.from.kind === 'id' ? u.from.id.name : '?',
      u.names.map((n) => (n.as ? `${n.name.name} as ${n.as.name}` : n.name.name)),
    ])).toEqual([
      ['base', ['point as p']],
      ['base', ['id', 'point']],
      // `id` is visible in mid only because mid uses it from base: not imported twice.
      ['mid', ['label']],
    ]);
  });

  it('detects use cycles', () => {
    expect(() =>
      parseDialect2022([
        { file: 0, name: 'a.wit', text: 'use * from b' },
        { file: 1, name: 'b.wit', text: 'use * from a' },
      ]),
    ).toThrow(/forms a cycle/);
  });
});
