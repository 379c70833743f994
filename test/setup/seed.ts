/**
 * vitest setupFile: every property test draws from one seed, fixed by default so CI is
 * deterministic, overridable with `WITBUS_SEED=<int>` to explore. fast-check prints the seed and
 * path of a failing run in its error, so `WITBUS_SEED=<seed>` replays it.
 */
import fc from 'fast-check';
import { testSeed } from '../helpers/seed.ts';

fc.configureGlobal({ seed: testSeed() });
