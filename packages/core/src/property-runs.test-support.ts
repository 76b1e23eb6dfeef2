/**
 * How many cases each property test draws. The defaults are sized so that the
 * whole suite stays green on a loaded 2-core machine; a deep local run sets
 * `FAULTLINE_PROPERTY_RUNS=2000` (read by vitest.config.ts and handed to the
 * tests with `provide`, so this file needs no `process`).
 */
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** 0: every property uses its own default. */
    propertyRuns: number;
  }
}

/** fast-check parameters for one property: its seed, and `normal` runs unless overridden. */
export function propertyRuns(seed: number, normal: number): { seed: number; numRuns: number } {
  const override = inject('propertyRuns');
  return { seed, numRuns: override > 0 ? override : normal };
}
