/** Runs one generate target: load its WIT from disk and generate, with user errors rendered. */
import { ContractError } from '../contract/errors.ts';
import { UserError, witUserError } from './errors.ts';
import type { GenerateTarget } from '../config/config.ts';
import { generate, type GenerateResult } from '../gen/generate.ts';
import { renderModelError } from '../wit/diagnostic.ts';
import { locateModelItem, WitLoadError } from '../wit/load.ts';
import { loadWitFromDisk } from '../node/wit-fs.ts';
import { bundledWasmbus, loadCodecRuntime, loadTemplates } from '../node/templates.ts';

export async function generateTarget(target: GenerateTarget): Promise<GenerateResult> {
  let loaded;
  try {
    loaded = await loadWitFromDisk(target.wit, {
      fallbackPackages: [bundledWasmbus()],
      ...(target.features ? { features: target.features } : {}),
      ...(target.allFeatures ? { allFeatures: true } : {}),
    });
  } catch (e) {
    if (e instanceof WitLoadError) throw witUserError(e, target.wit);
    throw e;
  }
  try {
    return await generate({
      resolve: loaded.resolve,
      packages: loaded.packages,
      templates: loadTemplates(),
      codecRuntime: loadCodecRuntime(),
      ...(target.contracts ? { contracts: target.contracts } : {}),
      ...(target.codec ? { codec: target.codec } : {}),
    });
  } catch (e) {
    if (e instanceof ContractError) {
      const span = locateModelItem(loaded.spans, e.at);
      throw new UserError(span ? renderModelError(e.message, span, loaded.sources) : `error: ${e.message}\n  --> ${target.wit}`);
    }
    throw e;
  }
}
