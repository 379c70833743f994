/**
 * `witbus provider <keyvalue|httpserver>`: runs one capability provider on a wasmbus lattice over
 * NATS, until SIGTERM or SIGINT (then it finishes what it is handling and exits 0).
 */
import { defineCommand } from '../command.ts';
import { info, result, warn } from '../output.ts';
import { untilStopSignal } from '../signals.ts';

interface ProviderArgs {
  kind: string;
  nats: string;
  lattice: string;
  link: string;
  kv: string;
  port: number;
  deadline?: number;
}

const command = defineCommand<ProviderArgs>({
  command: 'provider <kind>',
  describe: 'run the keyvalue or httpserver provider on a wasmbus lattice over NATS',
  builder: (y) =>
    y
      .positional('kind', {
        type: 'string',
        demandOption: true,
        choices: ['keyvalue', 'httpserver'],
        describe: 'the provider',
      })
      .option('nats', { type: 'string', demandOption: true, describe: 'NATS server URL, e.g. nats://127.0.0.1:4222' })
      .option('lattice', {
        type: 'string',
        default: 'default',
        describe: 'lattice name (the subjects wasmbus.rpc.<lattice>.*)',
      })
      .option('link', {
        type: 'string',
        default: 'default',
        describe: 'link name served (keyvalue) or sent to (httpserver)',
      })
      .option('kv', {
        type: 'string',
        default: 'memory',
        describe: 'keyvalue: the store, memory, sqlite:<file> or redis://host:port',
      })
      .option('port', {
        alias: 'p',
        type: 'number',
        default: 8080,
        describe: 'httpserver: HTTP port on 127.0.0.1 (0: any free port)',
      })
      .option('deadline', {
        type: 'number',
        describe: "httpserver: milliseconds to wait for the actor's answer (default 30000)",
      })
      .check((a) => {
        if (!(Number.isSafeInteger(a.port) && a.port >= 0 && a.port <= 65535))
          throw new Error(`--port must be a port number from 0 to 65535, not ${a.port}`);
        return true;
      })
      .epilogue(
        'keyvalue answers wasmcloud:keyvalue messages on wasmbus.rpc.<lattice>.wasmcloud:keyvalue.<link>; httpserver ' +
          'sends each HTTP request to wasmbus.rpc.<lattice>.wasmcloud:httpserver.<link>, where actor hosts started with ' +
          'witbus serve --nats answer it: 503 when none does (or NATS is down), 504 past the deadline. Replicas share ' +
          'the load in a queue group. SIGTERM finishes the requests being handled, then exits 0.',
      )
      .example(
        '$0 provider keyvalue --nats nats://127.0.0.1:4222 --kv sqlite:counters.db',
        'keyvalue on the default lattice',
      )
      .example(
        '$0 provider httpserver --nats nats://127.0.0.1:4222 --port 8080',
        'HTTP on port 8080, to the actors on it',
      ),
  async run(args) {
    // Listening from the start: a SIGTERM while starting, or just after the ready line, is graceful too.
    const stopped = untilStopSignal();
    const { httpServerProvider, keyValueProvider } = await import('../../service/provider.ts');
    const address = { nats: args.nats, lattice: args.lattice, link: args.link, log: warn };
    const running =
      args.kind === 'keyvalue'
        ? await keyValueProvider({ ...address, kv: args.kv })
        : await httpServerProvider({
            ...address,
            port: args.port,
            ...(args.deadline === undefined ? {} : { deadlineMs: args.deadline }),
          });
    if (args.kind === 'keyvalue') {
      info(`serving wasmcloud:keyvalue (keyvalue: ${args.kv.startsWith('redis') ? 'redis' : args.kv}) on ${args.nats}`);
      result(`${running.subject}\n`);
    } else {
      info(`sending HTTP requests to ${running.subject} on ${args.nats}`);
      result(`${running.url}\n`);
    }
    const signal = await stopped;
    info(`${signal}: finishing the requests being handled`);
    await running.close();
    return 0;
  },
});
export default command;
