/**
 * The checked-in output for the bundled contracts: it is current (`witbus gen --check`, as CI
 * requires) and type-checks under `tsc --strict` together with the ambient WIT module declarations.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { loadConfig } from '../../src/service/config-file.ts';
import { generateTarget } from '../../src/service/generate.ts';
import { describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;
const generated = join(root, 'generated');

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? allFiles(full) : [full];
  });
}

function tsFiles(dir: string): string[] {
  return allFiles(dir).filter((f) => f.endsWith('.ts'));
}

describe('generated/', () => {
  it('is what `witbus gen` produces now', () => {
    const out = execFileSync(process.execPath, [join(root, 'scripts/witbus-dev.mjs'), 'gen', '--check'], { cwd: root, encoding: 'utf8' });
    expect(out).toContain('generated files are up to date');
  });

  it('holds nothing but what the generator writes', async () => {
    const config = await loadConfig(join(root, 'witbus.config.ts'));
    const expected = new Set<string>();
    for (const target of config.generate) {
      for (const f of (await generateTarget(target)).files) expected.add(join(target.out, f.path));
    }
    const onDisk = allFiles(generated);
    expect(onDisk.filter((f) => !expected.has(f))).toEqual([]);
    expect([...expected].filter((f) => !onDisk.includes(f))).toEqual([]);
  });

  it('holds adapters for the bundled and the seed contracts', () => {
    const dirs = ['wasmcloud-keyvalue/key-value', 'wasmcloud-httpserver/http-server', 'witbus-seed/keyvalue', 'witbus-seed/httpserver'];
    for (const d of dirs) {
      for (const f of ['sender.ts', 'receiver.ts', 'codec.ts', 'types.ts', 'modules.d.ts', 'wit/adapters.wit']) {
        expect(statSync(join(generated, d, f)).isFile(), `${d}/${f}`).toBe(true);
      }
    }
  });

  it('type-checks under --strict', () => {
    // Each contract folder is a unit: its modules.d.ts declares the WIT modules its adapters import.
    const folders = [...new Set(tsFiles(generated).map((f) => f.slice(0, f.lastIndexOf('/'))))];
    for (const folder of folders) {
      const program = ts.createProgram(tsFiles(folder), {
        strict: true,
        noEmit: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ESNext,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
        lib: ['lib.es2022.d.ts'],
        types: [],
        skipLibCheck: true,
      });
      const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n') + ` (${d.file?.fileName})`);
      expect(diagnostics, folder).toEqual([]);
    }
  });
});
