/** Every package root of the real-world corpus resolves, with and without all features. */
import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nodeWitFs } from '../../../src/node/wit-fs.ts';
import { loadWit } from '../../../src/wit/load.ts';
import { packageNameString } from '../../../src/wit/model.ts';

const REAL = '/work/shared/corpus/real';

/** Per SOURCES.md: `X/wit` for single repositories, each proposal folder for the WASI releases. */
const roots = readdirSync(REAL)
  .filter((d) => !d.endsWith('.md'))
  .sort()
  .flatMap((d) =>
    existsSync(`${REAL}/${d}/wit`)
      ? [`${REAL}/${d}/wit`]
      : readdirSync(`${REAL}/${d}`).sort().map((p) => `${REAL}/${d}/${p}`),
  );

describe('real WIT packages', () => {
  it('finds the corpus', () => {
    expect(roots.length).toBeGreaterThan(15);
  });

  for (const root of roots) {
    it(root.slice(REAL.length + 1), () => {
      const loaded = loadWit(nodeWitFs, root);
      const all = loadWit(nodeWitFs, root, { allFeatures: true });
      const main = loaded.resolve.packages[loaded.packages[0]!]!;
      expect(packageNameString(main.name)).toMatch(/^[a-z][a-z0-9-]*:[a-z][a-z0-9-]*(@.+)?$/);
      expect(main.interfaces.size + main.worlds.size).toBeGreaterThan(0);
      // Enabling features can only add items.
      expect(all.resolve.types.length).toBeGreaterThanOrEqual(loaded.resolve.types.length);
      expect(all.resolve.packages.map((p) => packageNameString(p.name))).toEqual(
        loaded.resolve.packages.map((p) => packageNameString(p.name)),
      );
    });
  }

  it('keeps @unstable items only when their feature is enabled', () => {
    const root = `${REAL}/wasi-0.2.12/clocks`;
    const clocks = (features: string[]) => {
      const { resolve, packages } = loadWit(nodeWitFs, root, { features });
      return resolve.packages[packages[0]!]!.interfaces;
    };
    expect(clocks([]).has('timezone')).toBe(false);
    expect(clocks(['clocks-timezone']).has('timezone')).toBe(true);
  });
});
