/**
 * What each command keeps in the cache of results, and its key
 * ============================================================
 *
 * The payloads of result-cache.ts entries, one codec per command, and the
 * text (`what`) that names each question: the command and every option that
 * changes its answer, canonical (Maps as their entries, rules sorted), so
 * the same question always has the same key and a different one never does.
 * Options that only change how an answer is printed (`--top`, `--format`
 * where the analysis is the same, colour, `--output`) are not in it.
 */
import {
  decodeRanking,
  encodeRanking,
  restoreRanking,
  rankingParts,
  type Availability,
  type AvailabilityOptions,
  type CompiledGraph,
  type LintConfig,
  type LintResult,
  type Ranking,
  type RankOptions,
} from '@faultline/core';
import { createHash } from 'node:crypto';
import { serialize } from 'node:v8';
import { serialized, type ResultCodec } from './result-cache.js';

/** The SHA-256 of a value's structured serialisation: exact for every value an option can hold (Maps, Infinity, −0, undefined). */
function digestOf(value: unknown): string {
  return createHash('sha256').update(serialize(value)).digest('hex');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `spof`: the ranking's failures and the node of each, restored over the graph of the same load. */
export function spofQuestion(options: RankOptions): string {
  return `spof ${digestOf([options.listed, options.placements, options.wordsPerRow])}`;
}

export function rankingCodec(graph: CompiledGraph, options: RankOptions): ResultCodec<Ranking> {
  return {
    encode: (ranking) => encodeRanking(rankingParts(ranking), graph),
    decode(bytes) {
      const parts = decodeRanking(bytes, graph);
      return parts && restoreRanking(graph, parts, options);
    },
  };
}

/** `availability`: every option `availability()` reads but the progress callback. */
export function availabilityQuestion(options: AvailabilityOptions): string {
  const { method, trials, seed, importance, contributors, components, wordsPerPass, maxOrder, budget, enumerationLimit } = options;
  return `availability ${digestOf([method, trials, seed, importance, contributors, components, wordsPerPass, maxOrder, budget, enumerationLimit])}`;
}

export const AVAILABILITY_CODEC: ResultCodec<Availability> = serialized(
  (value): value is Availability =>
    isObject(value) && typeof value['method'] === 'string' && Array.isArray(value['components']) && typeof value['trials'] === 'number' && isObject(value['defaults']),
);

/**
 * `lint`: the config's rules as resolved (severity and options, sorted by
 * rule) and `spofWithoutPlacements`. The baseline is applied after the
 * cached result, and the config's `backstage.types` and `terraform` rows are
 * already in the load's key.
 */
export function lintQuestion(config: LintConfig | undefined): string {
  const rules = config ? [...config.rules].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : [];
  return `lint ${digestOf([rules, config?.spofWithoutPlacements])}`;
}

export const LINT_CODEC: ResultCodec<LintResult> = serialized(
  (value): value is LintResult =>
    isObject(value) &&
    typeof value['model'] === 'string' &&
    Array.isArray(value['files']) &&
    Array.isArray(value['findings']) &&
    value['rules'] instanceof Map &&
    Array.isArray(value['diagnostics']) &&
    Array.isArray(value['unusedSuppressions']),
);
