/**
 * Writes generated files the way graphql-codegen does: unchanged files are not touched, and
 * check mode writes nothing and reports what is stale. Every file is written to a temporary
 * name and renamed into place, so a failure never leaves a half-written file.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface OutputFile {
  /** Relative to the output directory, with `/` separators. */
  path: string;
  content: string;
}

export interface WriteReport {
  written: string[];
  unchanged: string[];
}

function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** The files whose content on disk differs from `files` (missing ones included). */
export function staleFiles(outDir: string, files: OutputFile[]): string[] {
  return files.filter((f) => readOrUndefined(join(outDir, f.path)) !== f.content).map((f) => f.path);
}

export function writeFiles(outDir: string, files: OutputFile[]): WriteReport {
  const report: WriteReport = { written: [], unchanged: [] };
  for (const f of files) {
    const target = join(outDir, f.path);
    if (readOrUndefined(target) === f.content) {
      report.unchanged.push(f.path);
      continue;
    }
    mkdirSync(dirname(target), { recursive: true });
    const temp = `${target}.${process.pid}.tmp`;
    writeFileSync(temp, f.content);
    renameSync(temp, target);
    report.written.push(f.path);
  }
  return report;
}
