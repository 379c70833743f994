/**
 * A fused bundle keeps only the contract functions the business logic calls: the sender's other
 * functions, and the codecs only they use, are left out (esbuild's tree-shaking, which the sender's
 * per-function exports and fuse.ts's pure wrappers make possible). Functions named like what a
 * module cannot declare (`arguments`, `eval`) are exported under those names all the same.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleGuest } from '../../src/component/compile-ts.ts';
import { appComponent } from '../../src/service/components.ts';
import { fusedComponent } from '../../src/service/fuse.ts';
import { generateTarget } from '../../src/service/generate.ts';
import { writeOutputs } from '../../src/service/output.ts';

const WIT = `package test:shake;

interface store {
  record entry { key: string, tags: list<string>, size: u64 }
  fetch: func(key: string) -> string;
  save: func(item: entry);
  arguments: func() -> u32;
}

interface greeter {
  greet: func(name: string) -> string;
  eval: func() -> string;
}

world app {
  import store;
  export greeter;
}
`;

/** Calls only `fetch` of the two store functions. */
const APP = `import { fetch } from 'test:shake/store';

export const greeter = {
  greet(name: string): string {
    return fetch(name);
  },
  eval(): string {
    return 'not eval';
  },
};
`;

describe('a fused bundle of an app that calls one function of an imported contract', () => {
  let dir: string;
  let bundle: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'witbus-fuse-shake-'));
    const wit = join(dir, 'app.wit');
    const generated = join(dir, 'generated');
    await writeFile(wit, WIT);
    await writeFile(join(dir, 'app.ts'), APP);
    const output = await generateTarget({ wit, out: generated });
    const fused = fusedComponent(output, generated, appComponent(join(dir, 'app.ts'), wit, 'quickjs', 'app'));
    writeOutputs([output, { files: fused.files }].map((o) => ({ dir: generated, files: o.files })));
    bundle = await bundleGuest(fused.spec.sourcePath, fused.spec.witModules);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("keeps the called function's method and its codec", () => {
    expect(bundle).toContain('"Store.Fetch"');
    expect(bundle).toMatch(/function encodeString\(/);
  });

  it("leaves out the other functions' methods and the codec only they use", () => {
    expect(bundle).not.toContain('Store.Save');
    expect(bundle).not.toContain('Store.Arguments');
    expect(bundle).not.toMatch(/function (encode|write|plain)Entry\(/);
  });
});
