/**
 * WIT packages stored as Wasm (binary, or the text format): detected as wat does, decoded with jco
 * before loading, and merged into the `Resolve` ahead of the WIT packages beside them, as
 * wit-parser does. (wit-parser's own cases are in resolve/conformance.test.ts.)
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isWasmPackage, loadWit, packageFilePaths, WitLoadError, type LoadedWit } from '../../src/wit/load.ts';
import { packageNameString } from '../../src/wit/model.ts';
import { printWit } from '../../src/wit/print/index.ts';
import { loadWitFromDisk, nodeWitFs } from '../../src/node/wit-fs.ts';
import { memoryFs } from './resolve/memory-fs.ts';

/** `c:d@1.0.0` with `interface y { record <name> { a: u32 } }`, as wasm-tools encodes it. */
function packageCd(name: string): string {
  return `;; the package c:d@1.0.0
(component
  (type (;0;)
    (component
      (type (;0;)
        (instance
          (type (;0;) (record (field "a" u32)))
          (export (;1;) "${name}" (type (eq 0)))
        )
      )
      (export (;0;) "c:d/y@1.0.0" (instance (type 0)))
    )
  )
  (export (;1;) "y" (type 0))
)
`;
}

/** `a:b` with `interface x { use c:d/y@1.0.0.{t}; f: func(x: t); }`. */
const PACKAGE_AB = `(component
  (type (;0;)
    (component
      (type (;0;)
        (instance
          (type (;0;) (record (field "a" u32)))
          (export (;1;) "t" (type (eq 0)))
        )
      )
      (import "c:d/y@1.0.0" (instance (;0;) (type 0)))
      (alias export 0 "t" (type (;1;)))
      (type (;2;)
        (instance
          (alias outer 1 1 (type (;0;)))
          (export (;1;) "t" (type (eq 0)))
          (type (;2;) (func (param "x" 1)))
          (export (;0;) "f" (func (type 2)))
        )
      )
      (export (;1;) "a:b/x" (instance (type 2)))
    )
  )
  (export (;1;) "x" (type 0))
)
`;

/** `e:e` with an empty `interface e`, in the binary format (wit-parser's kinds-of-deps/deps/e.wasm). */
const PACKAGE_EE = Uint8Array.from([
  0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00, 0x07, 0x10, 0x01, 0x41, 0x02, 0x01, 0x42, 0x00, 0x04, 0x01, 0x05,
  0x65, 0x3a, 0x65, 0x2f, 0x65, 0x05, 0x00, 0x0b, 0x07, 0x01, 0x00, 0x01, 0x65, 0x03, 0x00, 0x00,
]);

const scratch = mkdtempSync(join(tmpdir(), 'witbus-binary-wit-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let dirs = 0;
/** A fresh directory holding `files` (relative path to contents). */
function tree(files: Record<string, string | Uint8Array>): string {
  const root = join(scratch, `t${dirs++}`);
  for (const [path, contents] of Object.entries(files)) {
    const file = join(root, path);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, contents);
  }
  return root;
}

function packageNames(loaded: LoadedWit): string[] {
  return loaded.resolve.packages.map((p) => packageNameString(p.name));
}

async function loadError(path: string): Promise<string> {
  try {
    await loadWitFromDisk(path);
  } catch (e) {
    if (e instanceof WitLoadError) return e.render();
    throw e;
  }
  throw new Error(`${path} loaded`);
}

describe('isWasmPackage', () => {
  it('takes the binary magic and a leading ( as Wasm, after whitespace and wat comments', () => {
    expect(isWasmPackage('\0asm\r\0\u0001\0')).toBe(true);
    expect(isWasmPackage('(component)')).toBe(true);
    expect(isWasmPackage(' \t\r\n;; a line\n(; a (; nested ;) block ;)(module)')).toBe(true);
  });

  it('takes WIT, empty text and an unclosed comment as not Wasm', () => {
    expect(isWasmPackage('package a:b;\n')).toBe(false);
    expect(isWasmPackage('// (component)\npackage a:b;')).toBe(false);
    expect(isWasmPackage('/* ( */ package a:b;')).toBe(false);
    expect(isWasmPackage('  \n')).toBe(false);
    expect(isWasmPackage('(; (component)')).toBe(false);
    expect(isWasmPackage('\0as')).toBe(false);
  });
});

describe('packageFilePaths', () => {
  it('is the root file, or the package files in deps/ in name order', () => {
    const fs = memoryFs(
      new Map([
        ['/r/a.wit', ''],
        ['/r/skip.wat', ''],
        ['/r/deps/z.wasm', ''],
        ['/r/deps/b.wit', ''],
        ['/r/deps/c.wat', ''],
        ['/r/deps/.DS_Store', ''],
        ['/r/deps/notes.txt', ''],
        ['/r/deps/dir/x.wit', ''],
      ]),
    );
    expect(packageFilePaths(fs, '/r')).toEqual(['/r/deps/b.wit', '/r/deps/c.wat', '/r/deps/z.wasm']);
    expect(packageFilePaths(fs, '/r/skip.wat')).toEqual(['/r/skip.wat']);
    expect(packageFilePaths(fs, '/missing')).toEqual([]);
  });
});

describe('loading Wasm packages from disk', () => {
  it('reads a root in the text format, with the packages it refers to', async () => {
    const root = tree({ 'ab.wat': PACKAGE_AB });
    const loaded = await loadWitFromDisk(join(root, 'ab.wat'));
    // The decoder keeps of c:d only what a:b uses; dependencies come first.
    expect(packageNames(loaded)).toEqual(['c:d@1.0.0', 'a:b']);
    expect(loaded.packages).toEqual([1]);
    expect(printWit(loaded.resolve, loaded.packages[0]!)).toBe(
      'package a:b;\n\ninterface x {\n  use c:d/y@1.0.0.{t};\n\n  f: func(x: t);\n}\n\n',
    );
  });

  it('reads a root in the binary format', async () => {
    const root = tree({ 'e.wasm': PACKAGE_EE });
    const loaded = await loadWitFromDisk(join(root, 'e.wasm'));
    expect(packageNames(loaded)).toEqual(['e:e']);
    expect([...loaded.resolve.packages[0]!.interfaces.keys()]).toEqual(['e']);
  });

  it('adds Wasm dependencies first, in name order, and resolves WIT against them', async () => {
    const root = tree({
      'a.wit': 'package a:a;\n\nworld w {\n  import a:b/x;\n  import b:b/b;\n}\n',
      'deps/b.wit': 'package b:b;\n\ninterface b {}\n',
      'deps/1-cd.wat': packageCd('t'),
      'deps/2-ab.wat': PACKAGE_AB,
    });
    const loaded = await loadWitFromDisk(root);
    // a:b's own view of c:d is dropped: c:d is loaded already, and has what a:b uses.
    expect(packageNames(loaded)).toEqual(['c:d@1.0.0', 'a:b', 'b:b', 'a:a']);
    const world = loaded.resolve.worlds[0]!;
    const imported = [...world.imports.values()].map((entry) =>
      entry.item.kind === 'interface' ? loaded.resolve.interfaces[entry.item.id]!.name : null,
    );
    expect(imported).toEqual(['y', 'x', 'b']);
    const x = loaded.resolve.interfaces[1]!;
    const t = loaded.resolve.types[x.types.get('t')!]!;
    expect(t.kind).toEqual({ kind: 'type', type: loaded.resolve.interfaces[0]!.types.get('t') });
  });

  it('keeps docs, and @unstable items whatever the features, as wit-parser merges the package whole', async () => {
    // wasm-tools keeps docs and stability in the `package-docs` custom section (format version 1).
    const metadata = JSON.stringify({
      docs: 'The package.',
      interfaces: { x: { docs: 'The interface.', stability: { unstable: { feature: 'f' } } } },
    });
    const wat = `(component
  (type $x (component (export "a:b/x@1.0.0" (instance))))
  (export "x" (type $x))
  (@custom "package-docs" "\\01${metadata.replaceAll('"', '\\"')}")
)`;
    const root = tree({ 'ab.wat': wat, 'gated.wit': 'package c:c;\n\n@unstable(feature = f)\ninterface y {}\n' });
    const { resolve } = await loadWitFromDisk(join(root, 'ab.wat'));
    expect(resolve.packages[0]!.docs).toEqual({ contents: 'The package.' });
    expect(resolve.interfaces).toHaveLength(1);
    expect(resolve.interfaces[0]!.docs).toEqual({ contents: 'The interface.' });
    expect(resolve.interfaces[0]!.stability).toEqual({ kind: 'unstable', feature: 'f' });
    // WIT loaded the same way still drops what its features leave out.
    expect((await loadWitFromDisk(join(root, 'gated.wit'))).resolve.interfaces).toHaveLength(0);
  });

  it('reads a .wat file that holds WIT as WIT, as wit-parser does', async () => {
    const root = tree({
      'a.wit': 'package a:a;\n\nworld w {\n  import b:b/b;\n}\n',
      'deps/b.wat': 'package b:b;\n\ninterface b {}\n',
    });
    expect(packageNames(await loadWitFromDisk(root))).toEqual(['b:b', 'a:a']);
  });

  it('points errors in decoded packages at the Wasm file', async () => {
    const root = tree({ 'a.wit': 'package a:a;\n', 'deps/1-cd.wat': packageCd('u'), 'deps/2-ab.wat': PACKAGE_AB });
    const error = await loadError(root);
    expect(error).toContain('type `t` not defined in interface');
    expect(error).toContain(`--> ${join(root, 'deps/2-ab.wat')}:4:20`);
  });

  it('refuses a WIT package whose name a Wasm package took', async () => {
    const root = tree({ 'a.wit': 'package a:a;\n', 'deps/b.wit': 'package e:e;\n', 'deps/e.wasm': PACKAGE_EE });
    expect(await loadError(root)).toBe(
      [
        `failed to resolve directory while parsing WIT for path [${root}]: package \`e:e\` is already loaded from a package in Wasm form`,
        `     --> ${join(root, 'deps/b.wit')}:1:9`,
        '      |',
        '    1 | package e:e;',
        '      |         ^--',
      ].join('\n'),
    );
  });

  it('refuses a Wasm package whose name is taken, as it cannot be merged', async () => {
    const root = tree({ 'a.wit': 'package a:a;\n', 'deps/1.wasm': PACKAGE_EE, 'deps/2.wasm': PACKAGE_EE });
    expect(await loadError(root)).toContain(
      `failed to merge the WIT package in Wasm [${join(root, 'deps/2.wasm')}]: package \`e:e\` is already loaded`,
    );
  });
});

describe('Wasm that is not a WIT package', () => {
  const decodeError = (name: string, contents: string | Uint8Array) => {
    const root = tree({ [name]: contents });
    return loadError(join(root, name)).then((error) => ({ error, path: join(root, name) }));
  };

  it('names the file and the position of a Wasm text syntax error', async () => {
    const { error, path } = await decodeError('bad.wat', '(component\n  (export "x" (type $nope)))\n');
    expect(error).toBe(
      `failed to decode the WIT package in Wasm [${path}]: invalid Wasm text at line 2, column 21: unknown type: failed to find name \`$nope\``,
    );
  });

  it('names the file holding a component instead of a package', async () => {
    const { error, path } = await decodeError('c.wat', '(component)');
    expect(error).toBe(
      `failed to decode the WIT package in Wasm [${path}]: found an actual component instead of an encoded WIT package in wasm`,
    );
  });

  it('names the file holding a truncated binary', async () => {
    const { error, path } = await decodeError('t.wasm', PACKAGE_EE.slice(0, 12));
    expect(error).toMatch(new RegExp(`^failed to decode the WIT package in Wasm \\[${path}\\]: .*end-of-file`));
  });

  it('asks for decoding when the file system does not decode', () => {
    const fs = memoryFs(new Map([['/p.wat', '(component)']]));
    expect(() => loadWit(fs, '/p.wat')).toThrow(
      'failed to read path for WIT [/p.wat]: it holds a WIT package in Wasm form, which must be decoded before loading (see loadWitFromDisk)',
    );
  });

  it('loads WIT files as before, and gives decoding their raw bytes', async () => {
    const root = tree({ 'a.wit': 'package a:a;\n' });
    expect(packageNames(await loadWitFromDisk(join(root, 'a.wit')))).toEqual(['a:a']);
    expect([...nodeWitFs.readBytes(join(root, 'a.wit'))]).toEqual([...new TextEncoder().encode('package a:a;\n')]);
  });
});
