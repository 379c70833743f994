/** The witbus plugin for rolldown: `plugins: [witbus(options)]` (see README, Bundler plugin). */
import { witbus } from './plugin.ts';

export default witbus.rolldown;
