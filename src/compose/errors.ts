/** Why a set of components cannot be composed; the service layer shows it as a user error. */
export class ComposeError extends Error {
  override name = 'ComposeError';
}
