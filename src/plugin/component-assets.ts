/**
 * The modules of `x.wit?component=<role>` imports (README: "Bundler plugin"): a built adapter
 * component's files as the bundle's assets, and the module that instantiates its transpiled JS.
 *
 * - `?component=sender`: `default` is the URL of the component binary (`.wasm`), `transpiled` the
 *   URL of its jco-transpiled ES module, `coreModules` the URLs of that module's core modules by
 *   file name (beside it when the bundler keeps file names);
 * - `?component=sender&instance`: `instantiate(imports)` compiles the core modules and instantiates
 *   the transpiled module (bundled as an ES module), resolving to the component's exports.
 */
import { join } from 'node:path';
import type { AdapterAsset } from '../service/adapter-assets.ts';

const str = JSON.stringify;

/** A JS expression whose value is the URL of the asset `file` of the component folder. */
export type AssetUrl = (file: string) => string;

/** Where an asset goes in the output: the key in the folder name makes a rebuilt component a new URL. */
export const assetFileName = (asset: AdapterAsset, file: string): string =>
  `witbus/${asset.manifest.name}.${asset.manifest.key.slice(0, 12)}/${file}`;

export function componentUrlModule(asset: AdapterAsset, url: AssetUrl): string {
  const core = asset.coreModules.map((f) => `  ${str(f)}: ${url(f)},`);
  return [
    `export default ${url(asset.manifest.component)};`,
    `export const transpiled = ${url(asset.manifest.module)};`,
    `export const coreModules = {`,
    ...core,
    `};`,
  ].join('\n');
}

/**
 * The instance module: imports the URL module (`urlModuleId`) so the assets are emitted once per
 * build. Core modules load with `fetch`, or from the file system when the bundle runs in Node
 * from `file:` URLs (Node's fetch reads no files).
 */
export function componentInstanceModule(asset: AdapterAsset, urlModuleId: string): string {
  return [
    `import { instantiate as instantiateTranspiled } from ${str(join(asset.dir, asset.manifest.module))};`,
    `import { coreModules } from ${str(urlModuleId)};`,
    `async function compileCore(url) {`,
    `  const fs = url.startsWith('file:') ? globalThis.process?.getBuiltinModule?.('node:fs/promises') : undefined;`,
    `  if (fs) return WebAssembly.compile(await fs.readFile(new URL(url)));`,
    `  const res = await fetch(url);`,
    `  if (!res.ok) throw new Error(\`witbus: cannot load the core module \${url}: HTTP \${res.status}\`);`,
    `  return WebAssembly.compile(await res.arrayBuffer());`,
    `}`,
    `export async function instantiate(imports) {`,
    `  const entries = Object.entries(coreModules);`,
    `  const modules = await Promise.all(entries.map(([, url]) => compileCore(url)));`,
    `  const compiled = new Map(entries.map(([name], i) => [name, modules[i]]));`,
    `  return instantiateTranspiled((name) => compiled.get(name), imports, (m, i) => new WebAssembly.Instance(m, i));`,
    `}`,
  ].join('\n');
}
