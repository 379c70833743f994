/**
 * Writes generated files the way graphql-codegen does (unchanged files are not touched; check mode
 * writes nothing and reports what is stale), and all or nothing across every output folder of a
 * run: each changed file is first written beside its target under a temporary name, and only when
 * every one of them was written are they renamed into place. On any failure the folders are left
 * exactly as they were: temporary files and the folders made for them are removed, and files
 * already renamed get their previous content back.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { systemUserError, UserError } from './errors.ts';

export interface OutputFile {
  /** Relative to the output folder, with `/` separators. */
  path: string;
  /** Text (written as UTF-8) or bytes (a component binary). */
  content: string | Uint8Array;
}

/** The files of one output folder. */
export interface OutputSet {
  dir: string;
  files: OutputFile[];
}

export interface WriteReport {
  dir: string;
  written: string[];
  unchanged: string[];
}

export interface WrittenOutputs {
  reports: WriteReport[];
  /** Puts every written file back as it was before (for a later step of the same run that failed). */
  rollback(): void;
}

function readOrUndefined(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/** Whether two contents are the same bytes (text compares as its UTF-8). */
function sameContent(a: string | Uint8Array | undefined, b: string | Uint8Array): boolean {
  if (a === undefined) return false;
  if (typeof a === 'string' && typeof b === 'string') return a === b;
  return Buffer.from(a).equals(Buffer.from(b));
}

/** The files whose content on disk differs from `files` (missing ones included). */
export function staleFiles(set: OutputSet): string[] {
  return set.files.filter((f) => !sameContent(readOrUndefined(join(set.dir, f.path)), f.content)).map((f) => f.path);
}

interface Change {
  target: string;
  temp: string;
  content: string | Uint8Array;
  previous: Buffer | undefined;
}

/** Best effort: restoring must go on past one failure to restore as much as it can. */
function quietly(step: () => void): void {
  try {
    step();
  } catch {
    // Nothing more can be done for this path; the original error is what gets reported.
  }
}

/** Writes every set or, on any failure, none; throws a `UserError` naming the path that failed. */
export function writeOutputs(sets: OutputSet[]): WrittenOutputs {
  const reports: WriteReport[] = [];
  const changes: Change[] = [];
  // Targets may share a folder (each writes its codec-runtime.ts): a file is written once, and
  // two different contents for one path are an error rather than a silent last-one-wins.
  const planned = new Map<string, string | Uint8Array>();
  for (const set of sets) {
    const report: WriteReport = { dir: set.dir, written: [], unchanged: [] };
    for (const f of set.files) {
      const target = join(set.dir, f.path);
      const already = planned.get(target);
      if (already !== undefined) {
        if (!sameContent(already, f.content)) throw new UserError(`error: two targets write different files to ${target}`);
        report.unchanged.push(f.path);
        continue;
      }
      planned.set(target, f.content);
      const previous = readOrUndefined(target);
      if (sameContent(previous, f.content)) {
        report.unchanged.push(f.path);
        continue;
      }
      changes.push({ target, temp: `${target}.witbus-${process.pid}.tmp`, content: f.content, previous });
      report.written.push(f.path);
    }
    reports.push(report);
  }

  const madeDirs: string[] = [];
  const staged: Change[] = [];
  const renamed: Change[] = [];
  const undo = (): void => {
    for (const c of staged) quietly(() => rmSync(c.temp, { force: true }));
    for (const c of renamed.reverse()) {
      quietly(() => (c.previous === undefined ? unlinkSync(c.target) : writeFileSync(c.target, c.previous)));
    }
    // `mkdirSync` reports the first folder it made; everything under it is ours.
    for (const dir of madeDirs.reverse()) quietly(() => rmSync(dir, { recursive: true, force: true }));
  };
  let doing = 'write';
  try {
    for (const c of changes) {
      doing = 'create the folder';
      const made = mkdirSync(dirname(c.target), { recursive: true });
      if (made !== undefined) madeDirs.push(made);
      doing = 'write';
      staged.push(c);
      writeFileSync(c.temp, c.content);
    }
    for (const c of changes) {
      doing = 'replace';
      renameSync(c.temp, c.target);
      staged.splice(staged.indexOf(c), 1);
      renamed.push(c);
    }
  } catch (e) {
    undo();
    throw systemUserError(e, doing) ?? e;
  }
  return { reports, rollback: undo };
}
