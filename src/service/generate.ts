/**
 * Generation as every face of witbus runs it: resolve the targets, load each one's WIT from disk
 * and generate, with user errors rendered. Nothing is written here (see output.ts).
 */
import { ContractError } from '../contract/errors.ts';
import { UserError } from './errors.ts';
import { loadWitPackage } from './wit.ts';
import type { GenerateTarget } from '../config/config.ts';
import { generate, type GenerateResult } from '../gen/generate.ts';
import { contractLayout, type ContractLayout } from '../gen/layout.ts';
import { locateModelItem, renderModelError, type ModelSpans, type PackageId, type Resolve } from '../wit/index.ts';
import { bundledWasmbus, loadCodecRuntime, loadTemplates } from '../node/templates.ts';
import { resolveTargets, type TargetRequest } from './targets.ts';

/** A target's generated files, where each contract's adapters are, and the files it read. */
export interface TargetOutput extends GenerateResult {
  adapters: ContractLayout[];
  sources: string[];
  /** What a user may want to know with --verbose (e.g. that the bundled wasmbus package was used). */
  notes: string[];
  /** The loaded WIT the contracts' ids point into, and its root packages (the input's first). */
  resolve: Resolve;
  packages: PackageId[];
  /** Where the model's items were written; their `file` indexes `sources`. */
  spans: ModelSpans;
}

export async function generateTarget(target: GenerateTarget): Promise<TargetOutput> {
  const loaded = await loadWitPackage(target.wit, {
    fallbackPackages: [bundledWasmbus()],
    ...(target.features ? { features: target.features } : {}),
    ...(target.allFeatures ? { allFeatures: true } : {}),
    ...(target.nodeModules === false ? { nodeModules: false } : {}),
  });
  const sources = loaded.sources.files.map((f) => f.path);
  try {
    const generated = await generate({
      resolve: loaded.resolve,
      packages: loaded.packages,
      templates: loadTemplates(),
      codecRuntime: loadCodecRuntime(),
      ...(target.contracts ? { contracts: target.contracts } : {}),
      ...(target.codec ? { codec: target.codec } : {}),
    });
    const adapters = generated.contracts.map((c) => contractLayout(loaded.resolve, c));
    const notes = loaded.fallbacksUsed.map(
      (pkg) => `${target.wit} brings no wasmcloud:wasmbus package: using witbus's bundled ${pkg}`,
    );
    return {
      ...generated,
      adapters,
      sources,
      notes,
      resolve: loaded.resolve,
      packages: loaded.packages,
      spans: loaded.spans,
    };
  } catch (e) {
    if (e instanceof ContractError) {
      const span = locateModelItem(loaded.spans, e.at);
      throw new UserError(
        span ? renderModelError(e.message, span, loaded.sources) : `error: ${e.message}\n  --> ${target.wit}`,
      );
    }
    throw e;
  }
}

export interface TargetResult {
  target: GenerateTarget;
  result: TargetOutput;
}

export interface GenerateRun {
  results: TargetResult[];
  /** Every file the run read: each target's WIT and deps, and the config file; for watchers. */
  sources: string[];
}

/** Resolves the targets of a request and generates each (nothing is written). */
export async function generateTargets(request: TargetRequest): Promise<GenerateRun> {
  const { targets, configFile } = await resolveTargets(request);
  const results: TargetResult[] = [];
  const sources = new Set<string>(configFile === undefined ? [] : [configFile]);
  for (const target of targets) {
    const result = await generateTarget(target);
    for (const file of result.sources) sources.add(file);
    results.push({ target, result });
  }
  return { results, sources: [...sources].sort() };
}
