/**
 * The fused kvcounter the test setup builds (as `build --fuse` does), on both engines: its world
 * next to the composed one's, the seed's experiment through a fake host `send`, and the worlds
 * that cannot be fused.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { componentWit } from '@bytecodealliance/jco';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KVCOUNTER } from '../../examples/kvcounter/components.ts';
import { readManifest } from '../../src/component/build.ts';
import { BACKENDS } from '../../src/component/types.ts';
import { loadComponent } from '../../src/host/load.ts';
import { decodeResponse, requestMessage } from '../../src/host/providers/httpserver.ts';
import { appComponent } from '../../src/service/components.ts';
import { fusedComponent, fusedName } from '../../src/service/fuse.ts';
import { generateTarget } from '../../src/service/generate.ts';
import { componentDir, requireKvcounter } from '../setup/paths.ts';

const text = (b: Uint8Array): string => new TextDecoder().decode(b);

async function binary(dir: string): Promise<Uint8Array> {
  const manifest = await readManifest(dir);
  if (manifest === undefined) throw new Error(`the test setup did not build ${dir}`);
  return readFile(join(dir, manifest.component));
}

/** The world wasm-tools prints for the composed kvcounter (see test/compose/kvcounter.test.ts). */
const COMPOSED_WORLD = [
  'package root:component;',
  '',
  'world root {',
  '  import wasmcloud:wasmbus/types@0.1.0;',
  '  import wasmcloud:wasmbus/sender@0.1.0;',
  '',
  '  export wasmcloud:wasmbus/receiver@0.1.0;',
  '}',
  '',
].join('\n');

/** componentize-qjs adds this export to every component it makes (an engine fact, not witbus's). */
const QJS_INIT =
  '  export init: func(shim: string, script: string, entry-path: option<string>, disable-gc: bool) -> result<_, string>;\n';

for (const backend of BACKENDS) {
  describe(`the fused kvcounter on ${backend}`, () => {
    const fused = (): string => componentDir(backend, fusedName(KVCOUNTER));

    it("imports exactly the bus sender (and the types it uses) and exports the bus receiver, as the composed one (wasm-tools' world)", async () => {
      requireKvcounter();
      const world = await componentWit(await binary(fused()));
      expect(world).toBe(
        backend === 'quickjs'
          ? COMPOSED_WORLD.replace('  export wasmcloud', `${QJS_INIT}  export wasmcloud`)
          : COMPOSED_WORLD,
      );
      expect(await componentWit(await binary(componentDir(backend, `${KVCOUNTER}.composed`)))).toBe(COMPOSED_WORLD);
    });

    it('answers GET / with {"counter":42}, after exactly one KeyValue.Increment to wasmcloud:keyvalue', async () => {
      requireKvcounter();
      const seen: { method: string; arg: string; contract: string; link: unknown }[] = [];
      const send = (msg: { method: string; arg: Uint8Array }, contract: string, link: unknown): Uint8Array => {
        seen.push({ method: msg.method, arg: text(msg.arg), contract, link });
        return new TextEncoder().encode('42');
      };
      const component = await loadComponent(fused());
      const exports = component.instantiate({ 'wasmcloud:wasmbus/sender@0.1.0': { send: send as never } });
      const request = requestMessage({ url: '/', method: 'GET', rawHeaders: [] } as never, new Uint8Array());
      const payload = exports['wasmcloud:wasmbus/receiver@0.1.0']!.receive!(request) as Uint8Array;
      expect(text(decodeResponse(payload).body)).toBe('{"counter":42}');
      expect(seen).toEqual([
        {
          method: 'KeyValue.Increment',
          arg: '{"key":"counter::","value":1}',
          contract: 'wasmcloud:keyvalue',
          link: undefined,
        },
      ]);
    });

    it('passes a failed send to the business logic as an import error, as across components', async () => {
      requireKvcounter();
      const send = (): never => {
        throw { tag: 'rpc', val: 'the store is down' };
      };
      const component = await loadComponent(fused());
      const exports = component.instantiate({ 'wasmcloud:wasmbus/sender@0.1.0': { send: send as never } });
      const request = requestMessage({ url: '/x', method: 'GET', rawHeaders: [] } as never, new Uint8Array());
      const response = decodeResponse(exports['wasmcloud:wasmbus/receiver@0.1.0']!.receive!(request) as Uint8Array);
      // kvcounter answers Rust's `{:?}` of the rpc-error it got from `increment`.
      expect(response.statusCode).toBe(500);
      expect(text(response.body)).toBe('{"error":"Rpc(\\"the store is down\\")"}');
    });
  });
}

describe('worlds that cannot be fused', () => {
  let dir: string;
  const WIT = `package test:app;

interface counter {
  add: func(n: u32) -> u32;
}

interface greeter {
  greet: func(name: string) -> string;
}

interface plain {
  ping: func();
}

world two { export counter; export greeter; }
world none { import counter; }
world extra { export counter; export plain: func(); }
`;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'witbus-fuse-'));
    await writeFile(join(dir, 'app.wit'), WIT);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const fuse = async (world: string): Promise<unknown> => {
    const wit = join(dir, 'app.wit');
    const output = await generateTarget({ wit, out: join(dir, 'generated') });
    try {
      fusedComponent(output, join(dir, 'generated'), appComponent(join(dir, 'app.ts'), wit, 'quickjs', world));
    } catch (e) {
      return e;
    }
    throw new Error(`world ${world} was fused`);
  };

  it('refuses two exported contracts: a fused component has one wasmbus receiver', async () => {
    expect(await fuse('two')).toMatchObject({
      name: 'UserError',
      message:
        'error: world two exports 2 contracts (test:app/counter, test:app/greeter): a fused component has one wasmbus receiver, so it can fuse one',
    });
  });

  it('refuses a world that exports no contract', async () => {
    expect(await fuse('none')).toMatchObject({
      message: 'error: world none exports no contract: a fused component needs one to receive messages for',
    });
  });

  it('refuses exports that are not named interfaces', async () => {
    expect(await fuse('extra')).toMatchObject({
      message:
        'error: world extra has the export plain, which is not a named interface: --fuse links named interfaces only',
    });
  });
});
