/** `npm run docs`: rewrites the README's type-mapping table from src/typemap/rows.ts. */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { withMappingTable } from '../src/docs/mapping-table.ts';

const readme = fileURLToPath(new URL('../README.md', import.meta.url));
const before = readFileSync(readme, 'utf8');
const after = withMappingTable(before);
if (after !== before) writeFileSync(readme, after);
process.stdout.write(after === before ? 'README.md is up to date\n' : 'README.md: mapping table updated\n');
