/**
 * The README's generated sections, between `<!-- name:start -->` and `<!-- name:end -->`
 * markers: the type-mapping table, each command's `--help` (rendered from the yargs
 * definitions), and the HTTP-path and in-engine codec figures of the committed bench results. `npm run docs` rewrites
 * them and a test keeps them current.
 */
import { readFileSync } from 'node:fs';
import { helpText } from '../cli/main.ts';
import { codecEngineTable, type CodecEngineResults } from './codec-engine-figures.ts';
import { httpFiguresTable, type HttpPathResults } from './http-figures.ts';
import { mappingTable } from './mapping-table.ts';

/** Written by `npm run bench` and committed; the docs run from the repository's sources. */
const BENCH_RESULTS = new URL('../../bench/results.json', import.meta.url);

function benchResults<T>(name: string): T {
  const results = JSON.parse(readFileSync(BENCH_RESULTS, 'utf8')) as Record<string, T | undefined>;
  const entry = results[name];
  if (entry === undefined) throw new Error(`bench/results.json has no ${name} entry: run npm run bench -- ${name}`);
  return entry;
}

/** The commands whose help the README's CLI reference shows, in its order. */
const CLI_SECTIONS = [
  'gen',
  'build',
  'compose',
  'pack',
  'serve',
  'provider',
  'wit',
  'migrate',
  'codec',
] as const;

/** `readme` with the text between one section's markers replaced by `content`. */
export function withSection(readme: string, name: string, content: string): string {
  const startMark = `<!-- ${name}:start -->`;
  const endMark = `<!-- ${name}:end -->`;
  const start = readme.indexOf(startMark);
  const end = readme.indexOf(endMark);
  if (start < 0 || end < start) throw new Error(`README has no ${startMark} ... ${endMark} section`);
  return `${readme.slice(0, start + startMark.length)}\n${content}\n${readme.slice(end)}`;
}

/** A command's help as a fenced block; trailing spaces trimmed, as yargs pads its columns. */
async function helpBlock(command: string): Promise<string> {
  const text = (await helpText(command)).replace(/[ \t]+$/gm, '');
  return `\`\`\`text\n$ witbus ${command} --help\n${text.trimEnd()}\n\`\`\``;
}

/** `readme` with every generated section current. */
export async function withGeneratedSections(readme: string): Promise<string> {
  let out = withSection(readme, 'mapping-table', mappingTable());
  for (const command of CLI_SECTIONS) out = withSection(out, `cli-${command}`, await helpBlock(command));
  out = withSection(out, 'http-figures', httpFiguresTable(benchResults<HttpPathResults>('http-path')));
  return withSection(out, 'codec-engine-figures', codecEngineTable(benchResults<CodecEngineResults>('codec-engine')));
}
