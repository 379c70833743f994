/**
 * `witbus init [dir]`: scaffold a project whose own `npm install && npm run build && npm start`
 * serves its business logic over HTTP.
 */
import { relative } from 'node:path';
import { defineCommand } from '../command.ts';
import { info } from '../output.ts';

interface InitArgs {
  dir: string;
}

const command = defineCommand<InitArgs>({
  command: 'init [dir]',
  describe: 'scaffold a project that builds and serves: WIT, typed business logic, config, scripts',
  builder: (y) =>
    y
      .positional('dir', {
        type: 'string',
        default: '.',
        describe: 'the project folder (created if missing; must be empty)',
      })
      .example('$0 init my-app', 'then: cd my-app && npm install && npm run build && npm start'),
  async run(args) {
    const { initProject } = await import('../../service/init.ts');
    const { dir, files } = initProject({ dir: args.dir });
    info(`${dir}: ${files.length} files written`);
    const cd = relative(process.cwd(), dir);
    info(`next: ${cd === '' ? '' : `cd ${cd} && `}npm install && npm run build && npm start`);
    return 0;
  },
});
// Bound to a name: tsc 5.9 leaves the `.ts` of dynamic imports inside `export default <call>` unrewritten.
export default command;
