/**
 * The seed's own experiment, on the composed kvcounter: its business logic, the keyvalue sender
 * and the httpserver receiver (as the test setup builds them) composed into one component, run
 * through a host `send` that answers every message with the JSON `42`, as the seed's fake host did.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { componentWit } from '@bytecodealliance/jco';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYVALUE_SENDER, HTTPSERVER_RECEIVER, KVCOUNTER } from '../../examples/kvcounter/components.ts';
import { BACKENDS } from '../../src/component/types.ts';
import { decodeResponse, requestMessage } from '../../src/host/providers/httpserver.ts';
import { composeFiles, type ComposeReport } from '../../src/service/compose.ts';
import { componentDir, requireKvcounter } from '../setup/paths.ts';
import { transpile, type Transpiled } from './transpiled.ts';

interface Message {
  method: string;
  arg: Uint8Array;
}

const text = (b: Uint8Array): string => new TextDecoder().decode(b);

for (const backend of BACKENDS) {
  describe(`the composed kvcounter on ${backend}`, () => {
    let dir: string;
    let report: ComposeReport;
    let composite: Uint8Array;
    let transpiled: Transpiled;

    beforeAll(async () => {
      requireKvcounter();
      dir = await mkdtemp(join(tmpdir(), 'witbus-kvcounter-'));
      report = await composeFiles({
        components: [KVCOUNTER, KEYVALUE_SENDER, HTTPSERVER_RECEIVER].map((name) => componentDir(backend, name)),
        out: join(dir, 'kvcounter.wasm'),
      });
      composite = await readFile(report.out);
      transpiled = await transpile('kvcounter-composed', composite);
    }, 300_000);

    afterAll(async () => {
      await transpiled?.dispose();
      await rm(dir, { recursive: true, force: true });
    });

    it('nests the three components verbatim', async () => {
      for (const name of [KVCOUNTER, KEYVALUE_SENDER, HTTPSERVER_RECEIVER]) {
        const child = await readFile(join(componentDir(backend, name), `${name}.wasm`));
        expect(Buffer.from(composite).indexOf(child), name).toBeGreaterThan(0);
      }
    });

    it("imports the wasmbus types once for all three and the sender's send, and exports only receive (wasm-tools' world)", async () => {
      expect(await componentWit(composite)).toBe(
        [
          'package root:component;',
          '',
          'world root {',
          '  import wasmcloud:wasmbus/types@0.1.0;',
          '  import wasmcloud:wasmbus/sender@0.1.0;',
          '',
          '  export wasmcloud:wasmbus/receiver@0.1.0;',
          '}',
          '',
        ].join('\n'),
      );
      // jco lists the imported interfaces that have functions.
      expect(transpiled.imports).toEqual(['wasmcloud:wasmbus/sender']);
      expect(transpiled.exports).toEqual(['wasmcloud:wasmbus/receiver@0.1.0']);
    });

    it('answers GET / with {"counter":42}, after exactly one KeyValue.Increment to wasmcloud:keyvalue', async () => {
      const seen: { method: string; arg: string; contract: string; link: unknown }[] = [];
      const send = (msg: Message, contract: string, link: unknown): Uint8Array => {
        seen.push({ method: msg.method, arg: text(msg.arg), contract, link });
        return new TextEncoder().encode('42');
      };
      const exports = await transpiled.instantiate({ 'wasmcloud:wasmbus/sender@0.1.0': { send: send as never } });
      const request = requestMessage({ url: '/', method: 'GET', rawHeaders: [] } as never, new Uint8Array());
      const payload = exports['wasmcloud:wasmbus/receiver@0.1.0']!.receive!(request) as Uint8Array;
      const response = decodeResponse(payload);
      expect(text(response.body)).toBe('{"counter":42}');
      // The link name is none, which jco's host side sees as undefined.
      expect(seen).toEqual([
        {
          method: 'KeyValue.Increment',
          arg: '{"key":"counter::","value":1}',
          contract: 'wasmcloud:keyvalue',
          link: undefined,
        },
      ]);
    });
  });
}
