import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { watch, type RollupWatcher, type RollupWatcherEvent } from 'rollup';
import { afterAll, describe, expect, it, vi } from 'vitest';
import witbus from '../../src/plugin/rollup.ts';
import type { PlainContract } from '../../src/service/plain-adapters.ts';
import { fixtureCopy } from './fixture.ts';

/** The contracts whose adapters were generated, in order: the plugin's generations, observed. */
const generated = vi.hoisted(() => [] as string[]);
vi.mock('../../src/service/plain-adapters.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/service/plain-adapters.ts')>();
  return {
    ...actual,
    plainAdapterFiles: (dir: string, plain: PlainContract) => {
      generated.push(plain.witId);
      return actual.plainAdapterFiles(dir, plain);
    },
  };
});

const fixture = fixtureCopy('affected');
const out = join(fixture.dir, 'dist');
let watcher: RollupWatcher | undefined;
afterAll(async () => {
  await watcher?.close();
  fixture.dispose();
});

/** The next build's end (or its error). */
function nextBuild(w: RollupWatcher): Promise<void> {
  return new Promise((done, fail) => {
    const on = (e: RollupWatcherEvent) => {
      if (e.code === 'BUNDLE_END') void e.result.close();
      if (e.code === 'END' || e.code === 'ERROR') w.off('event', on);
      if (e.code === 'END') done();
      if (e.code === 'ERROR') fail(e.error);
    };
    w.on('event', on);
  });
}

let runs = 0;
/** The functions of each contract's sender in the bundle written last. */
async function functions(): Promise<string[][]> {
  const { functions } = await import(`${pathToFileURL(join(out, 'main.mjs')).href}?run=${++runs}`);
  return functions();
}

describe('a changed WIT file regenerates only the contracts that read it', () => {
  it('in Rollup watch mode: an edited contract is regenerated, the others are kept', async () => {
    watcher = watch({
      input: join(fixture.dir, 'main.js'),
      output: { dir: out, format: 'es', entryFileNames: '[name].mjs' },
      plugins: [witbus({ config: join(fixture.dir, 'witbus.config.json') })],
      watch: { buildDelay: 50 },
    });
    await nextBuild(watcher);
    expect([...generated].sort()).toEqual([
      'acme:counter/counter@0.1.0',
      'acme:greeter/greeter@0.1.0',
      'acme:ping/ping@0.1.0',
    ]);
    expect(await functions()).toEqual([['increment'], ['greet'], ['ping']]);

    // One contract's file of the folder input: only that contract's adapters are generated again.
    generated.length = 0;
    const counter = join(fixture.dir, 'wit/counter.wit');
    writeFileSync(
      counter,
      readFileSync(counter, 'utf8').replace(
        '    increment:',
        '    reset: func(name: string) -> result<_, rpc-error>;\n    increment:',
      ),
    );
    await nextBuild(watcher);
    expect(generated).toEqual(['acme:counter/counter@0.1.0']);
    expect(await functions()).toEqual([['increment', 'reset'], ['greet'], ['ping']]);

    // A deps/ package of the folder input that one contract uses: that contract only.
    generated.length = 0;
    const names = join(fixture.dir, 'wit/deps/names/names.wit');
    writeFileSync(
      names,
      readFileSync(names, 'utf8').replace('    last: string,', '    last: string,\n    title: string,'),
    );
    await nextBuild(watcher);
    expect(generated).toEqual(['acme:greeter/greeter@0.1.0']);

    // The other WIT input: its contract only.
    generated.length = 0;
    const ping = join(fixture.dir, 'ping.wit');
    writeFileSync(ping, readFileSync(ping, 'utf8').replace('ping: func()', 'ping: func(echo: string)'));
    await nextBuild(watcher);
    expect(generated).toEqual(['acme:ping/ping@0.1.0']);
  });
});
