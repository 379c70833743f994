import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { loadWit } from '../../src/wit/load.ts';
import { nodeWitFs } from '../../src/node/wit-fs.ts';
import { printWit } from '../../src/wit/print/index.ts';
import { jcoWorldWit, topLevelBlocks } from '../wit/print/jco.ts';

const ROOT = join(import.meta.dirname, '../..');
const SEED = join(ROOT, 'wit/seed');

async function witbus(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)('node', [join(ROOT, 'scripts/witbus-dev.mjs'), ...args]);
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('witbus migrate', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'witbus-migrate-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const out = join(scratch, 'out');
  const migrated = join(out, 'seed.wit');

  it('writes the seed as one modern package with the worlds of its modules', async () => {
    const run = await witbus(['migrate', SEED, '-o', out]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toBe(`wrote witbus:seed to ${migrated}\n`);
    const { resolve, packages } = loadWit(nodeWitFs, migrated);
    const pkg = resolve.packages[packages[0]!]!;
    expect([...pkg.interfaces.keys()]).toEqual([
      'error-type', 'httpserver', 'keyvalue', 'wasmbus-common', 'wasmbus-receiver', 'wasmbus-sender',
    ]);
    const worlds = new Map(
      [...pkg.worlds].map(([name, id]) => {
        const w = resolve.worlds[id]!;
        const names = (m: typeof w.imports) =>
          [...m.values()].map((e) => (e.item.kind === 'interface' ? resolve.interfaces[e.item.id]!.name : '?'));
        return [name, { imports: names(w.imports), exports: names(w.exports) }];
      }),
    );
    // The seed's httpserver receiver and keyvalue sender, with the interfaces their exports use.
    expect(worlds.get('httpserver-receiver')).toEqual({
      imports: ['error-type', 'httpserver', 'wasmbus-common'],
      exports: ['wasmbus-receiver'],
    });
    expect(worlds.get('keyvalue-sender')).toEqual({
      imports: ['error-type', 'wasmbus-common', 'wasmbus-sender'],
      exports: ['keyvalue'],
    });
    expect(worlds.get('host-sender')?.exports).toEqual(['wasmbus-sender']);
    expect([...worlds.keys()]).toEqual([
      'httpserver-receiver', 'httpserver-sender', 'keyvalue-receiver', 'keyvalue-sender', 'host-sender',
    ]);
    // The output is canonical: printing it again changes nothing.
    expect(printWit(resolve, packages[0]!)).toBe(readFileSync(migrated, 'utf8'));
  });

  it("is accepted by jco's own WIT parser, which reads each world as we do", async () => {
    const { resolve, packages } = loadWit(nodeWitFs, migrated);
    const ours = topLevelBlocks(printWit(resolve, packages[0]!, [], { docs: false }));
    const worlds = [...resolve.packages[packages[0]!]!.worlds.keys()];
    expect(worlds).toHaveLength(5);
    for (const world of worlds) {
      const jco = topLevelBlocks((await jcoWorldWit(migrated, world)).get('package.wit') ?? '');
      expect(jco.get(`world ${world}`), world).toBeDefined();
      for (const [key, block] of jco) expect(block, `${world}: ${key}`).toBe(ours.get(key));
    }
  }, 60_000);

  it('names the package as told, and keeps the input comments as docs', async () => {
    const named = join(scratch, 'named');
    const run = await witbus(['migrate', ...readdirSync(SEED).map((f) => join(SEED, f)), '-o', named, '--package', 'acme:kv@0.2.0']);
    expect(run.code).toBe(0);
    const text = readFileSync(join(named, 'kv.wit'), 'utf8');
    expect(text).toMatch(/^package acme:kv@0\.2\.0;\n/);
    expect(text).toContain('  /// Increment the value of the key by the given amount\n  increment: func(');
  });

  it('writes nothing when the input is invalid, and points at the error', async () => {
    const bad = join(scratch, 'bad');
    mkdirSync(bad);
    cpSync(SEED, bad, { recursive: true });
    writeFileSync(join(bad, 'keyvalue.wit'), 'use * from error-type\nincrement: function(key: strin) -> expected<s32, rpc-error>\n');
    const target = join(scratch, 'not-written');
    const run = await witbus(['migrate', bad, '-o', target]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`--> ${join(bad, 'keyvalue.wit')}:2:26`);
    expect(run.stderr).toMatch(/^name `strin` does not exist\n/);
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(scratch).filter((f) => f.includes('.migrate-'))).toEqual([]);
  });

  it('refuses modern WIT and bad usage', async () => {
    const modern = await witbus(['migrate', join(ROOT, 'wit/contracts.wit'), '-o', join(scratch, 'm')]);
    expect(modern).toMatchObject({ code: 1, stderr: `error: ${join(ROOT, 'wit/contracts.wit')} is not WIT in the 2022 dialect\n` });
    expect(await witbus(['migrate', SEED])).toMatchObject({ code: 2, stderr: expect.stringContaining('Missing required argument: out') });
    expect(await witbus(['migrate', SEED, '-o', join(scratch, 'p'), '--package', 'Bad'])).toMatchObject({
      code: 1,
      stderr: "error: invalid package name 'Bad': expected namespace:name[@version]\n",
    });
    const help = await witbus(['migrate', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^witbus migrate <inputs\.\.>\n/);
  });
});
