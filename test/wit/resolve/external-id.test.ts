/**
 * `@external-id("...")` end to end: parsed on interface items, resource functions, world
 * imports/exports, world types and `use`s; kept in the model (`externalId`); written to the
 * Resolve JSON as `external_id`; printed back in wasm-tools' layout; rejected where wit-parser
 * rejects it, with its messages.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadWit, WitLoadError } from '../../../src/wit/load.ts';
import type { Resolve, WorldItem } from '../../../src/wit/model.ts';
import { printWit } from '../../../src/wit/print/index.ts';
import { resolveToJson } from '../../../src/wit/resolve-json.ts';
import { memoryFs } from './memory-fs.ts';

function load(text: string) {
  return loadWit(memoryFs(new Map([['/f.wit', text]])), '/f.wit');
}

function failure(text: string): string {
  try {
    load(text);
  } catch (e) {
    if (e instanceof WitLoadError) return e.render();
    throw e;
  }
  throw new Error('expected a WitLoadError');
}

/** wasm-tools' `tests/cli/roundtrip-external-id.wit`, every place the attribute may go. */
const SOURCE = `package x:name;

interface i {
  @external-id("i")
  type some-type = u32;

  @external-id("i")
  x: func();

  @external-id("i")
  resource r {
    @external-id("i")
    constructor();

    @external-id("i")
    x: func();
  }
}

world w {
  @external-id("hi \\t")
  import i;

  @external-id("hi")
  export i;

  @external-id("hi")
  resource r;

  @external-id("hi")
  type t = u32;

  @external-id("hi")
  export x: func();
  @external-id("hi")
  import x: func();

  @external-id("hi")
  use i.{some-type};
}
`;

/** The same file as wasm-tools 1.253 prints it (`roundtrip-external-id.wit.stdout`). */
const PRINTED = `package x:name;

interface i {
  @external-id("i")
  type some-type = u32;

  @external-id("i")
  resource r {
    @external-id("i")
    constructor();
    @external-id("i")
    x: func();
  }

  @external-id("i")
  x: func();
}

world w {
  @external-id("hi \\t")
  import i;
  @external-id("hi")
  use i.{some-type};

  @external-id("hi")
  resource r;

  @external-id("hi")
  type t = u32;
  @external-id("hi")
  import x: func();

  @external-id("hi")
  export x: func();
  @external-id("hi")
  export i;
}
`;

function typeNamed(resolve: Resolve, owner: 'interface' | 'world', name: string) {
  return resolve.types.find((t) => t.owner.kind === owner && t.name === name)!;
}

describe('@external-id', () => {
  it('lands on functions, types, resource functions and world items', () => {
    const { resolve } = load(SOURCE);
    const iface = resolve.interfaces[0]!;
    expect([...iface.functions.values()].map((f) => [f.name, f.externalId])).toEqual([
      ['x', 'i'],
      ['[constructor]r', 'i'],
      ['[method]r.x', 'i'],
    ]);
    expect(typeNamed(resolve, 'interface', 'some-type').externalId).toBe('i');
    expect(typeNamed(resolve, 'interface', 'r').externalId).toBe('i');
    expect(typeNamed(resolve, 'world', 'r').externalId).toBe('hi');
    expect(typeNamed(resolve, 'world', 't').externalId).toBe('hi');
    // The `use` gives its external id to the names it brings in.
    expect(typeNamed(resolve, 'world', 'some-type').externalId).toBe('hi');
    const world = resolve.worlds[0]!;
    const item = (entry: { item: WorldItem } | undefined) => entry!.item;
    expect(item(world.imports.get('interface-0'))).toEqual({
      kind: 'interface',
      id: 0,
      stability: { kind: 'unknown' },
      externalId: 'hi \t',
    });
    expect(item(world.exports.get('interface-0'))).toMatchObject({ externalId: 'hi' });
    expect(item(world.imports.get('x'))).toMatchObject({ func: { externalId: 'hi' } });
    expect(item(world.exports.get('x'))).toMatchObject({ func: { externalId: 'hi' } });
  });

  it('leaves items without the attribute without the field', () => {
    const { resolve } = load('package a:b;\ninterface i { type t = u32; f: func(); }\nworld w { import i; }');
    expect('externalId' in resolve.types[0]!).toBe(false);
    expect('externalId' in resolve.interfaces[0]!.functions.get('f')!).toBe(false);
    expect('externalId' in resolve.worlds[0]!.imports.get('interface-0')!.item).toBe(false);
  });

  it('is written to the JSON as external_id after stability', () => {
    const json = JSON.parse(resolveToJson(load(SOURCE).resolve)) as {
      worlds: { imports: Record<string, unknown> }[];
      interfaces: { functions: Record<string, Record<string, unknown>> }[];
      types: Record<string, unknown>[];
    };
    expect(json.worlds[0]!.imports['interface-0']).toEqual({ interface: { id: 0, external_id: 'hi \t' } });
    expect(Object.keys(json.interfaces[0]!.functions.x!)).toEqual(['name', 'kind', 'params', 'external_id']);
    expect(json.types[0]).toEqual({
      name: 'some-type',
      kind: { type: 'u32' },
      owner: { interface: 0 },
      external_id: 'i',
    });
  });

  it('prints as wasm-tools does, and the print loads back to itself', () => {
    const { resolve, packages } = load(SOURCE);
    const printed = printWit(resolve, packages[0]!);
    expect(printed).toBe(PRINTED);
    const again = load(printed);
    expect(printWit(again.resolve, again.packages[0]!)).toBe(PRINTED);
  });

  it('prints after the gates, and keeps separate uses apart', () => {
    const text =
      'package a:b@1.0.0;\ninterface i { type a = u32; type b = u32; }\nworld w {\n' +
      '  @since(version = 1.0.0)\n  @external-id("e")\n  use i.{a};\n  @since(version = 1.0.0)\n  use i.{b};\n}\n';
    const { resolve, packages } = load(text);
    expect(printWit(resolve, packages[0]!)).toContain(
      '  @since(version = 1.0.0)\n  @external-id("e")\n  use i.{a};\n  @since(version = 1.0.0)\n  use i.{b};\n',
    );
  });

  it('escapes as wit-component prints: only [A-Za-z0-9-_./: ] stays as it is', () => {
    const { resolve } = load('package a:b;\ninterface i {\n  f: func();\n}\n');
    // A C1 control (which wit-parser refuses anywhere in source text), a letter beyond ASCII,
    // a bidi override and the escapes wit-parser's lexer knows.
    resolve.interfaces[0]!.functions.get('f')!.externalId = 'a.B/c:1 -_\u0080é\u202e"\\\n\r\t!';
    expect(printWit(resolve, 0)).toContain(
      '@external-id("a.B/c:1 -_\\u{80}\\u{e9}\\u{202e}\\"\\\\\\n\\r\\t\\u{21}")\n  f: func();',
    );
  });

  it('round-trips any text through the printer', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const source = `package a:b;\ninterface i {\n  @external-id(${JSON.stringify('')})\n  f: func();\n}\n`;
        const { resolve } = load(source);
        resolve.interfaces[0]!.functions.get('f')!.externalId = text;
        const printed = printWit(resolve, 0);
        expect(load(printed).resolve.interfaces[0]!.functions.get('f')!.externalId).toBe(text);
      }),
      { numRuns: 100 },
    );
  });

  it('is copied by include and kept when an import is already implied', () => {
    const { resolve } = load(
      'package a:b;\ninterface base { type t = u32; }\ninterface top { use base.{t}; }\n' +
        'world v {\n  @external-id("f")\n  import f: func();\n}\n' +
        'world w {\n  include v;\n  import top;\n  @external-id("base")\n  import base;\n}\n',
    );
    const w = resolve.worlds[1]!;
    expect(w.imports.get('f')!.item).toMatchObject({ func: { externalId: 'f' } });
    expect(w.imports.get('interface-0')!.item).toMatchObject({ externalId: 'base' });
  });

  it('is rejected on interface and world declarations and on includes', () => {
    expect(failure('package a:b;\n@external-id("x")\ninterface i {}')).toBe(
      [
        '@external-id is not allowed on interface declarations',
        '     --> /f.wit:2:2',
        '      |',
        '    2 | @external-id("x")',
        '      |  ^----------',
      ].join('\n'),
    );
    expect(failure('package a:b;\n@external-id("x")\nworld w {}')).toMatch(
      /^@external-id is not allowed on world declarations\n/,
    );
    expect(failure('package a:b;\nworld v {}\nworld w {\n  @external-id("x")\n  include v;\n}')).toBe(
      [
        '@external-id is not allowed on include statements',
        '     --> /f.wit:4:4',
        '      |',
        '    4 |   @external-id("x")',
        '      |    ^----------',
      ].join('\n'),
    );
  });

  it('takes exactly one string literal, once', () => {
    expect(failure('package a:b;\ninterface i {\n  @external-id(x)\n  f: func();\n}')).toMatch(
      /^expected a string literal, found an identifier\n     --> \/f.wit:3:16\n/,
    );
    expect(failure('package a:b;\ninterface i {\n  @external-id("x")\n  @external-id("y")\n  f: func();\n}')).toMatch(
      /^@external-id may only be given once\n     --> \/f.wit:4:4\n/,
    );
    expect(failure('package a:b;\ninterface i {\n  @external-id("\\q")\n  f: func();\n}')).toMatch(
      /^invalid string escape 'q'\n/,
    );
  });
});
