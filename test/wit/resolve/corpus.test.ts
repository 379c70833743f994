/** Every package root of the real-world corpus resolves, with and without all features. */
import { existsSync, readdirSync } from 'node:fs';
import { expect, it } from 'vitest';
import { describeShared } from '../../helpers/describe-shared.ts';
import { sharedPath } from '../../helpers/shared.ts';
import { nodeWitFs } from '../../../src/node/wit-fs.ts';
import { loadWit } from '../../../src/wit/load.ts';
import { packageNameString } from '../../../src/wit/model.ts';

const REAL = sharedPath('corpus/real');

/** Per SOURCES.md: `X/wit` for single repositories, each proposal folder for the WASI releases. */
const roots = (): string[] =>
  readdirSync(REAL)
  .filter((d) => !d.endsWith('.md'))
  .sort()
  .flatMap((d) =>
    existsSync(`${REAL}/${d}/wit`)
      ? [`${REAL}/${d}/wit`]
      : readdirSync(`${REAL}/${d}`).sort().map((p) => `${REAL}/${d}/${p}`),
  );

describeShared('real WIT packages', () => {
  const all = roots();
  it('finds the corpus', () => {
    expect(all.length).toBeGreaterThan(15);
  });

  for (const root of all) {
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
