/**
 * Errors wit-parser reports without a source location (e.g. no `package` header anywhere, or a
 * conflict found only after merging). They are `WitError`s so callers catch one type; the span is
 * a placeholder that `renderResolveError` never shows.
 */
import { WitError, renderWitError, type SourceMap } from '../diagnostic.ts';

export class UnlocatedWitError extends WitError {
  constructor(message: string) {
    super({ file: 0, start: 0, end: 0 }, message);
    this.name = 'UnlocatedWitError';
  }

  override withContext(context: string): WitError {
    return new UnlocatedWitError(`${context}: ${this.message}`);
  }
}

/** `renderWitError`, except that an unlocated error is its message alone, as wit-parser prints it. */
export function renderResolveError(err: WitError, sources: SourceMap): string {
  return err instanceof UnlocatedWitError ? err.message : renderWitError(err, sources);
}
