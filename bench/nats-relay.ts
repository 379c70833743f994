/**
 * A plain NATS client process for the lattice bench's relay: `nats-relay.ts <url> <subject> [next]`
 * answers each request on `subject` with the reply to the same body sent on to `next`, or without
 * `next` with the body itself. Prints `ready` once the server has its subscription.
 */
import { connect } from '@nats-io/transport-node';

const [url, subject, next] = process.argv.slice(2) as [string, string, string | undefined];
const nc = await connect({ servers: url });
nc.subscribe(subject, {
  callback: (_err, msg) => {
    if (next === undefined) return void msg.respond(msg.data);
    void nc.request(next, msg.data, { timeout: 5000 }).then((reply) => msg.respond(reply.data));
  },
});
await nc.flush();
process.stdout.write('ready\n');
process.once('SIGTERM', () => void nc.close().then(() => process.exit(0)));
