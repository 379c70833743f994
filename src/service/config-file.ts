/**
 * Finds and loads `witbus.config.{ts,mts,js,mjs,json}`. Paths in the result are absolute.
 *
 * Code configs are bundled with esbuild into one ES module and imported from memory, as Vite
 * loads `vite.config.ts`: whatever module system the nearest package.json declares, TypeScript or
 * not, ESM or CommonJS, the file loads the same way, and a syntax error points into the file the
 * user wrote. Imported packages stay external and are resolved from the config's folder.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Message, Plugin } from 'esbuild';
import type { GenerateTarget, WitbusConfig } from '../config/config.ts';
import { validateConfig } from '../config/validate.ts';
import { renderSpanMessage } from '../wit/index.ts';
import { UserError } from './errors.ts';

export const CONFIG_NAMES = [
  'witbus.config.ts',
  'witbus.config.mts',
  'witbus.config.js',
  'witbus.config.mjs',
  'witbus.config.json',
];

export function findConfig(cwd: string): string | undefined {
  return CONFIG_NAMES.map((n) => resolve(cwd, n)).find((p) => existsSync(p));
}

/** `message` with a code frame at `offset` (UTF-16) of `text`, in the style of WIT errors. */
function framed(file: string, text: string, offset: number, message: string): string {
  return `error: ${renderSpanMessage({ file: 0, start: offset, end: offset + 1 }, message, { files: [{ path: file, text }] })}`;
}

/** The UTF-16 offset of esbuild's line (1-based) and byte column (0-based) in `text`. */
function offsetOf(text: string, line: number, column: number, lineText: string): number {
  let start = 0;
  for (let l = 1; l < line; l++) start = text.indexOf('\n', start) + 1;
  return start + Buffer.from(lineText).subarray(0, column).toString().length;
}

function renderEsbuildError(file: string, text: string, m: Message): string {
  const loc = m.location;
  if (loc === null || resolve(loc.file) !== file) return `error: ${file}: ${m.text}`;
  return framed(file, text, offsetOf(text, loc.line, loc.column, loc.lineText), m.text);
}

/** Bare imports (packages) resolve from the config's folder, to absolute URLs a data: module can import. */
function externalPackages(file: string): Plugin {
  const require = createRequire(file);
  return {
    name: 'witbus-config-externals',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        if (isBuiltin(args.path)) return { path: args.path, external: true };
        try {
          return { path: pathToFileURL(require.resolve(args.path)).href, external: true };
        } catch {
          return { errors: [{ text: `cannot find package '${args.path}' imported by the config` }] };
        }
      });
    },
  };
}

async function loadCode(file: string, text: string): Promise<unknown> {
  const { build } = await import('esbuild');
  let code: string;
  try {
    const result = await build({
      entryPoints: [file],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      logLevel: 'silent',
      plugins: [externalPackages(file)],
      // The module runs from memory; these keep meaning the config file itself.
      define: {
        'import.meta.url': JSON.stringify(pathToFileURL(file).href),
        'import.meta.filename': JSON.stringify(file),
        'import.meta.dirname': JSON.stringify(dirname(file)),
        __filename: JSON.stringify(file),
        __dirname: JSON.stringify(dirname(file)),
      },
    });
    code = result.outputFiles[0]!.text;
  } catch (e) {
    const errors = (e as { errors?: Message[] }).errors;
    if (errors === undefined || errors.length === 0) throw e;
    throw new UserError(renderEsbuildError(file, text, errors[0]!));
  }
  try {
    const mod = (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as {
      default?: unknown;
    };
    return mod.default;
  } catch (e) {
    throw new UserError(
      `error: ${file}: the config threw while loading: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}

function loadJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const at = /at position (\d+)/.exec(message);
    const reason = message.replace(/ in JSON at position \d+.*$/s, '');
    throw new UserError(at ? framed(file, text, Number(at[1]), reason) : `error: ${file}: ${reason}`);
  }
}

/** Loads, checks and resolves a config file; throws `UserError` naming the file. */
export async function loadConfig(file: string): Promise<WitbusConfig> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UserError(`error: cannot read the config file ${file}`);
  }
  const raw = file.endsWith('.json') ? loadJson(file, text) : await loadCode(file, text);
  const problems = validateConfig(raw);
  if (problems.length > 0) {
    throw new UserError(`error: ${file}: invalid config:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  const base = dirname(file);
  const config = raw as WitbusConfig;
  return {
    generate: config.generate.map((t): GenerateTarget => ({
      ...t,
      wit: resolve(base, t.wit),
      out: resolve(base, t.out),
    })),
  };
}
