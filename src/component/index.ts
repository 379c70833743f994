/** The component build API. */
export { buildComponent, buildComponents, readManifest, MANIFEST_FILE } from './build.ts';
export type { BuildObserver, BuildOptions } from './build.ts';
export { progressLines, formatReport, formatSize } from './progress.ts';
export type { Progress, ProgressStream } from './progress.ts';
export { BACKENDS } from './types.ts';
export type { Backend, BuildReport, ComponentManifest, ComponentSpec } from './types.ts';
