/**
 * wit-component's printing conformance suite: each X.wit (or folder X/) of
 * conformance/wit-print, loaded and printed, must equal X.wit.print (for a folder,
 * X/<package name>.wit.print), byte for byte.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeShared } from '../../helpers/describe-shared.ts';
import { sharedPath } from '../../helpers/shared.ts';
import { loadWit } from '../../../src/wit/load.ts';
import { nodeWitFs } from '../../../src/node/wit-fs.ts';
import { printWit } from '../../../src/wit/print/index.ts';

const SUITE = sharedPath('conformance/wit-print');

interface Case {
  name: string;
  input: string;
  /** The golden file; for a folder it is named after the package, known only after loading. */
  expected: (packageName: string) => string;
}

function cases(): Case[] {
  const out: Case[] = [];
  for (const entry of readdirSync(SUITE).sort()) {
    const path = join(SUITE, entry);
    if (statSync(path).isDirectory()) {
      out.push({ name: entry, input: path, expected: (pkg) => join(path, `${pkg}.wit.print`) });
    } else if (entry.endsWith('.wit') && existsSync(`${path}.print`)) {
      out.push({ name: entry, input: path, expected: () => `${path}.print` });
    }
  }
  return out;
}

describeShared('printWit matches wit-component on its printing suite', () => {
  const all = cases();

  it('finds the suite', () => {
    expect(all.length).toBeGreaterThan(30);
  });

  for (const c of all) {
    it(c.name, () => {
      const { resolve, packages } = loadWit(nodeWitFs, c.input);
      const main = packages[0]!;
      const golden = c.expected(resolve.packages[main]!.name.name);
      expect(printWit(resolve, main)).toBe(readFileSync(golden, 'utf8'));
    });
  }
});
