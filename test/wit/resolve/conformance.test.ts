/**
 * wit-parser's own UI tests: every valid package resolves to exactly the JSON wit-parser writes,
 * with the feature `active` enabled as its runner does, and every invalid one is rejected with the
 * same rendered error.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { describeShared } from '../../helpers/describe-shared.ts';
import { loadWit, WitLoadError } from '../../../src/wit/load.ts';
import { withDecodedPackages } from '../../../src/node/binary-wit.ts';
import { resolveToJson } from '../../../src/wit/resolve-json.ts';
import { conformanceFs, UI_DIR, UI_PREFIX } from './conformance-fs.ts';

/** The suite with raw bytes too, so that its packages stored as Wasm can be decoded. */
const decodingFs = {
  ...conformanceFs,
  readBytes: (path: string) => readFileSync(UI_DIR + path.slice(UI_PREFIX.length)),
};

const validCases = (): string[] =>
  readdirSync(UI_DIR)
  .filter((name) => name !== 'parse-fail' && !name.endsWith('.json') && !name.endsWith('.md'))
  .filter((name) => existsSync(`${UI_DIR}/${name.replace(/\.(wit|wat)$/, '')}.wit.json`))
  .sort();

const failCases = (): string[] =>
  readdirSync(`${UI_DIR}/parse-fail`)
  .filter((name) => !name.endsWith('.result'))
  .sort();

describeShared('wit-parser ui: valid packages', () => {
  const valid = validCases();
  it('finds the suite', () => {
    expect(valid.length).toBeGreaterThan(40);
  });

  for (const name of valid) {
    it(name, async () => {
      const path = `${UI_PREFIX}/${name}`;
      const loaded = loadWit(await withDecodedPackages(decodingFs, path), path, { features: ['active'] });
      const expected = readFileSync(`${UI_DIR}/${name.replace(/\.(wit|wat)$/, '')}.wit.json`, 'utf8');
      expect(resolveToJson(loaded.resolve)).toBe(expected.trimEnd());
    });
  }
});

describeShared('wit-parser ui: invalid packages', () => {
  const failing = failCases();
  it('finds the suite', () => {
    expect(failing.length).toBeGreaterThan(90);
  });

  for (const name of failing) {
    it(name, () => {
      const expected = readFileSync(`${UI_DIR}/parse-fail/${name.replace(/\.wit$/, '')}.wit.result`, 'utf8');
      let rendered: string | null = null;
      try {
        loadWit(conformanceFs, `${UI_PREFIX}/parse-fail/${name}`);
      } catch (e) {
        if (!(e instanceof WitLoadError)) throw e;
        rendered = e.render();
      }
      expect(rendered).toBe(expected.trimEnd());
    });
  }
});
