/**
 * Transpiles a component into an ES module for Node with jco. Async instantiation lets the host
 * supply imports at run time (and link components to each other); its `instantiate` also runs
 * synchronously when given compiled core modules, which is what trap recovery needs.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export interface TranspiledComponent {
  /** The ES module's file name. */
  module: string;
  /** Imported interfaces with functions, without versions (jco's naming). */
  imports: string[];
  /** Exported interface ids, with versions. */
  exports: string[];
}

export async function transpileInto(name: string, component: Uint8Array, outDir: string): Promise<TranspiledComponent> {
  const { transpileBytes } = await import('@bytecodealliance/jco-transpile');
  const result = await transpileBytes(component, { name, instantiation: 'async' });
  for (const [file, bytes] of Object.entries(result.files).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const path = join(outDir, file);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, bytes);
  }
  return {
    module: `${name}.js`,
    imports: [...result.imports].sort(),
    // jco also exports each interface under a camelCase alias: keep only the WIT ids.
    exports: result.exports
      .filter(([n, kind]) => kind === 'instance' && n.includes(':'))
      .map(([n]) => n)
      .sort(),
  };
}
