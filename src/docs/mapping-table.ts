/** The README's type-mapping table, rendered from the typemap's rows so the two cannot drift. */
import { MAPPING_ROWS } from '../typemap/index.ts';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function mappingTable(): string {
  const lines = [
    '| WIT | TypeScript (jco) | Rust (wit-bindgen) | JSON (serde_json) | notes and options |',
    '|---|---|---|---|---|',
    ...MAPPING_ROWS.map((r) => `| ${[`\`${r.wit}\``, r.ts, r.rust, r.json, r.notes].map(cell).join(' | ')} |`),
  ];
  return lines.join('\n');
}
