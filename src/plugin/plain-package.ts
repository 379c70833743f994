/**
 * The plain JS adapters (service/plain-adapters.ts) of every contract of one WIT input, generated
 * into a scratch folder that is gone afterwards: the plugin serves them from memory. A contract
 * whose files did not change since the last generation keeps its adapters (see `Reuse`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GenerateTarget } from '../config/config.ts';
import { generateTarget } from '../service/generate.ts';
import { writeOutputs } from '../service/output.ts';
import { contractSources } from './contract-sources.ts';
import { plainAdapterFiles, plainContract, type PlainContract } from '../service/plain-adapters.ts';

export interface PlainInterface extends PlainContract {
  /** The bundled modules: `sender.js` exports `createSender`, `receiver.js` `createReceiver`. */
  sender: string;
  receiver: string;
  /** The contract's types as a declaration file (`export interface KeyValue ...`). */
  types: string;
  /** The files its adapters are generated from (contract-sources.ts). */
  sources: string[];
}

/** The previous generation's adapters of a contract, if none of `sources` changed since. */
export type Reuse = (contract: PlainContract, sources: string[]) => PlainInterface | undefined;

export interface PlainPackage {
  interfaces: PlainInterface[];
  /** Every file the generation read (the WIT and its deps). */
  sources: string[];
}

/** Generates `target.wit`'s contracts as plain modules (`target.out` is not used). */
export async function plainPackage(target: Omit<GenerateTarget, 'out'>, reuse?: Reuse): Promise<PlainPackage> {
  const scratch = mkdtempSync(join(tmpdir(), 'witbus-plugin-'));
  try {
    const output = await generateTarget({ ...target, out: scratch });
    writeOutputs([{ dir: scratch, files: output.files }]);
    const interfaces = await Promise.all(
      output.contracts.map(async (contract, i) => {
        const plain = plainContract(output.resolve, contract);
        const sources = contractSources(output, contract);
        const kept = reuse?.(plain, sources);
        if (kept !== undefined) return kept;
        const files = await plainAdapterFiles(join(scratch, output.adapters[i]!.dir), plain);
        const file = (path: string) => files.find((f) => f.path === path)!.content as string;
        return {
          ...plain,
          sender: file('sender.js'),
          receiver: file('receiver.js'),
          types: file('types.d.ts'),
          sources,
        };
      }),
    );
    return { interfaces, sources: output.sources };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
