/** The compose stage: components in, one component out (see compose.ts). */
export { compose } from './compose.ts';
export type { Composite, ComposeInput } from './compose.ts';
export { ComposeError } from './errors.ts';
