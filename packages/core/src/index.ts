export type {
  Component,
  ComponentId,
  ComponentRef,
  Dependency,
  Edge,
  EdgeAttributes,
  Group,
  Model,
  Mode,
  Phase,
  Placement,
  Plane,
  Rollout,
  Scope,
  SourceRange,
  Status,
  Via,
} from './model.js';
export { append, maxOf, minOf } from './arrays.js';
export { replicaCount } from './model.js';
export type { Diagnostic, DiagnosticCode } from './diagnostics.js';
export { formatDiagnostic, formatPosition, sortDiagnostics, visible } from './diagnostics.js';
export { loadManifests, checkId, type LoadResult, type LoadOptions, type ManifestSource } from './load/loader.js';
export type { LocationTarget } from './backstage/locations.js';
export { manifestJsonSchema, ManifestSchema, ComponentSchema, DOMAIN_KINDS, ID_PATTERN } from './schema.js';
export { closest, didYouMean } from './suggest.js';
export { resolveRef, canonicalRefs, type RefResolution } from './refs.js';
export { listIds, oneDecimal, plural, possessive } from './words.js';
export { compile, rememberCompiled, type CompiledGraph } from './engine/compile.js';
export { encodeSnapshot, decodeSnapshot, SNAPSHOT_FORMAT, type Snapshot } from './snapshot/codec.js';
export { simulate, type Simulation, type NodeOutcome, type PartialLoss, type Summary } from './engine/simulate.js';
export { resolveFaults, parseSelector, domainsUnder, FaultError, type FaultSpec, type FaultEffect, type ResolvedFault } from './engine/faults.js';
export type { Cause, ChainStep, Link, WorseStatus } from './engine/explain.js';
export {
  formatSimulationText,
  formatSimulationJson,
  simulationJson,
  headline,
  SIMULATION_FORMATTERS,
  SIMULATION_FORMAT_NAMES,
  type SimulationFormatOptions,
  type SimulationFormatName,
  type SimulationReport,
} from './format/simulation.js';
export { formatNames, type Formatter } from './format/registry.js';
export { chainText, causeText, linkWords, causeWords, chainLine } from './format/causes.js';
export { plain, type Paint, type Style } from './format/paint.js';
export * from './scenarios/index.js';
export { formatScenariosText, formatScenariosJunit, scenariosJson, xml, type ScenarioFileResult } from './format/scenarios.js';
export { toJson, fromJson, ModelJsonError, MODEL_JSON_FORMAT, type ModelJson, type ComponentJson } from './serialize.js';
export {
  VIEW_FORMAT,
  OVERVIEW_GROUPINGS,
  MODEL_ELEMENT_ID,
  MODEL_PLACEHOLDER,
  findingJson,
  viewPayload,
  scriptSafeJson,
  fillTemplate,
  type FindingJson,
  type ViewPayload,
} from './viewer-page.js';
export { toGraph, neighbourhood, type FaultlineGraph, type GraphNode, type GraphEdge, type EdgeKind, type NeighbourhoodOptions } from './graph.js';
export { layered, type LayeredLayout, type LayeredOptions, type LayoutNode, type LayoutEdge, type NodePosition, type LaneBand } from './layout/layered.js';
export { lanesOf, PLACE_KINDS, UNPLACED_LANE, type Lane, type Lanes } from './layout/lanes.js';
export { layoutModel, type ModelLayout, type ModelLayoutOptions } from './layout/model-layout.js';
export { cycles, type Cycle } from './analyses/cycles.js';
export type { CycleLink, LinkVia } from './analyses/component-links.js';
export { recoveryOrder, type Recovery, type Deadlock, type Blocked } from './analyses/recovery.js';
export { rankFailures, spofs, type Ranking, type RankOptions } from './analyses/rank.js';
export type { Failure, Victims } from './analyses/failure.js';
export { failuresBySimulation, type DefeatedGates, type FailureDetail, type GateSample } from './analyses/rank-oracle.js';
export { decodeRanking, encodeRanking, rankingParts, restoreRanking, type RankingParts } from './results/ranking.js';
export { redundancyGates, type RedundancyGate } from './analyses/redundancy.js';
export type { KillLayer } from './analyses/killers.js';
export type { AnalysisInput } from './analyses/graph-input.js';
export type { Suppression } from './model.js';
export { lint, unplacedNote, unplacedComponents, SPOF_FAMILY, type LintResult, type LintOptions } from './lint/lint.js';
export { parseLintConfig, DEFAULT_CONFIG, type LintConfig, type RuleSetting, type ConfigResult } from './lint/config.js';
export { lintReport, lintSummary, lintExitCode, type LintReport, type LintSummary, type BaselineStatus } from './lint/report.js';
export { baselineJson, parseBaseline, applyBaseline, BASELINE_VERSION, type Baseline, type BaselineEntry } from './lint/baseline.js';
export { fingerprint, findingKey, type Finding, type RuleFinding, type Severity, type FindingSeverity, type SuppressedBy, type RelatedPlace } from './lint/finding.js';
export { RULES, RULE_IDS, RULE_MAP, reproduceFinding, type RuleId } from './lint/registry.js';
export { optionDocs, type Rule, type OptionDoc, type FindingPlaces, type Reproduction } from './lint/rule.js';
export type { UnusedSuppression } from './lint/suppress.js';
export { LINT_FORMATTERS, LINT_FORMAT_NAMES, lintReportChunks, type LintFormatter, type LintFormatName } from './format/lint-formatters.js';
export { DEFAULT_DOCS_BASE, type LintFormatOptions } from './format/lint-options.js';
export { lintJson } from './format/lint-json.js';
export { lintSarif, SARIF_MAX_RESULTS } from './format/lint-sarif.js';
export {
  ruleInfos,
  formatRulesText,
  formatRulesMarkdown,
  formatRulesJson,
  RULES_FORMATTERS,
  RULES_FORMAT_NAMES,
  type RuleInfo,
  type RulesFormatName,
} from './format/lint-rules.js';
export { STARTER_MANIFEST, STARTER_SCHEMA_FILE, starterConfig } from './lint/starter.js';
export {
  formatSpofText,
  formatSpofMarkdown,
  formatSpofJson,
  spofJson,
  SPOF_JSON_LISTED,
  spofHeadline,
  SPOF_FORMATTERS,
  SPOF_FORMAT_NAMES,
  type SpofFormatOptions,
  type SpofFormatName,
} from './format/spof.js';
export {
  formatRecoveryText,
  formatRecoveryMarkdown,
  formatRecoveryJson,
  recoveryJson,
  recoveryHeadline,
  RECOVERY_FORMATTERS,
  RECOVERY_FORMAT_NAMES,
  type RecoveryFormatOptions,
  type RecoveryFormatName,
} from './format/recovery.js';
export { importBackstage, type BackstageImport } from './backstage/import.js';
export { importCompose, type ComposeImport } from './compose/import.js';
export { COMPOSE_KINDS, kindForService } from './compose/kinds.js';
export { importKubernetes, type KubernetesImport } from './kubernetes/import.js';
export type { TerraformOptions } from './terraform/reader.js';
export { importTerraform, type TerraformImport } from './terraform/import.js';
export { AWS_RESOURCES, ruleFor, type ResourceRule, type TerraformMapping } from './terraform/mapping.js';
export { isTerraformPlanText, looksLikeTerraformJson } from './terraform/sniff.js';
export { manifestText, type ManifestTextOptions } from './backstage/manifest-text.js';
export { TYPE_TO_KIND, NOT_RUNTIME_TYPES, kindForType } from './backstage/kinds.js';
export { ANNOTATION_FIELDS } from './backstage/annotations.js';
export { readObserved, type ObservedSource, type ObservedResult } from './observed/read.js';
export { starterManifest } from './observed/starter.js';
export { FORMAT_NAMES as OBSERVED_FORMAT_NAMES, serviceNames, type ObservedGraph, type ObservedCall, type ObservedFormat } from './observed/types.js';
export { drift, type DriftOptions, type DriftResult, type DriftStats } from './drift/drift.js';
export { DRIFT_RULES, DRIFT_RULE_IDS, type DriftRule, type DriftRuleId } from './drift/rules.js';
export { formatDrift, driftReport, driftHeadline, driftJson, driftSarif, DRIFT_FORMATTERS, DRIFT_FORMAT_NAMES, type DriftFormatName, type DriftInput } from './format/drift.js';
export { SCENARIO_FORMATTERS, SCENARIO_FORMAT_NAMES, type ScenarioFormatter, type ScenarioFormatName } from './format/scenarios-formatters.js';
export { formatScenariosSarif, scenariosSarif } from './format/scenarios-sarif.js';
export { formatScenariosGithub } from './format/scenarios-github.js';
export { formatScenariosMarkdown } from './format/scenarios-markdown.js';
export { scenarioFindings, scenarioReport, SCENARIO_RULE } from './format/scenarios-findings.js';
export * from './diff/index.js';
export { DIFF_FORMATTERS, DIFF_FORMAT_NAMES, type DiffFormatter, type DiffFormatName } from './format/diff-formatters.js';
export { diffJson, formatDiffJson } from './format/diff-json.js';
export { formatDiffMarkdown } from './format/diff-markdown.js';
export { formatDiffText } from './format/diff-text.js';
export type { DiffFormatOptions } from './format/diff-options.js';
export { cutSets, CUTSETS_BUDGET, type CutSets, type CutSet, type CutSetOptions } from './analyses/cutsets.js';
export {
  formatCutSetsText,
  formatCutSetsMarkdown,
  formatCutSetsJson,
  cutSetsJson,
  cutSetsHeadline,
  CUTSETS_FORMATTERS,
  CUTSETS_FORMAT_NAMES,
  type CutSetsFormatOptions,
  type CutSetsFormatName,
} from './format/cutsets.js';
export {
  availability,
  AVAILABILITY_METHODS,
  MAX_TRIALS,
  MINUTES_PER_YEAR,
  type AnsweredBy,
  type Availability,
  type AvailabilityMethod,
  type AvailabilityOptions,
  type ComponentAvailability,
  type Contributor,
  type Importance,
} from './analyses/availability.js';
export type { CutSetSummary } from './analyses/availability-exact.js';
export type { UnionBounds } from './analyses/availability-bounds.js';
export { DEFAULT_COMPONENT_AVAILABILITY, DEFAULT_DOMAIN_AVAILABILITY } from './analyses/availability-events.js';
export {
  formatAvailabilityText,
  formatAvailabilityMarkdown,
  formatAvailabilityJson,
  availabilityJson,
  availabilityHeadline,
  availabilityLargestShare,
  AVAILABILITY_FORMATTERS,
  AVAILABILITY_FORMAT_NAMES,
  type AvailabilityFormatOptions,
  type AvailabilityFormatName,
} from './format/availability.js';
