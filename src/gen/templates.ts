/**
 * Handlebars skeletons. Views compute every name, import and mapping; templates only arrange them.
 * Template texts reach the core as data (read from `templates/` by the Node layer), so generation
 * stays free of I/O.
 */
import Handlebars from 'handlebars';

export const TEMPLATE_NAMES = ['sender.ts', 'receiver.ts', 'adapter-worlds.wit'] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];
export type TemplateSet = Record<TemplateName, string>;

const compiled = new WeakMap<TemplateSet, Map<TemplateName, HandlebarsTemplateDelegate>>();

/** Renders a template; a view missing a field the template uses is an error, not an empty hole. */
export function render(templates: TemplateSet, name: TemplateName, view: object): string {
  let cache = compiled.get(templates);
  if (!cache) {
    cache = new Map();
    compiled.set(templates, cache);
  }
  let template = cache.get(name);
  if (!template) {
    template = Handlebars.compile(templates[name], { noEscape: true, strict: true });
    cache.set(name, template);
  }
  return template(view);
}
