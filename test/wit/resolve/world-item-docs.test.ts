/**
 * Doc comments on a world's by-reference `import`/`export` statements: kept on the interface
 * `WorldItem` (wit-parser 0.257's `WorldItem::Interface { docs }`), written to the Resolve JSON
 * when present, and printed back on the statement.
 */
import { describe, expect, it } from 'vitest';
import { loadWit } from '../../../src/wit/load.ts';
import type { World, WorldItem } from '../../../src/wit/model.ts';
import { printWit } from '../../../src/wit/print/index.ts';
import { resolveToJson } from '../../../src/wit/resolve-json.ts';
import { memoryFs } from './memory-fs.ts';

function load(text: string) {
  return loadWit(memoryFs(new Map([['/f.wit', text]])), '/f.wit');
}

/** Statement docs of each interface item, by world key. */
function itemDocs(items: World['imports']): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [key, { item }] of items) {
    if (item.kind === 'interface') out[key] = item.docs?.contents ?? null;
  }
  return out;
}

const SOURCE = `package a:b;

interface base { type t = u32; }
interface uses { use base.{t}; }
interface other {}

world w {
  /// on the import
  import uses;
  /// labelled
  import label: other;
  /// inline docs stay on the interface
  import inline: interface {}
  /// on the export
  export other;
}
`;

describe('docs on world interface statements', () => {
  it('keeps statement docs on by-reference items only, not on implied dependencies', () => {
    const { resolve } = load(SOURCE);
    const world = resolve.worlds[0]!;
    expect(itemDocs(world.imports)).toEqual({
      'interface-0': null,
      'interface-1': 'on the import',
      label: 'labelled',
      inline: null,
    });
    expect(itemDocs(world.exports)).toEqual({ 'interface-2': 'on the export' });
    const inline = world.imports.get('inline')!.item as Extract<WorldItem, { kind: 'interface' }>;
    expect(resolve.interfaces[inline.id]!.docs.contents).toBe('inline docs stay on the interface');
  });

  it('writes them into the interface item of the JSON after its stability', () => {
    const json = JSON.parse(resolveToJson(load(SOURCE).resolve)) as {
      worlds: { imports: Record<string, unknown>; exports: Record<string, unknown> }[];
    };
    const w = json.worlds[0]!;
    expect(w.imports['interface-0']).toEqual({ interface: { id: 0 } });
    expect(w.imports['interface-1']).toEqual({ interface: { id: 1, docs: { contents: 'on the import' } } });
    expect(w.imports.label).toEqual({ interface: { id: 2, docs: { contents: 'labelled' } } });
    expect(w.exports['interface-2']).toEqual({ interface: { id: 2, docs: { contents: 'on the export' } } });
  });

  it('prints them back on the statements', () => {
    const { resolve, packages } = load(SOURCE);
    const printed = printWit(resolve, packages[0]!);
    expect(printed).toContain('  /// on the import\n  import uses;\n');
    expect(printed).toContain('  /// labelled\n  import label: other;\n');
    expect(printed).toContain('  /// inline docs stay on the interface\n  import inline: interface {\n');
    expect(printed).toContain('  /// on the export\n  export other;\n');
    expect(printWit(resolve, packages[0]!, [], { docs: false })).not.toContain('///');
  });

  it('keeps the docs of an exported dependency reached before its own export', () => {
    const { resolve } = load(
      'package a:b;\ninterface base { type t = u32; }\ninterface top { use base.{t}; }\nworld w {\n  export top;\n  /// base docs\n  export base;\n}\n',
    );
    expect(itemDocs(resolve.worlds[0]!.exports)).toEqual({ 'interface-0': 'base docs', 'interface-1': null });
  });

  it('keeps the docs of an import already implied by an earlier one', () => {
    const { resolve } = load(
      'package a:b;\ninterface base { type t = u32; }\ninterface top { use base.{t}; }\nworld w {\n  import top;\n  /// base docs\n  import base;\n}\n',
    );
    expect(itemDocs(resolve.worlds[0]!.imports)).toEqual({ 'interface-0': 'base docs', 'interface-1': null });
  });
});
