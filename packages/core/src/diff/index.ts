export { diffModels, diffExitCode, type ArchitectureDiff, type DiffOptions, type DiffSide, type DiffSummary } from './diff.js';
export { diffComponents, fieldChanges, type Change, type ComponentChange, type FieldChange } from './components.js';
export { diffDependencies, dependencyText, type DependencyChange, type DependencyKind } from './dependencies.js';
export { diffFindings, type FindingsDiff } from './findings.js';
export { diffCritical, spofFilter, SpofAnalysis, type SpofFilter, type Blast, type CriticalState, type CriticalChange, type SpofChange } from './spofs.js';
