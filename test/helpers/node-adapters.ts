/**
 * Runs generated adapters in plain Node, before componentization: each adapter is bundled by the
 * plain-adapter service with its WIT imports bound to JS objects. Tests wrap those functions in
 * `asImport` for the error convention of componentize-js imports (an import's err arrives as a
 * thrown object carrying `payload`).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleWithWitImports } from '../../src/service/plain-adapters.ts';
import type { Binding } from '../../src/service/plain-binding.ts';
import { scratchDir } from './scratch.ts';

export { asImport } from '../../src/service/plain-binding.ts';

export type WitImports = Binding;

const registry = new Map<string, WitImports>();
let nextId = 0;

/** Bundles `entry` and imports it with `imports` bound to its WIT specifiers. */
export async function loadAdapter<T>(entry: string, imports: WitImports): Promise<T> {
  const id = `m${nextId++}`;
  registry.set(id, imports);
  (globalThis as { __witbusImports?: typeof registry }).__witbusImports = registry;
  const contents = [
    `import { bind } from 'witbus-plain-binding';`,
    `bind(globalThis.__witbusImports.get(${JSON.stringify(id)}));`,
    `export * from ${JSON.stringify(entry)};`,
  ].join('\n');
  const witImports = Object.fromEntries(
    Object.entries(imports).map(([specifier, fns]) => [specifier, Object.keys(fns)]),
  );
  const text = await bundleWithWitImports(
    { contents, resolveDir: join(entry, '..'), name: 'adapter.entry.js' },
    witImports,
  );
  const dir = scratchDir('adapter');
  const file = join(dir, 'adapter.mjs');
  writeFileSync(file, text);
  return (await import(pathToFileURL(file).href)) as T;
}
