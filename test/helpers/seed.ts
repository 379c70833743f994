/** The seed of this test run's randomized tests: `WITBUS_SEED`, or a fixed default. */
export const DEFAULT_SEED = 20261130;

export function testSeed(): number {
  const raw = process.env.WITBUS_SEED;
  if (raw === undefined || raw === '') return DEFAULT_SEED;
  const seed = Number(raw);
  if (!Number.isSafeInteger(seed)) throw new Error(`WITBUS_SEED must be an integer, not ${JSON.stringify(raw)}`);
  return seed;
}
