/**
 * Codec function and constant names come from the WIT names of the types they serve, never from
 * type ids: adding types elsewhere in the WIT (which shifts every later id) renames nothing.
 */
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/gen/generate.ts';
import { loadCodecRuntime, loadTemplates } from '../../src/node/templates.ts';
import { loadMemoryWit, WASMBUS_WIT } from '../helpers/memory-wit.ts';

const API = [
  '  record get-response { value: string, exists: bool }',
  '  variant shape { circle(f64), named(list<string>), empty }',
  '  get: func(key: string) -> get-response;',
  '  paint: func(s: shape, ids: list<tuple<u32, string>>) -> option<list<shape>>;',
];

async function codecOf(before: string[], api: string[]): Promise<string> {
  const text = ['package test:api;', ...before, 'interface api {', ...api, '}'].join('\n');
  const { resolve, packages } = loadMemoryWit({ 'w/api.wit': text, 'w/deps/wasmbus.wit': WASMBUS_WIT }, '/w');
  const { files } = await generate({ resolve, packages, templates: loadTemplates(), codecRuntime: loadCodecRuntime() });
  return files.find((f) => f.path.endsWith('/codec.ts'))!.content;
}

/** The names the codec module declares at its top level. */
function declaredNames(codec: string): string[] {
  return [...codec.matchAll(/^(?:export )?(?:function|const|type) (\w+)/gm)].map((m) => m[1]!);
}

describe('codec names', () => {
  it('name functions after types, never after type ids', async () => {
    const names = declaredNames(await codecOf([], API));
    expect(names).toEqual(expect.arrayContaining(['readGetResponse', 'writeShape', 'readListString', 'decodeGetResponse']));
    expect(names.filter((n) => /^[a-z]+\d+$/.test(n))).toEqual([]);
  });

  it('leave the codec unchanged when unrelated types are added before and among the used ones', async () => {
    const original = await codecOf([], API);
    const unrelated = ['interface other {', '  record get-response { x: u8 }', '  type many = list<list<u64>>;', '}'];
    const api = ['  enum mood { calm, upset }', '  type nums = list<s16>;', ...API];
    expect(await codecOf(unrelated, api)).toBe(original);
  });

  it('keep every existing name when a new function brings new types into the codec', async () => {
    const original = declaredNames(await codecOf([], API));
    const api = ['  record point { x: s32, y: s32 }', ...API, '  move: func(p: point, path: list<point>) -> list<string>;'];
    const grown = declaredNames(await codecOf([], api));
    expect(grown).toEqual(expect.arrayContaining(original));
    expect(grown).toEqual(expect.arrayContaining(['readPoint', 'writeListPoint', 'decodeMoveArgs']));
  });
});
