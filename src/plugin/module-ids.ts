/**
 * The import forms the plugin answers, and the ids of the modules behind them. Plugin ids start
 * with `\0` (the Rollup convention for virtual modules, which unplugin maps for each bundler), and
 * name files relative to the project root: bundlers print ids into their output (Rolldown's region
 * comments), which must not depend on where the project is.
 */
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { UserError } from '../service/errors.ts';

/** What an import asks for: one WIT file's senders or receivers, or one interface found by name. */
export type WitRequest =
  | { kind: 'wit'; file: string; side: 'sender' | 'receiver' }
  | { kind: 'interface'; name: string }
  | { kind: 'plain'; file: string; witId: string; role: 'sender' | 'receiver' }
  | ComponentRequest;

/** `x.wit?component=<role>[&interface=<name>][&instance]`: a built adapter component (component-assets.ts). */
export interface ComponentRequest {
  kind: 'component';
  file: string;
  role: 'sender' | 'receiver';
  interface?: string;
  /** The transpiled module's instance instead of the assets' URLs. */
  instance: boolean;
}

const WIT_ID = '\0witbus-wit:';
const INTERFACE_ID = '\0witbus-interface:';
const PLAIN_ID = '\0witbus-plain:';
const COMPONENT_ID = '\0witbus-component:';
const VIRTUAL = 'virtual:witbus/';
const WIT_IMPORT = /\.wit(\?receiver|\?component=[^]*)?$/;
const COMPONENT_QUERY = new Set(['component', 'interface', 'instance']);

/** The component an import's query asks for, or a UserError-worthy message. */
function componentQuery(query: string): Omit<ComponentRequest, 'kind' | 'file'> | string {
  const params = new URLSearchParams(query);
  const role = params.get('component');
  const unknown = [...params.keys()].find((k) => !COMPONENT_QUERY.has(k));
  if (unknown !== undefined) return `unknown parameter ${unknown} (component, interface, instance)`;
  if (role !== 'sender' && role !== 'receiver') return `component=${role ?? ''}: sender or receiver`;
  const name = params.get('interface');
  return { role, ...(name === null ? {} : { interface: name }), instance: params.has('instance') };
}

/** The module id of an import, or undefined when it is not the plugin's. */
export function resolveImport(source: string, importer: string | undefined, root: string): string | undefined {
  if (source.startsWith(VIRTUAL)) return INTERFACE_ID + source.slice(VIRTUAL.length);
  // The plugin's own modules import plain and component modules by their ids.
  if (source.startsWith(PLAIN_ID) || source.startsWith(COMPONENT_ID)) return source;
  const wit = WIT_IMPORT.exec(source);
  // The plugin's modules import no WIT: a WIT "imported" by one is a watch file (Vite resolves
  // those as imports of the module that added them), and it stays the file itself.
  if (wit === null || importer === undefined || importer.startsWith('\0witbus-') || source.startsWith('\0'))
    return undefined;
  const path = source.slice(0, wit.index + 4);
  const file = isAbsolute(path) ? path : resolve(dirname(importer), path);
  const query = wit[1] ?? '';
  if (query.startsWith('?component=')) {
    const request = componentQuery(query.slice(1));
    if (typeof request === 'string') throw new UserError(`error: ${source}: ${request}`);
    return componentId(root, { kind: 'component', file, ...request });
  }
  return `${WIT_ID}${fromRoot(root, file)}${query}`;
}

const fromRoot = (root: string, file: string) => relative(root, file).split(sep).join('/');

/** The id of a plain adapter module; its code imports nothing, so it needs no importer. */
export function plainId(root: string, file: string, witId: string, role: 'sender' | 'receiver'): string {
  return `${PLAIN_ID}${role}:${witId}:${fromRoot(root, file)}`;
}

/** The id of a component module, its query in a fixed order. */
export function componentId(root: string, request: ComponentRequest): string {
  const params = new URLSearchParams({ component: request.role });
  if (request.interface !== undefined) params.set('interface', request.interface);
  const instance = request.instance ? '&instance' : '';
  return `${COMPONENT_ID}${fromRoot(root, request.file)}?${params.toString()}${instance}`;
}

/** What the plugin's module `id` is; its files are absolute again. */
export function parseId(id: string, root: string): WitRequest | undefined {
  if (id.startsWith(INTERFACE_ID)) return { kind: 'interface', name: id.slice(INTERFACE_ID.length) };
  if (id.startsWith(WIT_ID)) {
    const rest = id.slice(WIT_ID.length);
    const receiver = rest.endsWith('?receiver');
    return {
      kind: 'wit',
      file: resolve(root, receiver ? rest.slice(0, -'?receiver'.length) : rest),
      side: receiver ? 'receiver' : 'sender',
    };
  }
  if (id.startsWith(COMPONENT_ID)) {
    const rest = id.slice(COMPONENT_ID.length);
    const at = rest.lastIndexOf('?');
    const request = componentQuery(rest.slice(at + 1)) as Omit<ComponentRequest, 'kind' | 'file'>;
    return { kind: 'component', file: resolve(root, rest.slice(0, at)), ...request };
  }
  if (id.startsWith(PLAIN_ID)) {
    const [role, ...rest] = id.slice(PLAIN_ID.length).split(':');
    // The WIT id has two colons at most before its path (`ns:pkg/iface@v`), so the file is the rest after it.
    const joined = rest.join(':');
    const at = joined.indexOf(':', joined.indexOf('/'));
    return {
      kind: 'plain',
      role: role as 'sender' | 'receiver',
      witId: joined.slice(0, at),
      file: resolve(root, joined.slice(at + 1)),
    };
  }
  return undefined;
}
