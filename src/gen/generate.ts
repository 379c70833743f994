/**
 * The generator: resolved WIT in, generated files out. Pure: templates come in as data, and the
 * caller decides where (and whether) the files are written.
 */
import type { ContractOptions } from '../contract/config.ts';
import { deriveContracts, type Contract } from '../contract/contract.ts';
import type { CodecOptions } from '../codec/options.ts';
import type { PackageId, Resolve } from '../wit/model.ts';
import { contractCodec } from './adapters/codec-file.ts';
import { receiverView } from './adapters/receiver.ts';
import { senderView } from './adapters/sender.ts';
import { contractTypeNames, modulesFile, typesFile } from './adapters/types-file.ts';
import { adapterWorldFiles } from './adapters/worlds.ts';
import { GENERATED_HEADER, GeneratedFile } from './generated-file.ts';
import { CODEC_RUNTIME, contractLayout } from './layout.ts';
import { render, type TemplateSet } from './templates.ts';

export interface GenerateInput {
  resolve: Resolve;
  /** The root packages whose interfaces become contracts. */
  packages: PackageId[];
  templates: TemplateSet;
  /** The text of the codec runtime (`src/codec/runtime.ts`), copied once into the output folder. */
  codecRuntime: string;
  contracts?: ContractOptions;
  codec?: CodecOptions;
}

export interface GeneratedOutput {
  path: string;
  content: string;
}

export interface GenerateResult {
  contracts: Contract[];
  files: GeneratedOutput[];
}

function contractFiles(input: GenerateInput, c: Contract): GeneratedOutput[] {
  const { resolve, templates } = input;
  const layout = contractLayout(resolve, c);
  const typeNames = contractTypeNames(resolve, c);
  const codec = contractCodec(resolve, c, layout, typeNames, input.codec ?? {});

  const sender = new GeneratedFile(layout.sender);
  const senderBody = render(templates, 'sender.ts', senderView(resolve, sender, codec.bindings, c));
  const receiver = new GeneratedFile(layout.receiver);
  const receiverBody = render(templates, 'receiver.ts', receiverView(resolve, receiver, codec.bindings, c));

  return [
    { path: layout.types, content: typesFile(resolve, c, typeNames) },
    { path: layout.modules, content: modulesFile(resolve, c, typeNames) },
    { path: layout.codec, content: codec.source },
    { path: layout.sender, content: sender.render(senderBody) },
    { path: layout.receiver, content: receiver.render(receiverBody) },
    ...adapterWorldFiles(resolve, templates, c),
  ];
}

export async function generate(input: GenerateInput): Promise<GenerateResult> {
  const contracts = deriveContracts(input.resolve, input.packages, input.contracts);
  const files = contracts.flatMap((c) => contractFiles(input, c));
  if (contracts.length > 0) files.push({ path: CODEC_RUNTIME, content: `${GENERATED_HEADER}\n${input.codecRuntime}` });
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { contracts, files };
}
