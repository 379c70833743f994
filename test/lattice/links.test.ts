/**
 * `witbus serve --nats` sends on the links the app's config gives: kvcounter built with its
 * keyvalue sender on the link `cache` (config `interfaces: { 'key-value': { linkName: 'cache' } }`),
 * and two keyvalue providers on the lattice, one on `default` and one on `cache`. Every send goes to
 * the `cache` subject, as a plain NATS client listening on both sees, and none reaches `default`.
 */
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTPSERVER_RECEIVER, KEYVALUE_SENDER, KVCOUNTER, REPO_ROOT } from '../../examples/kvcounter/components.ts';
import { buildComponents } from '../../src/component/build.ts';
import { adapterComponents } from '../../src/service/components.ts';
import { generateTarget } from '../../src/service/generate.ts';
import { writeOutputs } from '../../src/service/output.ts';
import { httpServerProvider, keyValueProvider, type RunningProvider } from '../../src/service/provider.ts';
import { serveOnLattice, type RunningLatticeServe } from '../../src/service/serve-lattice.ts';
import { componentDir, requireKvcounter } from '../setup/paths.ts';
import { startNatsServer, type NatsServer } from './nats-server.ts';

/** Reused across runs: the build's content-hash cache skips the componentizer while nothing changed. */
const CACHE = join(REPO_ROOT, 'test/.cache/lattice-links');

/** An app folder of kvcounter whose keyvalue sender sends on `link`. */
async function kvcounterOnLink(link: string): Promise<string> {
  requireKvcounter();
  const generatedDir = join(CACHE, 'generated');
  const output = await generateTarget({
    wit: join(REPO_ROOT, 'wit'),
    out: generatedDir,
    contracts: { interfaces: { 'key-value': { linkName: link } } },
  });
  writeOutputs([{ dir: generatedDir, files: output.files }]);
  const sender = adapterComponents(output, generatedDir, 'quickjs').filter((s) => s.name === KEYVALUE_SENDER);
  const [report] = await buildComponents(sender, { outDir: join(CACHE, 'components') });
  const dir = mkdtempSync(join(tmpdir(), 'witbus-links-'));
  symlinkSync(report!.outDir, join(dir, KEYVALUE_SENDER), 'dir');
  for (const name of [KVCOUNTER, HTTPSERVER_RECEIVER])
    symlinkSync(componentDir('quickjs', name), join(dir, name), 'dir');
  return dir;
}

describe('serve --nats on the links of the app', () => {
  let nats: NatsServer;
  let app: string;
  let raw: NatsConnection;
  let spy: Subscription;
  const providers: Record<string, RunningProvider> = {};
  let actors: RunningLatticeServe;
  let http: RunningProvider;
  /** The subjects of the keyvalue requests, as a plain NATS client sees them. */
  const seen: string[] = [];
  const address = (): { nats: string; lattice: string } => ({ nats: nats.url, lattice: 'links' });
  const get = async (path: string): Promise<{ status: number; body: unknown }> => {
    const r = await fetch(`${http.url}${path}`);
    return { status: r.status, body: await r.json() };
  };

  beforeAll(async () => {
    nats = await startNatsServer();
    app = await kvcounterOnLink('cache');
    raw = await connect({ servers: nats.url });
    spy = raw.subscribe('wasmbus.rpc.links.wasmcloud:keyvalue.*', {
      callback: (_err, msg) => void seen.push(msg.subject),
    });
    await raw.flush();
    for (const link of ['default', 'cache'])
      providers[link] = await keyValueProvider({ ...address(), link, kv: 'memory' });
    actors = await serveOnLattice({ ...address(), app, workers: 1 });
    http = await httpServerProvider({ ...address(), port: 0 });
  });
  afterAll(async () => {
    await http?.close();
    await actors?.close();
    for (const p of Object.values(providers)) await p.close();
    await raw?.close();
    await nats?.kill();
    if (app !== undefined) rmSync(app, { recursive: true, force: true });
  });

  it('sends on the link the sender was built with', async () => {
    expect(actors.sends).toEqual(['wasmbus.rpc.links.wasmcloud:keyvalue.cache']);
    expect(await get('/c?amount=3')).toEqual({ status: 200, body: { counter: 3 } });
    expect(await get('/c')).toEqual({ status: 200, body: { counter: 4 } });
    await raw.flush();
    expect(seen).toEqual(['wasmbus.rpc.links.wasmcloud:keyvalue.cache', 'wasmbus.rpc.links.wasmcloud:keyvalue.cache']);
  });

  it('fails the send when nothing serves its link, though another link of the contract is served', async () => {
    // The plain client listening counts as interest in the subject: NATS would wait for its answer.
    spy.unsubscribe();
    await providers.cache!.close();
    delete providers.cache;
    const answer = await get('/c');
    expect(answer.status).toBe(500);
    expect(JSON.stringify(answer.body)).toContain('nothing serves wasmcloud:keyvalue (cache) on the lattice links');
  });
});
