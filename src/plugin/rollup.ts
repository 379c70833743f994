/** The witbus plugin for rollup: `plugins: [witbus(options)]` (see README, Bundler plugin). */
import { witbus } from './plugin.ts';

export default witbus.rollup;
