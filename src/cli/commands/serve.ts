/**
 * `witbus serve <app>`: runs an app built by `witbus build --app` (its folder, or the one component
 * `--compose` or `--fuse` made of it) behind the httpserver provider,
 * with a keyvalue store, until SIGTERM or SIGINT (then it shuts down gracefully and exits 0).
 */
import { defineCommand } from '../command.ts';
import { info, result, warn } from '../output.ts';
import { untilStopSignal } from '../signals.ts';

interface ServeArgs {
  app: string;
  kv: string;
  port: number;
  workers?: number;
  nats?: string;
  lattice: string;
  link: string;
  deadline?: number;
}

const command = defineCommand<ServeArgs>({
  command: 'serve <app>',
  describe: 'run an app built by witbus build --app over HTTP, with a keyvalue store',
  builder: (y) =>
    y
      .positional('app', {
        type: 'string',
        demandOption: true,
        describe: 'the output folder of witbus build --app, or a .wasm written by --compose or --fuse',
      })
      .option('kv', {
        type: 'string',
        default: 'memory',
        describe: 'keyvalue store: memory, sqlite:<file> or redis://host:port',
      })
      .option('port', {
        alias: 'p',
        type: 'number',
        default: 8080,
        describe: 'HTTP port on 127.0.0.1 (0: any free port)',
      })
      .option('workers', {
        type: 'number',
        describe: 'worker threads running the app (default: one per core; 0: the main thread)',
      })
      .option('nats', {
        type: 'string',
        describe: 'run on a wasmbus lattice over NATS instead, with no local providers (--kv and --port unused)',
      })
      .option('lattice', { type: 'string', default: 'default', describe: 'with --nats: the lattice name' })
      .option('link', { type: 'string', default: 'default', describe: 'with --nats: the link the app receives on' })
      .option('deadline', {
        type: 'number',
        describe: 'with --nats: milliseconds a send waits for its answer (default 30000)',
      })
      .epilogue(
        'The app is the one component in <app> with no wasmbus interface; the senders exporting what it imports and the ' +
          'receivers of what it exports are linked with it. A .wasm is served alone: its wasmbus sender import and ' +
          'receiver export are found by shape. GET /healthz answers {"status":"ok"}, GET /metrics Prometheus ' +
          'metrics; every other path goes to the app. SIGTERM stops taking requests, finishes those in flight, closes the ' +
          'store and exits 0.',
      )
      .example('$0 serve build --kv sqlite:counters.db', 'serve the app in build/, keeping its data in counters.db')
      .example('$0 serve build --kv redis://127.0.0.1:6379 --port 0', 'on Redis, on any free port')
      .example('$0 serve build --nats nats://127.0.0.1:4222', 'an actor host on the default lattice')
      .example('$0 serve build/app.fused.wasm', 'serve the fused (or composed) component'),
  async run(args) {
    // Listening from the start: a SIGTERM while starting, or just after the URL is printed, is graceful too.
    const stopped = untilStopSignal();
    if (args.nats !== undefined) {
      const { serveOnLattice } = await import('../../service/serve-lattice.ts');
      const running = await serveOnLattice({
        app: args.app,
        nats: args.nats,
        lattice: args.lattice,
        link: args.link,
        log: warn,
        ...(args.workers === undefined ? {} : { workers: args.workers }),
        ...(args.deadline === undefined ? {} : { deadlineMs: args.deadline }),
      });
      info(`serving ${running.app} on ${args.nats}, answering:`);
      result(`${running.subjects.join('\n')}\n`);
      info(`${await stopped}: finishing the requests being handled`);
      await running.close();
      return 0;
    }
    if (!(Number.isSafeInteger(args.port) && args.port >= 0 && args.port <= 65535)) {
      const { UserError } = await import('../../service/errors.ts');
      throw new UserError(`error: --port must be a port number from 0 to 65535, not ${args.port}`);
    }
    const { serve } = await import('../../service/serve.ts');
    const running = await serve({
      app: args.app,
      kv: args.kv,
      port: args.port,
      ...(args.workers === undefined ? {} : { workers: args.workers }),
    });
    for (const contract of running.unserved)
      warn(`warning: no provider serves ${contract}: the app's calls to it fail`);
    info(`serving ${running.app} (keyvalue: ${args.kv.startsWith('redis') ? 'redis' : args.kv})`);
    result(`${running.url}\n`);
    info(`${await stopped}: finishing requests in flight`);
    await running.close();
    return 0;
  },
});
export default command;
