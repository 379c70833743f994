/** Reads the bundled handlebars templates from the package's `templates/` folder. */
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
