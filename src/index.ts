/**
 * witbus as a library (`import … from 'witbus'`): the service layer the CLI runs on, and the core
 * pieces under it. Errors a user can fix are `UserError`s with a rendered message.
 */

// Reading, resolving and printing WIT: the service layer's readers, and the WIT front end's public face.
export { loadWitPackage, printWitPackage } from './service/wit.ts';
export { loadWitFromDisk, nodeWitFs } from './node/wit-fs.ts';
export * from './wit/index.ts';

// The 2022 dialect of wasmCloud's proof of concept.
export { migrateFiles } from './service/migrate.ts';

// Generation: targets from a config and flags, generated files, and writing them.
export {
  generateTarget,
  generateTargets,
  type TargetOutput,
  type TargetResult,
  type GenerateRun,
} from './service/generate.ts';
export { resolveTargets, type TargetRequest, type ResolvedTargets } from './service/targets.ts';
export { findConfig, loadConfig, CONFIG_NAMES } from './service/config-file.ts';
export { defineConfig, type WitbusConfig, type GenerateTarget } from './config/config.ts';
export type { ContractOptions } from './contract/config.ts';
export {
  writeOutputs,
  staleFiles,
  type OutputFile,
  type OutputSet,
  type WriteReport,
  type WrittenOutputs,
} from './service/output.ts';
export { initProject, type InitRequest } from './service/init.ts';

// The serde-style JSON codec.
export { emitCodec, type EmitCodecRequest, type EmittedCodec, type CodecRoot } from './codec/emit.ts';
export { resolveCodecOptions, type CodecOptions, type EnumRepr } from './codec/options.ts';
export { typeCodec, loadCodecModule, type TypeCodec, type CodecMode } from './service/codec.ts';

// Components: building adapters and business logic, under one naming scheme.
export { buildProject, type BuildRequest } from './service/build.ts';
export { adapterComponents, appComponent } from './service/components.ts';
export { adapterComponentName, type AdapterRole } from './naming/index.ts';
export {
  buildComponent,
  buildComponents,
  readManifest,
  progressLines,
  BACKENDS,
  MANIFEST_FILE,
} from './component/index.ts';
export type {
  Backend,
  BuildObserver,
  BuildOptions,
  BuildReport,
  ComponentManifest,
  ComponentSpec,
} from './component/index.ts';

export { UserError } from './service/errors.ts';

// The host that runs built components.
export * from './host/index.ts';
