/**
 * Differential test against jco: for every package root of the real-world corpus and every world
 * of its root package, jco embeds the world (`componentEmbed`) and prints the resulting
 * `component-type` section back as WIT (`unpackWit`); our printer, run on our own resolution of
 * the same root, must print every interface and world jco prints identically.
 *
 * Legitimate normalization only: the section keeps neither doc comments nor `@since`/`@unstable`
 * annotations, so ours is printed without both; and it holds only the items the world reaches,
 * in decoding order, so blocks are compared by name rather than whole files.
 */
import { basename, dirname } from 'node:path';
import { expect, it } from 'vitest';
import { describeShared } from '../helpers/describe-shared.ts';
import { loadWit } from '../../src/wit/load.ts';
import { nodeWitFs } from '../../src/node/wit-fs.ts';
import { packageNameString } from '../../src/wit/model.ts';
import { printWit } from '../../src/wit/print/index.ts';
import { corpusRoots } from './print/corpus.ts';
import { jcoWorldWit, printedPackageName, topLevelBlocks } from './print/jco.ts';

describeShared('printWit agrees with jco on the real-world corpus', () => {
  const roots = corpusRoots();

  it('finds the corpus', () => {
    expect(roots.length).toBeGreaterThan(10);
  });

  for (const root of roots) {
    it(`${basename(dirname(root))}/${basename(root)}`, async () => {
      const { resolve, packages } = loadWit(nodeWitFs, root);
      const ours = new Map(
        resolve.packages.map((p, id) => [
          packageNameString(p.name),
          topLevelBlocks(printWit(resolve, id, [], { docs: false, stability: false })),
        ]),
      );
      const worlds = [...resolve.packages[packages[0]!]!.worlds.keys()];
      expect(worlds.length).toBeGreaterThan(0);
      const mismatches: string[] = [];
      let compared = 0;
      for (const world of worlds) {
        for (const [path, text] of await jcoWorldWit(root, world)) {
          const pkg = printedPackageName(text);
          const mine = ours.get(pkg);
          if (mine === undefined) {
            mismatches.push(`${world}: jco printed package ${pkg} (${path}), which we did not resolve`);
            continue;
          }
          for (const [key, block] of topLevelBlocks(text)) {
            compared += 1;
            if (mine.get(key) !== block) {
              mismatches.push(`${world}: ${pkg} ${key}\n--- jco\n${block}\n--- ours\n${mine.get(key) ?? '(missing)'}`);
            }
          }
        }
      }
      expect(mismatches).toEqual([]);
      expect(compared).toBeGreaterThan(0);
    }, 120_000);
  }
});
