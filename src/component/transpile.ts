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

/**
 * jco's generated `_debugLog` reads `process.env.JCO_DEBUG` on each of its calls, dozens per
 * component call, and `process.env` is a slow native getter in Node: read it once per
 * instantiation instead (JCO_DEBUG still works). Left alone if a jco version words it otherwise.
 */
const DEBUG_CHECK = '  const _debugLog = (...args) => {\n    if (!globalThis?.process?.env?.JCO_DEBUG) { return; }';
const DEBUG_CHECK_ONCE =
  '  const _debugEnabled = Boolean(globalThis?.process?.env?.JCO_DEBUG);\n' +
  '  const _debugLog = (...args) => {\n    if (!_debugEnabled) { return; }';

export function hoistDebugCheck(js: string): string {
  return js.replace(DEBUG_CHECK, DEBUG_CHECK_ONCE);
}

export async function transpileInto(name: string, component: Uint8Array, outDir: string): Promise<TranspiledComponent> {
  const { transpileBytes } = await import('@bytecodealliance/jco-transpile');
  const result = await transpileBytes(component, { name, instantiation: 'async' });
  const module = `${name}.js`;
  for (const [file, bytes] of Object.entries(result.files).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const path = join(outDir, file);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file === module ? hoistDebugCheck(new TextDecoder().decode(bytes)) : bytes);
  }
  return {
    module,
    imports: [...result.imports].sort(),
    // jco also exports each interface under a camelCase alias: keep only the WIT ids.
    exports: result.exports
      .filter(([n, kind]) => kind === 'instance' && n.includes(':'))
      .map(([n]) => n)
      .sort(),
  };
}
