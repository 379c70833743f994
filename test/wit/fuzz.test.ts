/**
 * Seeded fuzzing of the WIT front end: corpus packages with one file mutated (truncated, tokens
 * swapped or dropped, random characters written in) must each end in a `Resolve` or a `WitError`,
 * never in another exception or a hang.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { WitError } from '../../src/wit/diagnostic.ts';
import { loadWit, WitLoadError } from '../../src/wit/load.ts';
import { resolveToJson } from '../../src/wit/resolve-json.ts';
import { memoryFs } from './resolve/memory-fs.ts';
import { testSeed } from '../helpers/seed.ts';
import { describeShared } from '../helpers/describe-shared.ts';
import { sharedPath } from '../helpers/shared.ts';

const CASES = 3000;

/** mulberry32: a small deterministic PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function filesUnder(dir: string, prefix: string, out: Map<string, string>): void {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) filesUnder(path, `${prefix}/${name}`, out);
    else if (name.endsWith('.wit')) out.set(`${prefix}/${name}`, readFileSync(path, 'utf8'));
  }
}

/** Each seed package: its files under `/pkg`, loaded from `/pkg` (a directory or one file). */
function seedPackages(): { files: Map<string, string>; root: string }[] {
  const seeds: { files: Map<string, string>; root: string }[] = [];
  const real = sharedPath('corpus/real');
  for (const repo of readdirSync(real).sort()) {
    const sub = readdirSync(join(real, repo)).sort();
    for (const dir of sub.includes('wit') ? ['wit'] : sub) {
      const files = new Map<string, string>();
      filesUnder(join(real, repo, dir), '/pkg', files);
      seeds.push({ files, root: '/pkg' });
    }
  }
  const ui = sharedPath('conformance/wit-parser-ui');
  for (const name of readdirSync(ui).sort()) {
    if (!name.endsWith('.wit')) continue;
    seeds.push({ files: new Map([['/pkg.wit', readFileSync(join(ui, name), 'utf8')]]), root: '/pkg.wit' });
  }
  return seeds;
}

const NOISE = ['{', '}', '<', '>', ';', ',', ':', '.', '/', '@', '%', '-', ' ', '\n', 'é', '\u{1F600}', '\0', '*', '('];
const WORDS = ['use', 'type', 'resource', 'own', 'borrow', 'include', 'world', 'interface', 'package', 'func', 'import', 'export', 'with', 'as', 'static', 'constructor', 'async', 'list', 'option', 'result', 'tuple', 'stream', 'future', 'a:b/c', '@since(version = 1.0.0)', '@unstable(feature = x)', '@deprecated(version = 0.1.0)'];

function mutate(text: string, rand: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const at = () => Math.floor(rand() * (text.length + 1));
  const tokens = text.split(/(\s+|[{}<>;,:.()=])/);
  const tokenAt = () => Math.floor(rand() * tokens.length);
  switch (Math.floor(rand() * 6)) {
    case 0:
      return text.slice(0, at());
    case 1: {
      const i = tokenAt();
      const j = tokenAt();
      [tokens[i], tokens[j]] = [tokens[j]!, tokens[i]!];
      return tokens.join('');
    }
    case 2: {
      const i = tokenAt();
      tokens.splice(i, 1 + Math.floor(rand() * 4));
      return tokens.join('');
    }
    case 3: {
      let out = text;
      for (let n = 1 + Math.floor(rand() * 4); n > 0; n--) {
        const p = Math.floor(rand() * (out.length + 1));
        out = out.slice(0, p) + pick(NOISE) + out.slice(p + 1);
      }
      return out;
    }
    case 4: {
      const i = tokenAt();
      tokens.splice(i, 0, ` ${pick(WORDS)} `);
      return tokens.join('');
    }
    default: {
      const i = tokenAt();
      const j = tokenAt();
      tokens.splice(j, 0, tokens[i]!);
      return tokens.join('');
    }
  }
}

describeShared('fuzzing the WIT loader', () => {
  it(`ends every one of ${CASES} mutated packages in a Resolve or a WitError`, () => {
    const rand = prng(testSeed());
    const seeds = seedPackages();
    let resolved = 0;
    let rejected = 0;
    for (let n = 0; n < CASES; n++) {
      const seed = seeds[Math.floor(rand() * seeds.length)]!;
      const paths = [...seed.files.keys()];
      const target = paths[Math.floor(rand() * paths.length)]!;
      const files = new Map(seed.files);
      let text = seed.files.get(target)!;
      for (let m = 1 + Math.floor(rand() * 3); m > 0; m--) text = mutate(text, rand);
      files.set(target, text);
      try {
        const loaded = loadWit(memoryFs(files), seed.root, { allFeatures: rand() < 0.5 });
        resolveToJson(loaded.resolve);
        resolved++;
      } catch (e) {
        if (!(e instanceof WitLoadError)) {
          throw new Error(`case ${n} (${target}) threw ${String(e)}\n--- input\n${text}`, { cause: e });
        }
        expect(e).toBeInstanceOf(WitError);
        expect(e.render().length).toBeGreaterThan(0);
        rejected++;
      }
    }
    expect(resolved + rejected).toBe(CASES);
    // Both outcomes occur: the mutations neither always break nor never break the input.
    expect(resolved).toBeGreaterThan(0);
    expect(rejected).toBeGreaterThan(0);
  });
});
