/** The README's type-mapping table, rendered from the typemap's rows so the two cannot drift. */
import { MAPPING_ROWS } from '../typemap/index.ts';

export const TABLE_START = '<!-- mapping-table:start -->';
export const TABLE_END = '<!-- mapping-table:end -->';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function mappingTable(): string {
  const lines = [
    '| WIT | TypeScript (jco) | Rust (wit-bindgen) | JSON (serde_json) | notes and options |',
    '|---|---|---|---|---|',
    ...MAPPING_ROWS.map((r) => `| ${[`\`${r.wit}\``, r.ts, r.rust, r.json, r.notes].map(cell).join(' | ')} |`),
  ];
  return lines.join('\n');
}

/** `readme` with the text between the table markers replaced by the current table. */
export function withMappingTable(readme: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`README has no ${TABLE_START} ... ${TABLE_END} section`);
  return `${readme.slice(0, start + TABLE_START.length)}\n${mappingTable()}\n${readme.slice(end)}`;
}
