import { describe } from 'vitest';
import { hasShared, SHARED_DIR } from './shared.ts';

/** `describe`, or a skipped suite naming the missing folder when the shared data is absent. */
export function describeShared(title: string, body: () => void): void {
  if (hasShared()) describe(title, body);
  else describe.skip(`${title} (no shared test data at ${SHARED_DIR})`, () => {});
}
