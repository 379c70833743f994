/**
 * The WIT front end's public face: what the later stages and the service layer may use. The
 * syntax tree, the resolver's internals and the printer's helpers stay behind it.
 */
export {
  loadWit,
  locateModelItem,
  isWasmPackage,
  packageFilePaths,
  NotUtf8Error,
  WitLoadError,
  type DecodedWitPackage,
  type LoadedWit,
  type LoadOptions,
  type ModelItemRef,
  type ModelSpans,
  type PackageSource,
  type WitDirEntry,
  type WitFs,
} from './load.ts';
export {
  renderModelError,
  renderSpanMessage,
  renderWitError,
  spanLocation,
  WitError,
  type Location,
  type SourceFile,
  type SourceMap,
  type Span,
} from './diagnostic.ts';
export { renderResolveError } from './resolve/errors.ts';
export { DEFAULT_DIALECT2022_PACKAGE, isDialect2022, type Dialect2022Options } from './dialect2022/index.ts';
export { migrateDialect2022, type MigratedPackage } from './dialect2022/migrate.ts';
export { printWit, WitPrintError, type PrintOptions } from './print/index.ts';
export { resolveToJson } from './resolve-json.ts';
export * from './model.ts';
