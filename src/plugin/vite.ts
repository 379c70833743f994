/**
 * The witbus plugin for vite: `plugins: [witbus(options)]` (see README, Bundler plugin). In the dev
 * server a broken WIT shows in the error overlay with its file, line, column and code frame.
 */
import type { Plugin } from 'vite';
import { withOverlayErrors } from './dev-overlay.ts';
import type { WitbusPluginOptions } from './options.ts';
import { witbus as unplugin } from './plugin.ts';

export default function witbus(options?: WitbusPluginOptions): Plugin[] {
  const plugins = unplugin.vite(options);
  return (Array.isArray(plugins) ? plugins : [plugins]).map(withOverlayErrors);
}

/** The app's business logic in a witbus host beside the dev server, hot-swapped as it changes (dev-host.ts). */
export { witbusHost } from './dev-host.ts';
export type { DevHostApi, DevHostOptions } from './dev-host.ts';
