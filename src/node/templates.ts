/**
 * Reads the data files witbus ships: the handlebars templates, the codec runtime's source and the
 * bundled `wasmcloud:wasmbus` WIT package.
 */
import { readFileSync } from 'node:fs';
import { TEMPLATE_NAMES, type TemplateSet } from '../gen/templates.ts';
import { packagePath } from './package-root.ts';

export function loadTemplates(): TemplateSet {
  const entries = TEMPLATE_NAMES.map((name) => [name, readFileSync(packagePath('templates', `${name}.hbs`), 'utf8')]);
  return Object.fromEntries(entries) as TemplateSet;
}

/** Where the codec runtime's source is (generated codec modules import a sibling copy of it). */
export const CODEC_RUNTIME_SOURCE = packagePath('src/codec/runtime.ts');

/** The codec runtime's source text. */
export function loadCodecRuntime(): string {
  return readFileSync(CODEC_RUNTIME_SOURCE, 'utf8');
}

/** The bundled `wasmcloud:wasmbus` package, for inputs that do not bring their own. */
export function bundledWasmbus(): { path: string; text: string } {
  const path = packagePath('wit/deps/wasmbus/wasmbus.wit');
  return { path, text: readFileSync(path, 'utf8') };
}
