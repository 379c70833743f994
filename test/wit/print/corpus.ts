/**
 * The package roots of the shared real-world WIT corpus: every folder under corpus/real that holds
 * a `wit/` folder or `.wit` files directly, else each of its sub-folders that does.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sharedPath } from '../../helpers/shared.ts';

export const CORPUS_DIR = sharedPath('corpus/real');

function holdsWit(dir: string): boolean {
  return readdirSync(dir).some((f) => f.endsWith('.wit'));
}

export function corpusRoots(base = CORPUS_DIR): string[] {
  const roots: string[] = [];
  for (const name of readdirSync(base).sort()) {
    const dir = join(base, name);
    if (!statSync(dir).isDirectory()) continue;
    if (existsSync(join(dir, 'wit'))) roots.push(join(dir, 'wit'));
    else if (holdsWit(dir)) roots.push(dir);
    else {
      for (const sub of readdirSync(dir).sort()) {
        const subdir = join(dir, sub);
        if (statSync(subdir).isDirectory() && holdsWit(subdir)) roots.push(subdir);
      }
    }
  }
  return roots;
}
