/**
 * Ends a run with one plain `N passed, N failed, N skipped` line, the summary CI systems read
 * whatever the test runner.
 */
import type { Reporter, TestModule } from 'vitest/node';
import { testSeed } from '../helpers/seed.ts';
import { hasShared, SHARED_DIR } from '../helpers/shared.ts';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') counts.passed++;
        else if (state === 'failed') counts.failed++;
        else counts.skipped++;
      }
    }
    if (!hasShared()) process.stdout.write(`\nshared test data not found at ${SHARED_DIR}: the conformance and corpus suites were skipped\n`);
    // Randomized tests draw from this seed; a failure replays with the same WITBUS_SEED.
    if (counts.failed > 0) process.stdout.write(`\nrandomized tests ran with WITBUS_SEED=${testSeed()}\n`);
    process.stdout.write(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
  }
}
