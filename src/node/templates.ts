/**
 * Reads the data files witbus ships: the handlebars templates, the codec runtime's source and the
 * bundled `wasmcloud:wasmbus` WIT package.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TEMPLATE_NAMES, type TemplateSet } from '../gen/templates.ts';

const templatesDir = new URL('../../templates/', import.meta.url);

export function loadTemplates(): TemplateSet {
  const entries = TEMPLATE_NAMES.map((name) => [
    name,
    readFileSync(fileURLToPath(new URL(`${name}.hbs`, templatesDir)), 'utf8'),
  ]);
  return Object.fromEntries(entries) as TemplateSet;
}

/** The codec runtime's source text, which generated codec modules import from a sibling copy. */
export function loadCodecRuntime(): string {
  return readFileSync(fileURLToPath(new URL('../codec/runtime.ts', import.meta.url)), 'utf8');
}

/** The bundled `wasmcloud:wasmbus` package, for inputs that do not bring their own. */
export function bundledWasmbus(): { path: string; text: string } {
  const path = fileURLToPath(new URL('../../wit/deps/wasmbus/wasmbus.wit', import.meta.url));
  return { path, text: readFileSync(path, 'utf8') };
}
