/**
 * `gen` benchmark: the time to generate the adapters of one interface of 100, 1,000 and 5,000
 * functions (`op<i>: func(a: point, b: u32) -> result<point, string>`), next to `witbus wit` on the
 * same package (load + print canonical WIT), both in-process from a package folder on disk with
 * the bundled wasmbus package as its dependency. The smallest size runs first, untimed, to warm
 * up; each size then reports the median of `RUNS` timed runs. `gen` grows linearly when
 * `genPerFunctionMs` stays flat across sizes.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { generate } from '../src/gen/generate.ts';
import { loadCodecRuntime, loadTemplates } from '../src/node/templates.ts';
import { nodeWitFs } from '../src/node/wit-fs.ts';
import { loadWit } from '../src/wit/load.ts';
import { printWit } from '../src/wit/print/index.ts';

const SIZES = [100, 1000, 5000];
const RUNS = 3;
const wasmbus = fileURLToPath(new URL('../wit/deps/wasmbus', import.meta.url));

function wideWit(functions: number): string {
  const ops = Array.from({ length: functions }, (_, i) => `  op${i}: func(a: point, b: u32) -> result<point, string>;`);
  return ['package bench:wide;', '', 'interface api {', '  record point { x: u32, y: string }', ...ops, '}', ''].join(
    '\n',
  );
}

async function medianMs(run: () => Promise<unknown> | unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}

export async function bench(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'witbus-gen-bench-'));
  const templates = loadTemplates();
  const codecRuntime = loadCodecRuntime();
  try {
    const sizes = [];
    for (const [index, functions] of [SIZES[0]!, ...SIZES].entries()) {
      const pkg = join(dir, `wide-${functions}`);
      cpSync(wasmbus, join(pkg, 'deps', 'wasmbus'), { recursive: true });
      writeFileSync(join(pkg, 'api.wit'), wideWit(functions));
      let outputBytes = 0;
      const gen = async () => {
        const { resolve, packages } = loadWit(nodeWitFs, pkg);
        const result = await generate({ resolve, packages, templates, codecRuntime });
        outputBytes = result.files.reduce((n, f) => n + Buffer.byteLength(f.content), 0);
      };
      if (index === 0) {
        await gen();
        continue;
      }
      const genMs = await medianMs(gen);
      const witMs = await medianMs(() => {
        const { resolve, packages } = loadWit(nodeWitFs, pkg);
        return printWit(resolve, packages[0]!, packages.slice(1));
      });
      sizes.push({
        functions,
        genMs: round(genMs),
        genPerFunctionMs: round(genMs / functions),
        witMs: round(witMs),
        outputBytes,
      });
    }
    const first = sizes[0]!;
    const last = sizes[sizes.length - 1]!;
    return {
      mode: 'in-process',
      runs: RUNS,
      sizes,
      // Time per function at the largest size over that at the smallest: about 1 when gen is linear.
      perFunctionGrowth: round(last.genPerFunctionMs / first.genPerFunctionMs),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
