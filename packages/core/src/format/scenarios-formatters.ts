/**
 * The scenario formatter registry
 * ===============================
 *
 * `faultline test --format` choices, its help and its tests come from this
 * one object (docs/architecture.md#registries): every lint format plus JUnit XML.
 */
import type { LintFormatOptions } from './lint-options.js';
import { formatScenariosJunit, formatScenariosText, scenariosJson, type ScenarioFileResult } from './scenarios.js';
import { formatScenariosGithub } from './scenarios-github.js';
import { formatScenariosMarkdown } from './scenarios-markdown.js';
import { formatScenariosSarif } from './scenarios-sarif.js';
import { formatNames, type Formatter } from './registry.js';

export type ScenarioFormatter = Formatter<readonly ScenarioFileResult[], LintFormatOptions>;

export const SCENARIO_FORMATTERS = {
  text: (files, options) => formatScenariosText(files, options?.paint),
  json: (files) => `${JSON.stringify(scenariosJson(files), null, 2)}\n`,
  sarif: formatScenariosSarif,
  markdown: formatScenariosMarkdown,
  github: formatScenariosGithub,
  junit: (files) => formatScenariosJunit(files),
} satisfies Record<string, ScenarioFormatter>;

/** A `--format` value of `faultline test`. */
export type ScenarioFormatName = keyof typeof SCENARIO_FORMATTERS;

/** The format names, in help order. */
export const SCENARIO_FORMAT_NAMES = formatNames(SCENARIO_FORMATTERS);
