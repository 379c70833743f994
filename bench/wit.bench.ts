/**
 * WIT front-end benchmark: parse + resolve of every package root of the real-world corpus with
 * witbus's loader, against jco's `componentEmbed` (wasm-tools' wit-parser compiled to Wasm, plus
 * the embedding itself) on the same roots, in the same process. Each side gets one warm-up pass,
 * then the median of `PASSES` timed passes over all roots is reported.
 */
import { performance } from 'node:perf_hooks';
import { loadWit } from '../src/wit/load.ts';
import { nodeWitFs } from '../src/node/wit-fs.ts';
import { corpusRoots } from '../test/wit/print/corpus.ts';
import { embedWorld } from '../test/wit/print/jco.ts';

const PASSES = 5;

async function medianPassMs(pass: () => Promise<void> | void): Promise<number> {
  await pass();
  const times: number[] = [];
  for (let i = 0; i < PASSES; i++) {
    const start = performance.now();
    await pass();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}

export async function bench(): Promise<Record<string, unknown>> {
  const roots = corpusRoots();
  // jco embeds one world; use the first world of each root package, as resolved by us.
  const worlds = roots.map((root) => {
    const { resolve, packages } = loadWit(nodeWitFs, root);
    const world = resolve.packages[packages[0]!]!.worlds.keys().next().value;
    if (world === undefined) throw new Error(`${root} has no world to embed`);
    return world;
  });
  const witbusMs = await medianPassMs(() => {
    for (const root of roots) loadWit(nodeWitFs, root);
  });
  const jcoMs = await medianPassMs(async () => {
    for (const [i, root] of roots.entries()) await embedWorld(root, worlds[i]!);
  });
  return {
    roots: roots.length,
    passes: PASSES,
    witbusParseResolveMs: round(witbusMs),
    jcoComponentEmbedMs: round(jcoMs),
    // Above 1: witbus is faster than jco by this factor.
    jcoOverWitbus: round(jcoMs / witbusMs),
  };
}
