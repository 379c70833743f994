/** The emitted codec module must type-check in strict mode together with the runtime. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import ts from 'typescript';
import { emitCodec, type CodecRoot } from '../../src/codec/emit.ts';
import type { CodecOptions } from '../../src/codec/options.ts';
import { typeId, witResolve } from './harness.ts';

const RUNTIME = readFileSync(new URL('../../src/codec/runtime.ts', import.meta.url), 'utf8');

const WIT = `
package test:typecheck;

interface t {
  record point { x: f64, y: f32, %type: string }
  variant shape { circle(point), empty, named(string) }
  variant tagged { circle(point), empty }
  enum color { red, dark-green }
  flags perms { read, write }
  record everything {
    a: bool, b: u8, c: u16, d: u32, e: u64, f: s8, g: s16, h: s32, i: s64, j: char, k: string,
    l: list<u8>, m: list<u32>, n: list<s64>, o: list<point>, p: option<point>, q: option<option<u8>>,
    r: result<shape, color>, s: result, t: result<_, string>, u: tuple<perms, color>,
    v: map<string, list<u8>>, w: map<u64, bool>, x: list<tuple<string, u32>>, y: list<f32, 3>,
  }
  record header { name: string }
}
`;

function typecheck(source: string): string[] {
  const options: ts.CompilerOptions = {
    strict: true,
    noUncheckedIndexedAccess: true,
    noImplicitOverride: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    allowImportingTsExtensions: true,
    verbatimModuleSyntax: true,
    lib: ['lib.es2023.d.ts'],
    types: [],
    noEmit: true,
  };
  const files = new Map([
    ['/virtual/codec.ts', source],
    ['/virtual/runtime.ts', RUNTIME],
  ]);
  const host = ts.createCompilerHost(options);
  const original = { getSourceFile: host.getSourceFile, fileExists: host.fileExists, readFile: host.readFile };
  host.getSourceFile = (name, lang, onError, create) => {
    const text = files.get(name);
    return text !== undefined ? ts.createSourceFile(name, text, lang) : original.getSourceFile(name, lang, onError, create);
  };
  host.fileExists = (name) => files.has(name) || original.fileExists(name);
  host.directoryExists = (dir) => dir === '/virtual' || ts.sys.directoryExists(dir);
  host.readFile = (name) => files.get(name) ?? original.readFile(name);
  const program = ts.createProgram(['/virtual/codec.ts'], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

function emit(roots: (resolve: ReturnType<typeof witResolve>) => CodecRoot[], options?: CodecOptions): string {
  const resolve = witResolve(WIT);
  const out = emitCodec({ resolve, roots: roots(resolve), options, runtimeImport: './runtime.ts' });
  expect(out.problems).toEqual([]);
  return out.source;
}

describe('generated code type-checks (strict)', () => {
  it('default profile, every kind of type, plus an ad-hoc parameter record', () => {
    const source = emit((r) => [
      typeId(r, 't', 'everything'),
      'string',
      { name: 'set-params', fields: [{ name: 'key', type: 'string' }, { name: 'value', type: typeId(r, 't', 'shape') }] },
    ]);
    expect(typecheck(source)).toEqual([]);
  }, 60_000);

  it.each<[string, CodecOptions]>([
    ['internal tags', { enumRepr: { kind: 'internal', tag: 'type' } }],
    ['adjacent tags', { enumRepr: { kind: 'adjacent', tag: 't', content: 'c' } }],
    ['untagged', { enumRepr: { kind: 'untagged' } }],
    ['renames, base64 and witified maps', { fieldRename: 'camelCase', caseRename: 'kebab-case', bytes: 'base64', witifiedMaps: true }],
  ])('%s', (_name, options) => {
    const root = options.enumRepr?.kind === 'internal' ? 'tagged' : 'shape';
    const extra = options.enumRepr?.kind === 'internal' ? 'point' : 'everything';
    const source = emit((r) => [typeId(r, 't', root), typeId(r, 't', 'color'), typeId(r, 't', extra)], options);
    expect(typecheck(source)).toEqual([]);
  }, 60_000);
});

describe('generated names', () => {
  it('never collide with runtime imports or internal constants, and do not depend on them', () => {
    const resolve = witResolve(`
package test:names;

interface t {
  record reader { l0: u8 }
  type writer = list<reader>;
  type key0 = string;
  variant error { describe(writer), literal }
}
`);
    const out = emitCodec({
      resolve,
      roots: ['reader', 'writer', 'key0', 'error'].map((n) => typeId(resolve, 't', n)),
      runtimeImport: './runtime.ts',
    });
    // Export names come from the WIT alone; the runtime's names give way (`encodeError` is both).
    expect(out.roots.map((r) => [r.decode, r.encode])).toEqual([
      ['decodeReader', 'encodeReader'],
      ['decodeWriter', 'encodeWriter'],
      ['decodeKey0', 'encodeKey0'],
      ['decodeError', 'encodeError'],
    ]);
    expect(out.source).toContain('Reader as Reader2');
    expect(out.source).toContain('encodeError as encodeError2');
    expect(typecheck(out.source)).toEqual([]);
  }, 60_000);
});
