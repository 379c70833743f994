/** The witbus plugin for esbuild: `plugins: [witbus(options)]` (see README, Bundler plugin). */
import { witbus } from './plugin.ts';

export default witbus.esbuild;
