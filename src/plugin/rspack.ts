/** The witbus plugin for rspack: `plugins: [witbus(options)]` (see README, Bundler plugin). */
import { witbus } from './plugin.ts';

export default witbus.rspack;
