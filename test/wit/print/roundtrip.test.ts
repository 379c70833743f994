/**
 * Printing is a fixed point: for every corpus root (all features on, so `@unstable` items stay),
 * the root package printed with its dependencies as nested `package a:b { ... }` blocks, loaded
 * again and printed again, gives the same text. Exercises what the printing suite does not:
 * `@since`/`@unstable`/`@deprecated`, nested packages, async functions, streams and futures.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { describeShared } from '../../helpers/describe-shared.ts';
import { sharedPath } from '../../helpers/shared.ts';
import { loadWit } from '../../../src/wit/load.ts';
import { loadWitFromDisk, nodeWitFs } from '../../../src/node/wit-fs.ts';
import type { PackageId, Resolve } from '../../../src/wit/model.ts';
import { printWit } from '../../../src/wit/print/index.ts';
import { corpusRoots } from './corpus.ts';

const PARSER_SUITE = sharedPath('conformance/wit-parser-ui');

/**
 * wit-parser's resolution suite (packages in Wasm form decoded first), minus cases whose
 * dependency packages legitimately come back in a different position: two whose only dependency
 * edge is feature-gated away, so nothing orders them, and one whose Wasm dependencies are added
 * ahead of the WIT ones, an order that printing them all into one file does not keep.
 */
function parserSuiteCases(): string[] {
  const skip = new Set(['foreign-interface-dep-gated.wit', 'foreign-world-dep-gated.wit', 'kinds-of-deps']);
  return readdirSync(PARSER_SUITE)
    .filter((e) => !e.endsWith('.json') && e !== 'parse-fail' && !skip.has(e))
    .sort();
}

function printAll(resolve: Resolve, main: PackageId): string {
  const others = resolve.packages.map((_, id) => id).filter((id) => id !== main);
  return printWit(resolve, main, others);
}

describeShared('printed WIT loads back to the same print', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'witbus-print-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  const roundTrip = async (input: string, name: string, features: { allFeatures?: boolean; features?: string[] }) => {
    const first = await loadWitFromDisk(input, features);
    const text = printAll(first.resolve, first.packages[0]!);
    const file = join(scratch, `${name}.wit`);
    writeFileSync(file, text);
    const second = loadWit(nodeWitFs, file, features);
    expect(printAll(second.resolve, second.packages[0]!)).toBe(text);
  };

  for (const root of corpusRoots()) {
    const name = `${basename(dirname(root))}-${basename(root)}`;
    it(name, () => roundTrip(root, name, { allFeatures: true }));
  }

  for (const entry of parserSuiteCases()) {
    // The suite's expectations are resolved with the feature `active` on.
    it(`wit-parser ui: ${entry}`, () => roundTrip(join(PARSER_SUITE, entry), `ui-${entry}`, { features: ['active'] }));
  }

  it('keeps stability annotations and async functions', () => {
    const root = sharedPath('corpus/real/wasi-0.3.0/clocks');
    const { resolve, packages } = loadWit(nodeWitFs, root, { allFeatures: true });
    const text = printWit(resolve, packages[0]!);
    expect(text).toContain('@unstable(feature = clocks-timezone)\ninterface timezone {\n');
    expect(text).toContain('  @since(version = 0.3.0)\n  wait-until: async func(when: mark);\n');
    expect(printWit(resolve, packages[0]!, [], { stability: false })).not.toMatch(/@since|@unstable/);
    // Without the feature, the gated interface is not there to print.
    const gated = loadWit(nodeWitFs, root);
    expect(printWit(gated.resolve, gated.packages[0]!)).not.toContain('interface timezone');
  });
});
