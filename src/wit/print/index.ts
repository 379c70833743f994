/** Canonical WIT printing of a resolved model (wit-component's `WitPrinter`). */
export { printWit, WitPrintError } from './print-wit.ts';
export type { PrintOptions } from './print-wit.ts';
