/** WIT packages used but not present come from installed npm packages, found as Node finds modules. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadWitPackage } from '../../src/service/wit.ts';
import { printWit } from '../../src/wit/print/index.ts';
import { witbus } from '../helpers/cli.ts';

const scratch = mkdtempSync(join(tmpdir(), 'witbus-node-modules-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

const SHAPES = 'package acme:shapes@1.0.0;\ninterface types {\n  record point { x: u32, y: u32 }\n}\n';
const COLORS =
  'package acme:colors@0.2.0;\ninterface names {\n  use acme:shapes/types@1.0.0.{point};\n  record pixel { at: point, name: string }\n}\n';
const APP = 'package acme:app;\ninterface draw {\n  use acme:colors/names@0.2.0.{pixel};\n  plot: func(p: pixel);\n}\n';

/** A workspace: the app in packages/app, its WIT dependencies hoisted to the root node_modules. */
function workspace(): string {
  const root = mkdtempSync(join(scratch, 'ws-'));
  write(
    join(root, 'node_modules/@acme/colors/package.json'),
    JSON.stringify({ name: '@acme/colors', witbus: { wit: 'contract/' } }),
  );
  write(join(root, 'node_modules/@acme/colors/contract/colors.wit'), COLORS);
  // No "witbus" field: any installed package shipping a wit/ folder counts too.
  write(join(root, 'node_modules/shapes-wit/package.json'), JSON.stringify({ name: 'shapes-wit' }));
  write(join(root, 'node_modules/shapes-wit/wit/shapes.wit'), SHAPES);
  write(join(root, 'packages/app/wit/app.wit'), APP);
  return root;
}

describe('WIT dependencies from node_modules', () => {
  it('resolves a use of an installed package, and the packages it uses in turn', async () => {
    const root = workspace();
    const loaded = await loadWitPackage(join(root, 'packages/app/wit'));
    const names = loaded.resolve.packages.map((p) => `${p.name.namespace}:${p.name.name}`).sort();
    expect(names).toEqual(['acme:app', 'acme:colors', 'acme:shapes']);
    expect(printWit(loaded.resolve, loaded.packages[0]!)).toContain('use acme:colors/names@0.2.0.{pixel};');
  });

  it('prefers the nearest install, as Node does for nested installs', async () => {
    const root = workspace();
    // A nested copy beside the app wins over the hoisted one.
    write(
      join(root, 'packages/app/node_modules/@acme/colors/package.json'),
      JSON.stringify({ name: '@acme/colors', witbus: { wit: 'wit/' } }),
    );
    write(
      join(root, 'packages/app/node_modules/@acme/colors/wit/colors.wit'),
      COLORS.replace('name: string', 'name: string, alpha: u8'),
    );
    const loaded = await loadWitPackage(join(root, 'packages/app/wit/app.wit'));
    const pixel = loaded.resolve.types.find((t) => t.name === 'pixel')!;
    expect(pixel.kind).toMatchObject({ kind: 'record' });
    expect((pixel.kind as { fields: { name: string }[] }).fields.map((f) => f.name)).toEqual(['at', 'name', 'alpha']);
  });

  it('says where it looked and which installed package is near, and can be turned off', () => {
    const root = workspace();
    write(join(root, 'packages/app/wit/app.wit'), APP.replace('acme:colors/names@0.2.0', 'acme:colors/names@0.3.0'));
    const run = witbus(['wit', join(root, 'packages/app/wit')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("package 'acme:colors@0.3.0' not found");
    expect(run.stderr).toContain(
      `witbus looked in ${join(root, 'node_modules')} (turn this off with --no-node-modules)`,
    );
    expect(run.stderr).toContain('the installed npm package @acme/colors provides acme:colors@0.2.0');

    write(join(root, 'packages/app/wit/app.wit'), APP);
    expect(witbus(['wit', join(root, 'packages/app/wit')]).code).toBe(0);
    const strict = witbus(['wit', join(root, 'packages/app/wit'), '--no-node-modules']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain("package 'acme:colors@0.2.0' not found");
    expect(strict.stderr).not.toContain('looked in');
  });

  it('lets gen use the installed packages', () => {
    const root = workspace();
    const run = witbus(['gen', join(root, 'packages/app/wit'), '-o', join(root, 'out')]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/1 contract\(s\)/);
  });
});
