/** Writing generated files: all or nothing, shared folders, and putting things back. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/service/errors.ts';
import { staleFiles, writeOutputs } from '../../src/service/output.ts';
import { snapshot } from '../helpers/cli.ts';
import { thrown } from '../helpers/thrown.ts';

const scratch = mkdtempSync(join(tmpdir(), 'witbus-output-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let n = 0;
const fresh = (): string => join(scratch, `d${n++}`);

describe('writeOutputs', () => {
  it('writes a file two targets share once, and reports what it wrote and left alone', () => {
    const dir = fresh();
    const first = writeOutputs([
      {
        dir,
        files: [
          { path: 'runtime.ts', content: 'r' },
          { path: 'a/x.ts', content: 'x' },
        ],
      },
      {
        dir,
        files: [
          { path: 'runtime.ts', content: 'r' },
          { path: 'b/y.ts', content: 'y' },
        ],
      },
    ]);
    expect(first.reports.map((r) => r.written)).toEqual([['runtime.ts', 'a/x.ts'], ['b/y.ts']]);
    expect(snapshot(dir)).toEqual({ a: '<dir>', 'a/x.ts': 'x', b: '<dir>', 'b/y.ts': 'y', 'runtime.ts': 'r' });
    const again = writeOutputs([{ dir, files: [{ path: 'a/x.ts', content: 'x' }] }]);
    expect(again.reports[0]).toEqual({ dir, written: [], unchanged: ['a/x.ts'] });
  });

  it('refuses two different contents for one path, and writes nothing', () => {
    const dir = fresh();
    const e = thrown(() =>
      writeOutputs([
        { dir, files: [{ path: 'a.ts', content: '1' }] },
        { dir, files: [{ path: 'a.ts', content: '2' }] },
      ]),
    );
    expect(e).toBeInstanceOf(UserError);
    expect((e as Error).message).toBe(`error: two targets write different files to ${join(dir, 'a.ts')}`);
    expect(snapshot(dir)).toEqual({});
  });

  it('puts every file back as it was on rollback', () => {
    const dir = fresh();
    writeOutputs([{ dir, files: [{ path: 'keep.ts', content: 'old' }] }]);
    const written = writeOutputs([
      {
        dir,
        files: [
          { path: 'keep.ts', content: 'new' },
          { path: 'deep/new.ts', content: 'n' },
        ],
      },
    ]);
    expect(readFileSync(join(dir, 'keep.ts'), 'utf8')).toBe('new');
    written.rollback();
    expect(snapshot(dir)).toEqual({ 'keep.ts': 'old' });
  });

  it('lists stale files without writing', () => {
    const dir = fresh();
    writeOutputs([{ dir, files: [{ path: 'a.ts', content: 'a' }] }]);
    writeFileSync(join(dir, 'a.ts'), 'edited');
    expect(
      staleFiles({
        dir,
        files: [
          { path: 'a.ts', content: 'a' },
          { path: 'b.ts', content: 'b' },
        ],
      }),
    ).toEqual(['a.ts', 'b.ts']);
    expect(snapshot(dir)).toEqual({ 'a.ts': 'edited' });
  });
});
