/**
 * Integer extremes through real components on both engines. Every case is pinned: the exact value
 * where the engine carries it, and the engine bugs where it does not (so a fixed engine shows up
 * here as a failing test to update).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadComponent, type LoadedComponent } from '../../src/host/load.ts';
import { BACKENDS, type Backend } from '../../src/component/types.ts';
import { componentDir } from '../setup/paths.ts';

type Outcome = 'same' | 'trap' | { value: unknown };

interface Case {
  fn: string;
  value: unknown;
  sm: Outcome;
  quickjs: Outcome;
}

const U32_TOP = 2 ** 32 - 1;
const S64_MIN = -(2n ** 63n);
const S64_MAX = 2n ** 63n - 1n;
const U64_MAX = 2n ** 64n - 1n;

const flat: Case[] = [
  ...[0, 255].map((value) => ({ fn: 'echoU8', value, sm: 'same', quickjs: 'same' }) as Case),
  ...[-128, 127].map((value) => ({ fn: 'echoS8', value, sm: 'same', quickjs: 'same' }) as Case),
  ...[0, 65535].map((value) => ({ fn: 'echoU16', value, sm: 'same', quickjs: 'same' }) as Case),
  ...[-32768, 32767].map((value) => ({ fn: 'echoS16', value, sm: 'same', quickjs: 'same' }) as Case),
  ...[-(2 ** 31), 2 ** 31 - 1].map((value) => ({ fn: 'echoS32', value, sm: 'same', quickjs: 'same' }) as Case),
  { fn: 'echoU32', value: 0, sm: 'same', quickjs: 'same' },
  { fn: 'echoU32', value: 2 ** 31 - 1, sm: 'same', quickjs: 'same' },
  // SM bug: a flat u32 ≥ 2^31 returned to the host is corrupted.
  { fn: 'echoU32', value: 2 ** 31, sm: { value: 0 }, quickjs: 'same' },
  { fn: 'echoU32', value: U32_TOP, sm: { value: 4292870144 }, quickjs: 'same' },
  { fn: 'echoU64', value: 0n, sm: 'same', quickjs: 'same' },
  // QuickJS bug: 64-bit integers are plain numbers inside the engine, so 2^53+1 loses its last bit
  // and the largest u64 traps.
  { fn: 'echoU64', value: 2n ** 53n + 1n, sm: 'same', quickjs: { value: 2n ** 53n } },
  { fn: 'echoU64', value: 2n ** 63n, sm: 'same', quickjs: 'same' },
  { fn: 'echoU64', value: U64_MAX, sm: 'same', quickjs: 'trap' },
  // SM bug (ComponentizeJS#343): returning a negative s64 traps.
  { fn: 'echoS64', value: S64_MIN, sm: 'trap', quickjs: 'same' },
  { fn: 'echoS64', value: -1n, sm: 'trap', quickjs: 'same' },
  { fn: 'echoS64', value: 0n, sm: 'same', quickjs: 'same' },
  { fn: 'echoS64', value: S64_MAX, sm: 'same', quickjs: 'same' },
];

const aggregates: Case[] = [
  {
    fn: 'echoRecord',
    value: { aU8: 255, aS8: -128, aU16: 65535, aS16: -32768, aU32: U32_TOP, aS32: -(2 ** 31), aU64: U64_MAX, aS64: S64_MAX },
    sm: 'same',
    quickjs: 'trap',
  },
  {
    fn: 'echoRecord',
    value: { aU8: 0, aS8: 127, aU16: 0, aS16: 32767, aU32: 2 ** 31, aS32: 2 ** 31 - 1, aU64: 0n, aS64: S64_MIN },
    sm: 'same',
    quickjs: 'same',
  },
  { fn: 'echoListU32', value: new Uint32Array([0, 2 ** 31, U32_TOP]), sm: 'same', quickjs: 'same' },
  { fn: 'echoListS64', value: new BigInt64Array([S64_MIN, -1n, S64_MAX]), sm: 'same', quickjs: 'same' },
];

const label = (v: unknown): string =>
  JSON.stringify(v, (_, x: unknown) => (typeof x === 'bigint' ? `${x}n` : ArrayBuffer.isView(x) ? [...(x as unknown as Iterable<unknown>)].map(String) : x));

const plain = (v: unknown): unknown => (ArrayBuffer.isView(v) ? [...(v as unknown as Iterable<unknown>)] : v);

function run(component: LoadedComponent, fn: string, value: unknown): { ok: true; value: unknown } | { ok: false; error: unknown } {
  // A trap poisons the instance: each case gets a fresh one.
  const echo = component.instantiate({})['witbus:ints/echo']!;
  try {
    return { ok: true, value: echo[fn]!(value) };
  } catch (error) {
    return { ok: false, error };
  }
}

for (const backend of BACKENDS as Backend[]) {
  describe(`integer extremes on ${backend}`, () => {
    let component: LoadedComponent;
    beforeAll(async () => {
      component = await loadComponent(componentDir(backend, 'ints'));
    });

    for (const c of [...flat, ...aggregates]) {
      const outcome = c[backend];
      const what = outcome === 'same' ? 'round-trips' : outcome === 'trap' ? 'traps (engine bug)' : `comes back as ${label(outcome.value)} (engine bug)`;
      it(`${c.fn}(${label(c.value)}) ${what}`, () => {
        const r = run(component, c.fn, c.value);
        if (outcome === 'trap') {
          expect(r.ok).toBe(false);
          expect(String((r as { error: unknown }).error)).toMatch(/RuntimeError/);
          return;
        }
        expect(r).toMatchObject({ ok: true });
        const got = plain((r as { value: unknown }).value);
        expect(got).toEqual(outcome === 'same' ? plain(c.value) : outcome.value);
      });
    }
  });
}
