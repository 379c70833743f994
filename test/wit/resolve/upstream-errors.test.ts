/**
 * Errors for wit-parser UI parse-fail cases that are not in the conformance share, checked
 * against the `.wit.result` files of published wit-parser versions (0.248–0.255; the two
 * `@external-id` cases 0.263). Inputs are rebuilt around the lines the results quote, so the
 * message, line:col and caret must match exactly.
 */
import { describe, expect, it } from 'vitest';
import { loadWit, WitLoadError } from '../../../src/wit/load.ts';
import { memoryFs } from './memory-fs.ts';

const DIR = 'tests/ui/parse-fail';

function render(files: Record<string, string>, root: string): string {
  try {
    loadWit(memoryFs(new Map(Object.entries(files))), root);
  } catch (e) {
    if (e instanceof WitLoadError) return e.render();
    throw e;
  }
  throw new Error('expected a WitLoadError');
}

function frame(message: string, at: string, line: number, text: string, marker: string): string {
  const lineNo = String(line).padStart(4);
  return [message, `     --> ${at}`, '      |', ` ${lineNo} | ${text}`, `      | ${marker}`].join('\n');
}

const single = (name: string, text: string) => render({ [`${DIR}/${name}.wit`]: text }, `${DIR}/${name}.wit`);

describe('wit-parser parse-fail cases outside the share', () => {
  it('duplicate-function-params', () => {
    const text = 'package foo:foo;\n\n\n\ninterface x {\n  foo: func(foo: u32, foo: u64);\n}\n';
    expect(single('duplicate-function-params', text)).toBe(
      frame(
        'param `foo` is defined more than once',
        `${DIR}/duplicate-function-params.wit:6:23`,
        6,
        '  foo: func(foo: u32, foo: u64);',
        '                      ^--',
      ),
    );
  });

  it('bad-resource11 and bad-resource13', () => {
    expect(single('bad-resource11', 'package foo:bar;\n\ninterface foo {\n  type t = own<foo>;\n}\n')).toBe(
      frame(
        'type `foo` does not exist',
        `${DIR}/bad-resource11.wit:4:16`,
        4,
        '  type t = own<foo>;',
        '               ^--',
      ),
    );
    const text = 'package foo:bar;\n\ninterface foo {\n  type foo = u32;\n  type t = own<foo>;\n}\n';
    expect(single('bad-resource13', text)).toBe(
      frame(
        'type `foo` used in a handle must be a resource',
        `${DIR}/bad-resource13.wit:5:16`,
        5,
        '  type t = own<foo>;',
        '               ^--',
      ),
    );
  });

  it('unresolved-interface3 and use-shadow1', () => {
    expect(single('unresolved-interface3', 'package foo:foo;\n\ninterface foo {}\n\nuse bar as baz;\n')).toBe(
      frame(
        'interface or world `bar` does not exist',
        `${DIR}/unresolved-interface3.wit:5:5`,
        5,
        'use bar as baz;',
        '    ^--',
      ),
    );
    expect(single('use-shadow1', 'package foo:foo;\n\nuse foo:bar/bar;\n\n\n\ninterface bar {}\n')).toBe(
      frame('duplicate name `bar` in this file', `${DIR}/use-shadow1.wit:7:11`, 7, 'interface bar {}', '          ^--'),
    );
  });

  it('bad-deprecated3 and bad-since3', () => {
    expect(single('bad-deprecated3', 'package a:b;\n\n@deprecated(since = 1.2.3)\ninterface foo {}\n')).toBe(
      frame(
        'expected `version`, found `since`',
        `${DIR}/bad-deprecated3.wit:3:13`,
        3,
        '@deprecated(since = 1.2.3)',
        '            ^----',
      ),
    );
    const text =
      'package a:b;\n\n// for now `version` must come first\n@since(feature = foo, version = 1.0.0)\ninterface foo2 {}\n';
    expect(single('bad-since3', text)).toBe(
      frame(
        'expected `version`, found `feature`',
        `${DIR}/bad-since3.wit:4:8`,
        4,
        '@since(feature = foo, version = 1.0.0)',
        '       ^------',
      ),
    );
  });

  it('map-invalid-key and multiple-packages-no-scope-blocks', () => {
    const map =
      'package foo:invalid-map-key;\n\ninterface test {\n\n\n  type invalid = map<tuple<u32, string>, u32>;\n}\n';
    expect(single('map-invalid-key', map)).toBe(
      frame(
        'invalid map key type: map keys must be bool, u8, u16, u32, u64, s8, s16, s32, s64, char, or string',
        `${DIR}/map-invalid-key.wit:6:18`,
        6,
        '  type invalid = map<tuple<u32, string>, u32>;',
        '                 ^--',
      ),
    );
    const pkgs = 'package foo:name;\n\ninterface i {}\n\n\n\npackage bar:name;\n';
    expect(single('multiple-packages-no-scope-blocks', pkgs)).toBe(
      frame(
        "expected '{', found ';'",
        `${DIR}/multiple-packages-no-scope-blocks.wit:7:17`,
        7,
        'package bar:name;',
        '                ^',
      ),
    );
  });

  it('multiple-package-docs and type-and-resource-same-name', () => {
    const docs = `${DIR}/multiple-package-docs`;
    expect(
      render(
        {
          [`${docs}/a.wit`]: '/// Multiple package docs, A\npackage foo:multiple-package-docs;\n',
          [`${docs}/b.wit`]: '/// Multiple package docs, B\npackage foo:multiple-package-docs;\n',
        },
        docs,
      ),
    ).toBe(
      frame(
        `failed to resolve directory while parsing WIT for path [${docs}]: failed to parse package: ${docs}: found doc comments on multiple 'package' items`,
        `${docs}/b.wit:1:1`,
        1,
        '/// Multiple package docs, B',
        '^---------------------------',
      ),
    );
    const same = `${DIR}/type-and-resource-same-name`;
    expect(
      render(
        {
          [`${same}/foo.wit`]:
            'package foo:bar;\n\ninterface foo {\n  use some:dep/foo.{a};\n\n  type t1 = a;\n  type t2 = borrow<a>;\n}\n',
          [`${same}/deps/dep/foo.wit`]: 'package some:dep;\n\ninterface foo {\n  type a = u32;\n}\n',
        },
        same,
      ),
    ).toBe(
      frame(
        `failed to resolve directory while parsing WIT for path [${same}]: type used in a handle must be a resource`,
        `${same}/foo.wit:7:20`,
        7,
        '  type t2 = borrow<a>;',
        '                   ^',
      ),
    );
  });

  it('external-id-on-interface and external-id-on-include (wit-parser 0.263)', () => {
    expect(single('external-id-on-interface', 'package a:b;\n\n@external-id("x")\ninterface i {}\n')).toBe(
      frame(
        '@external-id is not allowed on interface declarations',
        `${DIR}/external-id-on-interface.wit:3:2`,
        3,
        '@external-id("x")',
        ' ^----------',
      ),
    );
    const text = 'package a:b;\n\nworld v {}\n\nworld w {\n  @external-id("x")\n  include v;\n}\n';
    expect(single('external-id-on-include', text)).toBe(
      frame(
        '@external-id is not allowed on include statements',
        `${DIR}/external-id-on-include.wit:6:4`,
        6,
        '  @external-id("x")',
        '   ^----------',
      ),
    );
  });
});
