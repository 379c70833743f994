/**
 * Deep and wide contracts: every generated file of a 10,000-long alias chain stays flat and
 * type-checks, its codec round-trips values, and every function of a wide interface reaches every
 * generated file.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { deriveContracts } from '../../src/contract/contract.ts';
import { contractTypeNames, modulesFile, typesFile } from '../../src/gen/adapters/types-file.ts';
import { generate } from '../../src/gen/generate.ts';
import { loadCodecRuntime, loadTemplates } from '../../src/node/templates.ts';
import { loadMemoryWit, WASMBUS_WIT } from '../helpers/memory-wit.ts';
import { typecheckFiles } from './typecheck-files.ts';

function contractOf(body: string[]) {
  const loaded = loadMemoryWit(
    {
      'w/api.wit': ['package test:api;', 'interface api {', ...body, '}'].join('\n'),
      'w/deps/wasmbus.wit': WASMBUS_WIT,
    },
    '/w',
  );
  return { ...loaded, contract: deriveContracts(loaded.resolve, loaded.packages)[0]! };
}

describe('a 10,000-long alias chain', () => {
  const DEPTH = 10_000;
  const chain = Array.from({ length: DEPTH }, (_, i) => `  type l${i + 1} = list<l${i}>;`);

  it('gives one short declaration per alias, which type-checks against the jco mapping', () => {
    const { resolve, contract } = contractOf(['  type l0 = u32;', ...chain, `  get: func(x: l${DEPTH}) -> l${DEPTH};`]);
    const names = contractTypeNames(resolve, contract);
    const types = typesFile(resolve, contract, names);
    const modules = modulesFile(resolve, contract, names);
    // jco: list<u32> is a Uint32Array, any other list an Array.
    expect(types).toContain('export type L1 = Uint32Array;\n');
    expect(types).toContain(`export type L${DEPTH} = Array<L${DEPTH - 1}>;\n`);
    expect(modules).toContain(`  export type L${DEPTH} = Array<L${DEPTH - 1}>;\n`);
    expect(Math.max(...types.split('\n').map((l) => l.length))).toBeLessThan(100);
    const check = [
      "import type { Api, L2, L3 } from './types.js';",
      "import { get } from 'test:api/api';",
      `import type { L${DEPTH} } from 'test:api/api';`,
      `declare const api: Api;`,
      `const viaInterface: L${DEPTH} = api.get([]);`,
      `const viaModule: L${DEPTH} = get(viaInterface);`,
      'const three: L3 = [[Uint32Array.of(1)]];',
      'const wrong: L2 = [[1]];',
      'export { three, viaModule, wrong };',
    ].join('\n');
    const diagnostics = typecheckFiles(
      new Map([
        ['types.ts', types],
        ['modules.d.ts', modules],
        ['check.ts', check],
      ]),
    );
    // Only the deliberate mistake: an array of numbers is not a Uint32Array.
    expect(diagnostics).toEqual(["check.ts:8: Type '[number]' is not assignable to type 'L1'."]);
  });
});

describe(`a 10,000-long alias chain through the whole of gen`, () => {
  const DEPTH = 10_000;
  const chain = Array.from({ length: DEPTH }, (_, i) => `  type l${i + 1} = list<l${i}>;`);

  it('gives files that type-check together, and a codec that round-trips values of the deepest type', async () => {
    const { resolve, packages } = contractOf(['  type l0 = u32;', ...chain, `  get: func(x: l${DEPTH}) -> l${DEPTH};`]);
    const result = await generate({ resolve, packages, templates: loadTemplates(), codecRuntime: loadCodecRuntime() });
    const file = (suffix: string) => result.files.find((f) => f.path.endsWith(suffix))!;
    const codec = file('/codec.ts');
    // One small function per alias, calling the next one down by name.
    expect(codec.content).toContain(`function readL${DEPTH}(r: Reader): L${DEPTH} {`);
    expect(codec.content).toContain(`out.push(readL${DEPTH - 1}(r))`);
    expect(codec.content).toContain(`function writeL2(w: Writer, v: L2): void {`);
    const ts = result.files.filter((f) => f.path.endsWith('.ts'));
    expect(typecheckFiles(new Map(ts.map((f) => [f.path, f.content])))).toEqual([]);

    const dir = mkdtempSync(join(tmpdir(), 'witbus-deep-'));
    try {
      for (const f of ts) {
        mkdirSync(dirname(join(dir, f.path)), { recursive: true });
        writeFileSync(join(dir, f.path), f.content);
      }
      const bundle = await build({
        entryPoints: [join(dir, codec.path)],
        bundle: true,
        format: 'esm',
        platform: 'neutral',
        write: false,
        logLevel: 'silent',
      });
      const js = bundle.outputFiles[0]!.text;
      const mod = (await import(`data:text/javascript;base64,${Buffer.from(js).toString('base64')}`)) as {
        decodeL10000(b: Uint8Array): unknown;
        encodeL10000(v: unknown): Uint8Array;
      };
      // 100 nested lists: deep in the type, and within serde_json's recursion limit of 128.
      const text = `${'['.repeat(100)}${']'.repeat(100)}`;
      const value = mod.decodeL10000(new TextEncoder().encode(text));
      let expected: unknown = [];
      for (let i = 1; i < 100; i++) expected = [expected];
      expect(value).toEqual(expected);
      expect(new TextDecoder().decode(mod.encodeL10000(value))).toBe(text);
      expect(new TextDecoder().decode(mod.encodeL10000([[[[]], []]]))).toBe('[[[[]],[]]]');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('a wide interface', () => {
  const WIDTH = 60;
  const functions = Array.from(
    { length: WIDTH },
    (_, i) => `  op${i}: func(a: point, b: u32) -> result<point, string>;`,
  );

  it('puts every function in every generated file, and the files type-check together', async () => {
    const { resolve, packages } = contractOf(['  record point { x: u32, y: string }', ...functions]);
    const result = await generate({ resolve, packages, templates: loadTemplates(), codecRuntime: loadCodecRuntime() });
    const file = (suffix: string) => result.files.find((f) => f.path.endsWith(suffix))!.content;
    for (let i = 0; i < WIDTH; i++) {
      expect(file('/types.ts')).toContain(`  op${i}(a: Point, b: number): Point;`);
      expect(file('/modules.d.ts')).toContain(`  export function op${i}(`);
      expect(file('/sender.ts')).toMatch(new RegExp(`\\bop${i}\\(a: Point, b: number\\)`));
      expect(file('/receiver.ts')).toContain(`'Api.Op${i}'`);
      expect(file('/codec.ts')).toContain(`export function decodeOp${i}Args(`);
      expect(file('/adapters.wit')).not.toContain(`op${i}`);
    }
    const diagnostics = typecheckFiles(
      new Map(result.files.filter((f) => f.path.endsWith('.ts')).map((f) => [f.path, f.content])),
    );
    expect(diagnostics).toEqual([]);
  });
});
