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
  flags perms { read, write }
}
`,
);

/** Runs `witbus codec` over text lines (each ended by a newline) or the exact bytes given. */
function codec(args: string[], lines: string[] | Buffer): { status: number | null; out: unknown[]; stderr: string } {
  const run = spawnSync('node', [join(ROOT, 'scripts/witbus-dev.mjs'), 'codec', wit, ...args], {
    input: Buffer.isBuffer(lines) ? lines : lines.map((l) => `${l}\n`).join(''),
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

  it('hands the codec the raw bytes of each line, so invalid UTF-8 fails as in serde_json from_slice', () => {
    // serde_json checks a string's UTF-8 once its closing quote is read: the position is after it.
    const input = Buffer.concat([
      Buffer.from('"G'),
      Buffer.from([0xff]),
      Buffer.from('T"\n"ok"\n{"method":"\xe9'),
      Buffer.from([0xc3]),
      Buffer.from('"}'),
    ]);
    const result = codec(['--type', 'httpserver.http-request', '--roundtrip'], input);
    expect(result.status).toBe(0);
    expect(result.out).toEqual([
      { ok: false, error: 'invalid unicode code point at line 1 column 5' },
      { ok: false, error: 'invalid type: string "ok", expected struct HttpRequest at line 1 column 4' },
      { ok: false, error: 'invalid unicode code point at line 1 column 15' },
    ]);
    const shape = codec(['--type', 'httpserver.shape', '--decode'], Buffer.from([0x22, 0xc3, 0xa9, 0x80, 0x22, 0x0a]));
    expect(shape.out).toEqual([{ ok: false, error: 'invalid unicode code point at line 1 column 5' }]);
  });

  it('splits lines on the newline byte only and keeps a last line without one', () => {
    const result = codec(['--type', 'httpserver.shape', '--roundtrip'], Buffer.from('"empty"\r\n\n{"circle":2}', 'utf8'));
    expect(result.out).toEqual([
      { ok: false, error: 'unknown variant `empty`, expected `Circle` or `Empty` at line 1 column 7' },
      { ok: false, error: 'EOF while parsing a value at line 1 column 0' },
      { ok: false, error: 'unknown variant `circle`, expected `Circle` or `Empty` at line 1 column 9' },
    ]);
  });

  it('rejects invalid UTF-8 in tagged JSON for --encode instead of replacing it', () => {
    const result = codec(['--type', 'httpserver.shape', '--encode'], Buffer.from([0x22, 0xff, 0x22, 0x0a]));
    expect(result.out).toEqual([{ ok: false, error: 'input line is not valid UTF-8' }]);
  });

  it('shows flag bits no named flag covers as $unknownBits, both ways (bitflags keeps them)', () => {
    const decoded = codec(['--type', 'httpserver.perms', '--decode'], ['"READ | 0x80"', '"0x3"']);
    expect(decoded.out).toEqual([
      { ok: true, output: { read: true, write: false, $unknownBits: { $bigint: '128' } } },
      { ok: true, output: { read: true, write: true } },
    ]);
    const encoded = codec(['--type', 'httpserver.perms', '--encode'], ['{"read":false,"write":true,"$unknownBits":{"$bigint":"12"}}']);
    expect(encoded.out).toEqual([{ ok: true, output: 'WRITE | 0xc' }]);
    expect(codec(['--type', 'httpserver.perms', '--roundtrip'], ['" 0x84|WRITE "']).out).toEqual([{ ok: true, output: 'WRITE | 0x84' }]);
  });

  it('reports usage and lookup errors', () => {
    expect(codec(['--decode'], []).status).toBe(2);
    const missing = codec(['--type', 'httpserver.nope', '--decode'], []);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("no type 'httpserver.nope'");
  });
});
