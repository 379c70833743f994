/**
 * Every integer type through real components on both engines, checked against the integer's
 * definition, in three directions:
 * - in: the host passes a value to an export, and the guest reports what arrived (`typeof` and
 *   the exact value, as text);
 * - out: the guest builds the value from text and returns it;
 * - import: the guest builds the value from text and passes it to an import the host implements;
 * and in each position: flat, a record field, a list (a typed array, or a plain array for values
 * the guest builds), and a list of records.
 *
 * Where an engine corrupts a value, the case is listed in KNOWN_BUGS under the bug's name with the
 * exact wrong value (or `trap`), so the day an engine is fixed its entry fails here. Every other
 * case must arrive exactly.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadComponent, type ComponentExports, type LoadedComponent } from '../../src/host/load.ts';
import { BACKENDS, type Backend } from '../../src/component/types.ts';
import { componentDir } from '../setup/paths.ts';
import { intText } from './fixtures/int-text.ts';

type IntType = 'u8' | 's8' | 'u16' | 's16' | 'u32' | 's32' | 'u64' | 's64';
/** In the field order of ints.wit's `all-ints` record. */
const INT_TYPES: IntType[] = ['u8', 's8', 'u16', 's16', 'u32', 's32', 'u64', 's64'];

type Direction = 'in' | 'out' | 'import';
type Position = 'flat' | 'record' | 'typed-list' | 'array-list' | 'record-list';
/** The host always passes jco's typed arrays, so plain arrays only come from the guest. */
const POSITIONS: Record<Direction, Position[]> = {
  in: ['flat', 'record', 'typed-list', 'record-list'],
  out: ['flat', 'record', 'typed-list', 'array-list', 'record-list'],
  import: ['flat', 'record', 'typed-list', 'array-list', 'record-list'],
};

const bits = (t: IntType): bigint => BigInt(t.slice(1));
const is64 = (t: IntType): boolean => bits(t) === 64n;

const BEYOND_DOUBLE = 2n ** 53n + 1n;

/**
 * The values each type is checked at: both ends, -1, 0 and 1, and both sides of the sign bit (for
 * unsigned types, 2^(n-1)-1 and 2^(n-1)). For 64-bit types also ±(2^53+1), the integers nearest 0
 * that a double cannot hold, and for u64 2^64-2^31, the first whose two's complement reading fits
 * an s32.
 */
function valuesOf(t: IntType): bigint[] {
  const half = 2n ** (bits(t) - 1n);
  if (t.startsWith('s')) {
    const ends = [-half, -1n, 0n, 1n, half - 1n];
    return is64(t) ? [...ends, -BEYOND_DOUBLE, BEYOND_DOUBLE] : ends;
  }
  const ends = [0n, 1n, half - 1n, half, 2n * half - 1n];
  return is64(t) ? [...ends, BEYOND_DOUBLE, 2n ** 64n - 2n ** 31n] : ends;
}

interface Case {
  type: IntType;
  value: bigint;
}
const CASES: Case[] = INT_TYPES.flatMap((type) => valuesOf(type).map((value) => ({ type, value })));
const caseName = (c: Case): string => `${c.type} ${c.value}`;

/**
 * The JS type an integer has where it arrives. jco's convention (the host, and StarlingMonkey's
 * guest): bigint for 64-bit types, number otherwise. QuickJS hands the guest every integer as a
 * number (../shared/notes/component-engines.md), so exact only up to 2^53.
 */
function jsType(engine: Backend, direction: Direction, t: IntType): string {
  const inQuickjs = direction === 'in' && engine === 'quickjs';
  return is64(t) && !inQuickjs ? 'bigint' : 'number';
}

/**
 * The text the guest builds a value from: a bigint (`5n`) for a 64-bit type on StarlingMonkey, a
 * number on QuickJS, whose 64-bit integers are numbers, except in a BigInt64Array.
 */
function guestText(engine: Backend, position: Position, c: Case): string {
  const bigint = is64(c.type) && (engine === 'sm' || position === 'typed-list');
  return bigint ? `${c.value}n` : `${c.value}`;
}

/** A value as the host hands it to jco: bigint for 64-bit types. */
const hostValue = (c: Case): number | bigint => (is64(c.type) ? c.value : Number(c.value));

/** What a case arrives as when the engine gets it wrong: another value, or the call traps. */
type Wrong = bigint | 'trap';
interface KnownBug {
  engine: Backend;
  /** Where the bug shows. */
  where: Partial<Record<Direction, Position[]>>;
  gives: Array<[IntType, bigint, Wrong]>;
}

const U32_MAX = 2n ** 32n - 1n;
const U64_MAX = 2n ** 64n - 1n;
const S64_MIN = -(2n ** 63n);
const S64_MAX = 2n ** 63n - 1n;
const NOT_TYPED: Position[] = ['flat', 'record', 'array-list', 'record-list'];

const KNOWN_BUGS: Record<string, KnownBug> = {
  /** A negative s64 handed to an export flat (or in a record, flattened) is read as unsigned: x + 2^64. */
  SM_NEGATIVE_S64_ARRIVES_UNSIGNED: {
    engine: 'sm',
    where: { in: ['flat', 'record'] },
    gives: [
      ['s64', S64_MIN, 2n ** 63n],
      ['s64', -BEYOND_DOUBLE, 2n ** 64n - BEYOND_DOUBLE],
      ['s64', -1n, U64_MAX],
    ],
  },
  /** A negative s64 returned flat or passed flat to an import traps (ComponentizeJS#343). */
  SM_NEGATIVE_S64_SENT_FLAT_TRAPS: {
    engine: 'sm',
    where: { out: ['flat'], import: ['flat', 'record'] },
    gives: [
      ['s64', S64_MIN, 'trap'],
      ['s64', -BEYOND_DOUBLE, 'trap'],
      ['s64', -1n, 'trap'],
    ],
  },
  /**
   * A u32 ≥ 2^31, which JS holds as a double, sent flat arrives as the low 32 bits of that double:
   * 2^31 is 0x41E00000_00000000, 2^32-1 is 0x41EFFFFF_FFE00000.
   */
  SM_FLAT_U32_HIGH_SENT_AS_DOUBLE_LOW_BITS: {
    engine: 'sm',
    where: { out: ['flat'], import: ['flat', 'record'] },
    gives: [
      ['u32', 2n ** 31n, 0n],
      ['u32', U32_MAX, 0xffe00000n],
    ],
  },
  /** A u32 ≥ 2^31 arrives read as an s32. */
  QJS_U32_HIGH_ARRIVES_NEGATIVE: {
    engine: 'quickjs',
    where: { in: POSITIONS.in },
    gives: [
      ['u32', 2n ** 31n, -(2n ** 31n)],
      ['u32', U32_MAX, -1n],
    ],
  },
  /** A u32 ≥ 2^31 built as a number (anything but a typed array) leaves saturated at 2^31-1. */
  QJS_U32_HIGH_SENT_SATURATED: {
    engine: 'quickjs',
    where: { out: NOT_TYPED, import: NOT_TYPED },
    gives: [
      ['u32', 2n ** 31n, 2n ** 31n - 1n],
      ['u32', U32_MAX, 2n ** 31n - 1n],
    ],
  },
  /** A u64 whose s64 reading fits an s32 (≥ 2^64-2^31) arrives as that negative s32. */
  QJS_U64_TOP_ARRIVES_NEGATIVE: {
    engine: 'quickjs',
    where: { in: POSITIONS.in },
    gives: [
      ['u64', 2n ** 64n - 2n ** 31n, -(2n ** 31n)],
      ['u64', U64_MAX, -1n],
    ],
  },
  /**
   * 64-bit integers are doubles in QuickJS (a typed array aside), so beyond 2^53 they round to the
   * nearest double (ties to even), both arriving and when the guest builds them.
   */
  QJS_INT64_IS_A_DOUBLE: {
    engine: 'quickjs',
    where: { in: POSITIONS.in, out: NOT_TYPED, import: NOT_TYPED },
    gives: [
      ['u64', BEYOND_DOUBLE, 2n ** 53n],
      ['u64', S64_MAX, 2n ** 63n],
      ['s64', -BEYOND_DOUBLE, -(2n ** 53n)],
      ['s64', BEYOND_DOUBLE, 2n ** 53n],
    ],
  },
  /**
   * The largest s64 arrives rounded up to the double 2^63, out of the s64 range. (On the way out the
   * same double saturates back to 2^63-1.)
   */
  QJS_S64_MAX_ARRIVES_AS_2_POW_63: {
    engine: 'quickjs',
    where: { in: POSITIONS.in },
    gives: [['s64', S64_MAX, 2n ** 63n]],
  },
};

/** The bug a case falls under here, if any (at most one, checked below). */
function bugOf(
  engine: Backend,
  direction: Direction,
  position: Position,
  c: Case,
): { name: string; gives: Wrong } | undefined {
  const found = Object.entries(KNOWN_BUGS).flatMap(([name, bug]) =>
    bug.engine === engine && bug.where[direction]?.includes(position)
      ? bug.gives.filter(([t, v]) => t === c.type && v === c.value).map(([, , gives]) => ({ name, gives }))
      : [],
  );
  if (found.length > 1) throw new Error(`${caseName(c)} falls under ${found.map((f) => f.name).join(' and ')}`);
  return found[0];
}

interface Expectation {
  /** The case's name, with the bug's when one applies, so a failing diff names it. */
  key: string;
  text: string;
}
function expectation(engine: Backend, direction: Direction, position: Position, c: Case): Expectation {
  const bug = bugOf(engine, direction, position, c);
  const arrives = bug?.gives ?? c.value;
  return {
    key: bug === undefined ? caseName(c) : `${caseName(c)} [${bug.name}]`,
    text: arrives === 'trap' ? 'trap' : `${jsType(engine, direction, c.type)} ${arrives}`,
  };
}

/**
 * The cases of one component call, row by row (a record, or a list's element, is a row), and the
 * case it checks when the others only fill a record row around a case expected to trap.
 */
interface Batch {
  rows: Case[][];
  only?: Case;
}

/**
 * Groups the cases into calls. Flat values go one per call. Cases expected to trap get a call of
 * their own, so that a trap hides no other case; the others share one call per list type, one
 * per record row, and one list of records.
 */
function batches(position: Position, traps: (c: Case) => boolean): Batch[] {
  if (position === 'flat') return CASES.map((c) => ({ rows: [[c]] }));
  if (position === 'typed-list' || position === 'array-list') {
    return INT_TYPES.flatMap((type) => {
      const cases = CASES.filter((c) => c.type === type);
      const fine = cases.filter((c) => !traps(c)).map((c) => [c]);
      return [...(fine.length > 0 ? [{ rows: fine }] : []), ...cases.filter(traps).map((c) => ({ rows: [[c]] }))];
    });
  }
  const columns = INT_TYPES.map((type) => CASES.filter((c) => c.type === type && !traps(c)));
  if (columns.some((column) => column.length === 0))
    throw new Error('every value of a type traps: nothing to fill a record row with');
  const rows = Array.from({ length: Math.max(...columns.map((column) => column.length)) }, (_, j) =>
    columns.map((column) => column[j % column.length]!),
  );
  const alone = CASES.filter(traps).map((only) => ({
    rows: [columns.map((column) => (column[0]!.type === only.type ? only : column[0]!))],
    only,
  }));
  return position === 'record' ? [...rows.map((row) => ({ rows: [row] })), ...alone] : [{ rows }, ...alone];
}

const pascal = (t: IntType): string => t.toUpperCase();
const FIELDS = INT_TYPES.map((t) => `a${pascal(t)}`);

const TYPED_ARRAYS: Record<IntType, { from(xs: ArrayLike<number | bigint>): ArrayLike<unknown> }> = {
  u8: Uint8Array,
  s8: Int8Array,
  u16: Uint16Array,
  s16: Int16Array,
  u32: Uint32Array,
  s32: Int32Array,
  u64: BigUint64Array,
  s64: BigInt64Array,
};

const hostRecord = (row: Case[]): Record<string, number | bigint> =>
  Object.fromEntries(row.map((c, i) => [FIELDS[i]!, hostValue(c)]));
const recordTexts = (r: unknown): string[] => FIELDS.map((f) => intText((r as Record<string, unknown>)[f]));

/**
 * A batch as arguments: the functions' name suffix (`see${fn}`, `make${fn}`, `pass${fn}` and the
 * sink's `take${fn}`), the host's value for `see`, the guest's arguments for `make` and `pass`,
 * and how to read each case's text from what reaches the host.
 */
interface CallShape {
  fn: string;
  hostValue: unknown;
  guestArgs: unknown[];
  read: (x: unknown) => string[];
}

function callShape(engine: Backend, position: Position, rows: Case[][]): CallShape {
  const text = (c: Case): string => guestText(engine, position, c);
  const first = rows[0]![0]!;
  switch (position) {
    case 'flat':
      return {
        fn: pascal(first.type),
        hostValue: hostValue(first),
        guestArgs: [text(first)],
        read: (x) => [intText(x)],
      };
    case 'record':
      return { fn: 'Record', hostValue: hostRecord(rows[0]!), guestArgs: [rows[0]!.map(text)], read: recordTexts };
    case 'record-list':
      return {
        fn: 'ListRecord',
        hostValue: rows.map(hostRecord),
        guestArgs: [rows.map((row) => row.map(text))],
        read: (x) => (x as unknown[]).flatMap(recordTexts),
      };
    case 'typed-list':
    case 'array-list': {
      const cases = rows.map((row) => row[0]!);
      return {
        fn: `List${pascal(first.type)}`,
        hostValue: TYPED_ARRAYS[first.type].from(cases.map(hostValue)),
        guestArgs: [cases.map(text), position === 'typed-list'],
        read: (x) => Array.from(x as ArrayLike<unknown>, intText),
      };
    }
  }
}

for (const engine of BACKENDS as Backend[]) {
  describe(`integers on ${engine}`, () => {
    let component: LoadedComponent;
    let instance: ComponentExports;
    let sunk: Array<[string, unknown]> = [];
    const sinkNames = [...INT_TYPES.map(pascal), 'Record'].flatMap((t) => [`take${t}`, `takeList${t}`]);
    const sink = Object.fromEntries(sinkNames.map((name) => [name, (x: unknown) => void sunk.push([name, x])]));
    const fresh = (): ComponentExports => component.instantiate({ 'witbus:ints/sink': sink });

    /** Makes the call; the text of each case as it arrived, in row order. */
    function arrived(direction: Direction, { fn, hostValue, guestArgs, read }: CallShape): string[] {
      const probe = instance['witbus:ints/probe']!;
      if (direction === 'in') return [probe[`see${fn}`]!(hostValue) as string | string[]].flat();
      if (direction === 'out') return read(probe[`make${fn}`]!(...guestArgs));
      sunk = [];
      probe[`pass${fn}`]!(...guestArgs);
      expect(sunk.map(([name]) => name)).toEqual([`take${fn}`]);
      return read(sunk[0]![1]);
    }

    beforeAll(async () => {
      component = await loadComponent(componentDir(engine, 'ints'));
      instance = fresh();
    });

    for (const direction of ['in', 'out', 'import'] as Direction[]) {
      for (const position of POSITIONS[direction]) {
        it(`${direction}, ${position}: every value arrives exactly, or as its known bug says`, () => {
          const expected = new Map(CASES.map((c) => [c, expectation(engine, direction, position, c)]));
          const seen = new Map<string, Set<string>>();
          for (const { rows, only } of batches(position, (c) => expected.get(c)!.text === 'trap')) {
            const cases = rows.flat();
            let texts: string[];
            try {
              texts = arrived(direction, callShape(engine, position, rows));
            } catch (e) {
              if (!String(e).includes('RuntimeError')) throw e;
              // A trap poisons the instance.
              instance = fresh();
              texts = cases.map(() => 'trap');
            }
            expect(texts).toHaveLength(cases.length);
            cases.forEach((c, i) => {
              if (only !== undefined && c !== only) return;
              const { key } = expected.get(c)!;
              seen.set(key, (seen.get(key) ?? new Set()).add(texts[i]!));
            });
          }
          // A case seen in several calls (record rows reuse values) shows every text it arrived as.
          const observed = Object.fromEntries([...seen].map(([key, texts]) => [key, [...texts].join(' | ')]));
          expect(observed).toEqual(Object.fromEntries([...expected.values()].map(({ key, text }) => [key, text])));
        });
      }
    }
  });
}

describe('the known integer bugs', () => {
  it('name only cases that are checked, each under one bug, in positions that exist', () => {
    for (const [name, bug] of Object.entries(KNOWN_BUGS)) {
      for (const [direction, positions] of Object.entries(bug.where) as Array<[Direction, Position[]]>) {
        for (const position of positions)
          expect(POSITIONS[direction], `${name}: ${direction} ${position}`).toContain(position);
      }
      for (const [type, value] of bug.gives) {
        expect(valuesOf(type), `${name}: ${type} ${value}`).toContain(value);
        for (const [direction, positions] of Object.entries(bug.where) as Array<[Direction, Position[]]>) {
          for (const position of positions)
            expect(bugOf(bug.engine, direction, position, { type, value })?.name).toBe(name);
        }
      }
    }
  });
});
