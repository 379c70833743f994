/** `witbus codec`: the generated codec driven over JSON lines, as an outside check tool. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const scratch = mkdtempSync(join(tmpdir(), 'witbus-codec-'));
const wit = join(scratch, 'http.wit');
writeFileSync(
  wit,
  `package test:cli;

interface httpserver {
  type header-map = list<tuple<string, string>>;
  record http-request { method: string, path: string, query-string: string, header: header-map, body: list<u8> }
  variant shape { circle(f64), empty }
}
`,
);

function codec(args: string[], lines: string[]): { status: number | null; out: unknown[]; stderr: string } {
  const run = spawnSync('node', [join(ROOT, 'bin/witbus.mjs'), 'codec', wit, ...args], {
    input: lines.map((l) => `${l}\n`).join(''),
    encoding: 'utf8',
  });
  const out = run.stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as unknown);
  return { status: run.status, out, stderr: run.stderr };
}

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('witbus codec', () => {
  it('decodes, encodes and round-trips one line per input', () => {
    const wire = '{"method":"GET","path":"/","query_string":"","header":[],"body":[1,2]}';
    const decoded = codec(['--type', 'httpserver.http-request', '--decode'], [wire, '{"method":1}']);
    expect(decoded.status).toBe(0);
    expect(decoded.out).toEqual([
      {
        ok: true,
        output: { method: 'GET', path: '/', queryString: '', header: [], body: { $typed: 'Uint8Array', values: [1, 2] } },
      },
      { ok: false, error: 'invalid type: integer `1`, expected a string at line 1 column 11' },
    ]);
    const jco = '{"method":"GET","path":"/","queryString":"","header":[],"body":{"$typed":"Uint8Array","values":[1,2]}}';
    expect(codec(['--type', 'httpserver.http-request', '--encode'], [jco]).out).toEqual([{ ok: true, output: JSON.parse(wire) }]);
    const round = codec(['--type', 'httpserver.shape', '--roundtrip', '--case-rename', 'snake_case'], [' {"circle": 1} ', '"empty"']);
    expect(round.out).toEqual([
      { ok: true, output: { circle: 1.0 } },
      { ok: true, output: 'empty' },
    ]);
  });

  it('reports usage and lookup errors', () => {
    expect(codec(['--decode'], []).status).toBe(2);
    const missing = codec(['--type', 'httpserver.nope', '--decode'], []);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("no type 'httpserver.nope'");
  });
});
