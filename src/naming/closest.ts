/**
 * "Did you mean": the CLI for mistyped options (yargs suggests commands, `recommendCommands`, not
 * options, and keeps its edit distance private), and WIT lookups for near package names.
 */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}

/** The candidate nearest to `word` (leading dashes ignored), if it is near enough to be a typo. */
export function closest(word: string, candidates: string[]): string | undefined {
  const bare = word.replace(/^-+/, '');
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(bare.length / 3)) + 1;
  for (const c of [...candidates].sort()) {
    const d = distance(bare, c);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best;
}
