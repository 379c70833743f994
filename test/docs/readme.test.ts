import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mappingTable } from '../../src/docs/mapping-table.ts';
import { withGeneratedSections } from '../../src/docs/readme-sections.ts';
import { MAPPING_ROWS } from '../../src/typemap/index.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('has the current type-mapping table and CLI reference (run `npm run docs`)', async () => {
    expect(await withGeneratedSections(readme)).toBe(readme);
  });

  it('renders one table row per mapping row', () => {
    const rows = mappingTable().split('\n').slice(2);
    expect(rows).toHaveLength(MAPPING_ROWS.length);
    expect(rows[0]).toMatch(/^\| `bool` \| boolean \|/);
  });

  it('names the two commands', () => {
    expect(readme).toContain('npm run demo');
    expect(readme).toContain('npm test');
  });
});
