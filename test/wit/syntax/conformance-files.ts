/** Locates the shared WIT conformance material for the syntax tests. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { SHARED_DIR } from '../../helpers/shared.ts';

export const SHARED = SHARED_DIR;
export const UI_DIR = join(SHARED, 'conformance/wit-parser-ui');
export const PARSE_FAIL_DIR = join(UI_DIR, 'parse-fail');

/** Every `.wit` file under `dir`, recursively, in sorted order. */
export function witFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...witFilesUnder(path));
    else if (entry.endsWith('.wit')) out.push(path);
  }
  return out;
}

export interface ParseFailCase {
  name: string;
  /** The case's files as wit-parser reads them: a package dir's own files sorted, then deps. */
  files: { path: string; displayPath: string; text: string }[];
  expected: string;
}

export function parseFailCases(): ParseFailCase[] {
  const cases: ParseFailCase[] = [];
  for (const entry of readdirSync(PARSE_FAIL_DIR).sort()) {
    if (!entry.endsWith('.wit.result')) continue;
    const name = entry.slice(0, -'.wit.result'.length);
    const single = join(PARSE_FAIL_DIR, `${name}.wit`);
    const dir = join(PARSE_FAIL_DIR, name);
    const paths = existsSync(single) ? [single] : witFilesUnder(dir);
    cases.push({
      name,
      files: paths.map((path) => ({
        path,
        displayPath: `tests/ui/${relative(UI_DIR, path)}`,
        text: readFileSync(path, 'utf8'),
      })),
      expected: readFileSync(join(PARSE_FAIL_DIR, entry), 'utf8'),
    });
  }
  return cases;
}
