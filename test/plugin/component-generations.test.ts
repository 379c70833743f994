/**
 * A build that imports a contract's component both as URLs (`?component=sender`) and as an
 * instance (`?component=sender&instance`, whose module imports the URL module) generates and
 * builds that component once, not once per module.
 */
import { join } from 'node:path';
import { rollup } from 'rollup';
import { afterAll, describe, expect, it, vi } from 'vitest';
import witbusRollup from '../../src/plugin/rollup.ts';
import type { GenerateTarget } from '../../src/config/config.ts';
import { fixtureCopy, REPO } from './fixture.ts';

/** The output folder of every generation, in order: the plugin's generations, observed. */
const generations = vi.hoisted(() => [] as string[]);
vi.mock('../../src/service/generate.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/service/generate.ts')>();
  return {
    ...actual,
    generateTarget: (target: GenerateTarget) => {
      generations.push(target.out);
      return actual.generateTarget(target);
    },
  };
});

const fixture = fixtureCopy('components');
afterAll(fixture.dispose);
const cacheDir = join(REPO, 'test/.cache/plugin');

describe('?component= and &instance of one contract in one build', () => {
  it('share one generation of the component', async () => {
    const bundle = await rollup({
      input: { url: join(fixture.dir, 'url.js'), instance: join(fixture.dir, 'instance.js') },
      external: ['witbus/transports', 'node:fs/promises'],
      onwarn: () => undefined,
      plugins: [witbusRollup({ config: false, backend: 'quickjs', cacheDir, declarations: false })],
    });
    await bundle.close();
    // The plain receiver's generation (instance.js imports it) is the other one, in a scratch folder.
    expect(generations.filter((out) => out === join(cacheDir, 'generated'))).toHaveLength(1);
    expect(generations).toHaveLength(2);
  }, 240_000);
});
