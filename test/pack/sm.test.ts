/**
 * A contract packed with StarlingMonkey components: each packed component is loaded from the
 * package folder and talks to the other side's plain JS adapter of the same package, so the
 * component adapters and the plain ones are checked against each other over the wire.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadComponent } from '../../src/host/load.ts';
import { packContracts, type PackReport } from '../../src/service/pack.ts';
import { REPO_ROOT } from '../helpers/shared.ts';

const CACHE = join(REPO_ROOT, 'test/.cache/pack');
const CONTRACT = 'acme:greeter/greeter@1.2.3';

interface Greeting {
  text: string;
  times: number;
}
interface Message {
  method: string;
  arg: Uint8Array;
}
interface PackedModule {
  createSender(send: (msg: Message, contract: string, link: string | undefined) => Uint8Array): { greet(name: string, times: number): Greeting };
  createReceiver(impl: { greet(name: string, times: number): Greeting }): { receive(msg: Message): Uint8Array };
  componentDir(backend: 'sm', role: 'sender' | 'receiver'): string;
}

const text = (b: Uint8Array) => new TextDecoder().decode(b);
const greet = (name: string, times: number): Greeting => ({ text: Array(times).fill(`hello ${name}`).join(', '), times });

let work: string;
let report: PackReport;
let packed: PackedModule;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'witbus-pack-sm-'));
  report = await packContracts({ wit: fileURLToPath(new URL('fixtures/greeter.wit', import.meta.url)), out: work, backends: ['sm'], cache: CACHE });
  packed = (await import(pathToFileURL(join(report.packages[0]!.dir, 'node.js')).href)) as PackedModule;
}, 600_000);

afterAll(() => {
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

describe('a contract packed with StarlingMonkey components', () => {
  it('is one package, named and versioned from the WIT', () => {
    expect(report.packages).toEqual([{ name: '@acme/greeter-greeter', version: '1.2.3', dir: join(work, 'acme-greeter-greeter') }]);
    expect(report.builds.map((b) => `${b.manifest.name} ${b.manifest.backend}`)).toEqual([
      'acme-greeter-greeter-sender sm',
      'acme-greeter-greeter-receiver sm',
    ]);
  });

  it('has a receiver component that answers the plain sender', async () => {
    const receiver = await loadComponent(packed.componentDir('sm', 'receiver'));
    const exports = receiver.instantiate({ [CONTRACT]: { greet: greet as (...args: unknown[]) => unknown } });
    const wire: string[] = [];
    const sender = packed.createSender((msg) => {
      const reply = exports['wasmcloud:wasmbus/receiver@0.1.0']!['receive']!(msg) as Uint8Array;
      wire.push(`${msg.method} ${text(msg.arg)} -> ${text(reply)}`);
      return reply;
    });
    expect(sender.greet('Ann', 2)).toEqual({ text: 'hello Ann, hello Ann', times: 2 });
    expect(wire).toEqual(['Greeter.Greet {"name":"Ann","times":2} -> {"text":"hello Ann, hello Ann","times":2}']);
  });

  it('has a sender component that the plain receiver answers', async () => {
    const sender = await loadComponent(packed.componentDir('sm', 'sender'));
    const receiver = packed.createReceiver({ greet });
    const sent: string[] = [];
    const send = (msg: Message, contract: string, link: string | undefined) => {
      sent.push(`${contract} ${link ?? '-'} ${msg.method} ${text(msg.arg)}`);
      return receiver.receive(msg);
    };
    const exports = sender.instantiate({ 'wasmcloud:wasmbus/sender@0.1.0': { send: send as (...args: unknown[]) => unknown } });
    expect(exports[CONTRACT]!['greet']!('Bo', 1)).toEqual({ text: 'hello Bo', times: 1 });
    expect(sent).toEqual(['acme:greeter - Greeter.Greet {"name":"Bo","times":1}']);
  });
});
