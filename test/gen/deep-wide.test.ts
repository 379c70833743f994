/**
 * Deep and wide contracts: the types and module declarations of a 10,000-long alias chain stay
 * flat and type-check, and every function of a wide interface reaches every generated file.
 */
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
    // Unformatted (prettier's share of `gen` is linear and not what is tested here).
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
