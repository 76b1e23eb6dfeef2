/**
 * Analysis input
 * ==============
 *
 * Every analysis accepts a `Model` or an already compiled graph, so a caller
 * that runs several analyses (the CLI, the viewer, the lint rules) compiles
 * once and shares the typed-array index.
 */
import { compile, type CompiledGraph } from '../engine/compile.js';
import type { Model } from '../model.js';

/** What an analysis reads: the model, or its compiled graph. */
export type AnalysisInput = Model | CompiledGraph;

/** The compiled graph of an input, compiling a model when needed. */
export function graphOf(input: AnalysisInput): CompiledGraph {
  return 'size' in input ? input : compile(input);
}
