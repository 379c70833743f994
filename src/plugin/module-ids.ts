/**
 * The import forms the plugin answers, and the ids of the modules behind them. Plugin ids start
 * with `\0` (the Rollup convention for virtual modules, which unplugin maps for each bundler), and
 * name files relative to the project root: bundlers print ids into their output (Rolldown's region
 * comments), which must not depend on where the project is.
 */
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

/** What an import asks for: one WIT file's senders or receivers, or one interface found by name. */
export type WitRequest =
  | { kind: 'wit'; file: string; side: 'sender' | 'receiver' }
  | { kind: 'interface'; name: string }
  | { kind: 'plain'; file: string; witId: string; role: 'sender' | 'receiver' };

const WIT_ID = '\0witbus-wit:';
const INTERFACE_ID = '\0witbus-interface:';
const PLAIN_ID = '\0witbus-plain:';
const VIRTUAL = 'virtual:witbus/';
const WIT_IMPORT = /\.wit(\?receiver)?$/;

/** The module id of an import, or undefined when it is not the plugin's. */
export function resolveImport(source: string, importer: string | undefined, root: string): string | undefined {
  if (source.startsWith(VIRTUAL)) return INTERFACE_ID + source.slice(VIRTUAL.length);
  // The plugin's own modules import plain modules by their ids.
  if (source.startsWith(PLAIN_ID)) return source;
  const wit = WIT_IMPORT.exec(source);
  // The plugin's modules import no WIT: a WIT "imported" by one is a watch file (Vite resolves
  // those as imports of the module that added them), and it stays the file itself.
  if (wit === null || importer === undefined || importer.startsWith('\0witbus-') || source.startsWith('\0'))
    return undefined;
  const path = source.slice(0, wit.index + 4);
  const file = isAbsolute(path) ? path : resolve(dirname(importer), path);
  return `${WIT_ID}${fromRoot(root, file)}${wit[1] ?? ''}`;
}

const fromRoot = (root: string, file: string) => relative(root, file).split(sep).join('/');

/** The id of a plain adapter module; its code imports nothing, so it needs no importer. */
export function plainId(root: string, file: string, witId: string, role: 'sender' | 'receiver'): string {
  return `${PLAIN_ID}${role}:${witId}:${fromRoot(root, file)}`;
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
