import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import witbus from '../../src/plugin/esbuild.ts';
import { fixtureCopy, REPO, TRANSPORTS } from './fixture.ts';

const fixture = fixtureCopy('app');
afterAll(fixture.dispose);

// Written here rather than kept in the fixture folder, which the project's own typecheck includes.
const TYPED = `// Types from the .d.ts the plugin writes beside the WIT, with no bundler.
import type { Awaitable, GetResponse, KeyValue, Message } from 'virtual:witbus/wasmcloud:keyvalue/key-value';
import { keyValue } from './wit/keyvalue.wit';
import { receiver } from './wit/keyvalue.wit?receiver';

export function check(impl: KeyValue, reply: (msg: Message) => Uint8Array): [GetResponse, number, 'wasmcloud:keyvalue'] {
  const kv: KeyValue = keyValue((msg) => reply(msg));
  return [kv.get('a'), kv.increment('n', 1), receiver(impl).contractId];
}

// An implementation answering with promises is typed too; its receiver may answer with one.
export function checkAsync(impl: KeyValue, msg: Message): Uint8Array | Promise<Uint8Array> {
  const asyncImpl: Awaitable<KeyValue> = { ...impl, get: async (key: string) => ({ value: key, exists: true }) };
  return receiver(asyncImpl).receive(msg);
}
`;
// Calls the types must refuse: a number for a string key, and an implementation missing functions.
const TYPED_WRONG = `import type { Awaitable, KeyValue, Message } from 'virtual:witbus/wasmcloud:keyvalue/key-value';
import { keyValue } from './wit/keyvalue.wit';
import { receiver } from './wit/keyvalue.wit?receiver';

keyValue(() => new Uint8Array()).get(1);
receiver({});
export const sync = (impl: Awaitable<KeyValue>, msg: Message): Uint8Array => receiver(impl).receive(msg);
`;

const tsc = (project: string) =>
  spawnSync(process.execPath, [join(REPO, 'node_modules/typescript/bin/tsc'), '-p', join(fixture.dir, project)], {
    encoding: 'utf8',
  });

beforeAll(async () => {
  writeFileSync(join(fixture.dir, 'typed.ts'), TYPED);
  writeFileSync(join(fixture.dir, 'typed-wrong.ts'), TYPED_WRONG);
  await build({
    entryPoints: [join(fixture.dir, 'roundtrip.js')],
    bundle: true,
    write: false,
    format: 'esm',
    logLevel: 'silent',
    alias: { 'witbus/transports': TRANSPORTS },
    plugins: [witbus({ config: false })],
  });
});

describe('the .d.ts the plugin writes beside the WIT', () => {
  it('types the imports for tsc --noEmit, with no bundler', () => {
    expect(existsSync(join(fixture.dir, 'wit/keyvalue.wit.modules.d.ts'))).toBe(true);
    const run = tsc('tsconfig.json');
    expect(run.stdout + run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('makes tsc refuse a wrong argument and an incomplete implementation', () => {
    const run = tsc('tsconfig.wrong.json');
    expect(run.status).not.toBe(0);
    expect(run.stdout).toContain(
      "typed-wrong.ts(5,38): error TS2345: Argument of type 'number' is not assignable to parameter of type 'string'.",
    );
    expect(run.stdout).toMatch(
      /typed-wrong\.ts\(6,10\): error TS2769: No overload matches this call\.\n.*\n\s+Argument of type '\{\}' is not assignable to parameter of type 'KeyValue'/,
    );
    // The receiver of an implementation that may answer with promises may answer with one.
    expect(run.stdout).toContain(
      "typed-wrong.ts(7,78): error TS2322: Type 'Uint8Array<ArrayBufferLike> | Promise<Uint8Array<ArrayBufferLike>>' is not assignable to type 'Uint8Array<ArrayBufferLike>'.",
    );
  });

  it('go into a configured folder instead, where tsc finds every import form through ambient modules', async () => {
    const other = fixtureCopy('app');
    try {
      writeFileSync(join(other.dir, 'typed.ts'), TYPED);
      await build({
        entryPoints: [join(other.dir, 'roundtrip.js')],
        bundle: true,
        write: false,
        format: 'esm',
        logLevel: 'silent',
        alias: { 'witbus/transports': TRANSPORTS },
        plugins: [witbus({ config: false, declarations: join(other.dir, 'types') })],
      });
      expect(existsSync(join(other.dir, 'wit/keyvalue.wit.d.ts'))).toBe(false);
      writeFileSync(
        join(other.dir, 'tsconfig.folder.json'),
        JSON.stringify({ extends: './tsconfig.json', files: ['typed.ts', 'types/keyvalue.wit.modules.d.ts'] }),
      );
      const run = spawnSync(
        process.execPath,
        [join(REPO, 'node_modules/typescript/bin/tsc'), '-p', join(other.dir, 'tsconfig.folder.json')],
        {
          encoding: 'utf8',
        },
      );
      expect(run.stdout + run.stderr).toBe('');
      expect(run.status).toBe(0);
    } finally {
      other.dispose();
    }
  });
});
