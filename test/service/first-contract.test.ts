/** A user's first contract needs no wasmbus package of its own: witbus brings its bundled one. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateTarget } from '../../src/service/generate.ts';
import { loadWit } from '../../src/wit/load.ts';
import { memoryFs } from '../wit/resolve/memory-fs.ts';
import { witbus } from '../helpers/cli.ts';

const scratch = mkdtempSync(join(tmpdir(), 'witbus-first-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const GREETER = 'package acme:greeter@0.1.0;\n\ninterface greeter {\n  greet: func(name: string) -> string;\n}\n';
const BUS = 'package wasmcloud:wasmbus@0.1.0;\ninterface marker {}\n';

describe('the bundled wasmcloud:wasmbus', () => {
  it('makes a plain interface in one file a contract', async () => {
    const file = join(scratch, 'greeter.wit');
    writeFileSync(file, GREETER);
    const result = await generateTarget({ wit: file, out: join(scratch, 'out') });
    expect(result.contracts.map((c) => c.witId)).toEqual(['acme:greeter/greeter@0.1.0']);
    const deps = result.files.find((f) => f.path === 'acme-greeter/greeter/wit/deps/wasmcloud-wasmbus@0.1.0.wit');
    // The adapters' world folder carries the package the sender and receiver bind to.
    expect(deps?.content).toContain('package wasmcloud:wasmbus@0.1.0;');
    expect(deps?.content).toMatch(
      /interface sender \{[^]*?send: func\(msg: message, contract-name: string, link-name: option<string>\)/,
    );
  });

  it('says so with --verbose, and only then', () => {
    const file = join(scratch, 'verbose.wit');
    writeFileSync(file, GREETER);
    const quiet = witbus(['gen', file, '-o', join(scratch, 'v1')]);
    expect(quiet.stderr).toBe('');
    const loud = witbus(['gen', file, '-o', join(scratch, 'v2'), '--verbose']);
    expect(loud.stderr).toBe(
      `${file} brings no wasmcloud:wasmbus package: using witbus's bundled wasmcloud:wasmbus@0.1.0\n`,
    );
    // An input with its own wasmbus package gets no note.
    expect(witbus(['gen', 'wit', '-o', join(scratch, 'v3'), '--verbose']).stderr).toBe('');
  });

  it('is added only when the input has no package of that name', () => {
    const fallback = [{ path: '/bundled/wasmbus.wit', text: BUS }];
    const own = loadWit(
      memoryFs(
        new Map([
          ['/a/a.wit', GREETER],
          ['/a/deps/bus.wit', 'package wasmcloud:wasmbus@0.2.0;\ninterface mine {}\n'],
        ]),
      ),
      '/a',
      { fallbackPackages: fallback },
    );
    const names = (l: typeof own) =>
      l.resolve.packages.map((p) => `${p.name.namespace}:${p.name.name}@${p.name.version ?? ''}`).sort();
    expect(names(own)).toEqual(['acme:greeter@0.1.0', 'wasmcloud:wasmbus@0.2.0']);
    const without = loadWit(memoryFs(new Map([['/g.wit', GREETER]])), '/g.wit', { fallbackPackages: fallback });
    expect(names(without)).toEqual(['acme:greeter@0.1.0', 'wasmcloud:wasmbus@0.1.0']);
    // The input's own package stays the root.
    expect(without.resolve.packages[without.packages[0]!]!.name.name).toBe('greeter');
  });
});
