/** The witbus plugin for webpack: `plugins: [witbus(options)]` (see README, Bundler plugin). */
import { witbus } from './plugin.ts';

export default witbus.webpack;
