/**
 * What every formatter registry shares
 * ====================================
 *
 * Each report (lint, simulate, spof, cutsets, …) has one registry object in
 * this folder mapping a `--format` name to its formatter
 * (docs/architecture.md#registries), as dependency-cruiser maps reporter
 * names to modules: the CLI looks the name up, and the `--format` choices,
 * the help text and the tests come from the object's keys.
 */

/** A pure function from a report (and options) to the text the CLI prints. */
export type Formatter<Report, Options> = (report: Report, options?: Options) => string;

/** A registry's format names, in help order (the object's key order). */
export function formatNames<Registry extends object>(registry: Registry): (keyof Registry & string)[] {
  return Object.keys(registry) as (keyof Registry & string)[];
}
