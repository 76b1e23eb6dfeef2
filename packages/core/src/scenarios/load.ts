/**
 * Loading scenario files
 * ======================
 *
 * Like manifests: YAML with positions, validated by the zod schema, every
 * problem a one-line diagnostic at file:line:col. Each fault and each id of a
 * hypothesis keeps its position, so a violated promise is reported on the
 * line that made it.
 */
import { isMap, isSeq, LineCounter, parseAllDocuments, type Node } from 'yaml';
import { fileStart, sortDiagnostics, type Diagnostic } from '../diagnostics.js';
import type { FaultEffect } from '../engine/faults.js';
import type { SourceRange } from '../model.js';
import { issueDiagnostics, type FieldsAt } from '../load/zod-issues.js';
import { duplicateKeys, nodeAt, pairOf, SourceFile, withoutBom } from '../load/yaml-source.js';
import { unknownTags, yamlErrors } from '../load/yaml-problems.js';
import { HypothesisSchema, RungSchema, ScenarioFileSchema, ScenarioSchema, type ScenarioFaultInput } from './schema.js';
import { append } from '../arrays.js';

export interface ScenarioFault {
  /** An id, a placement or a selector, failed whole. */
  readonly target?: string;
  /** A selector whose matches each lose `count` / `percent` of their placements. */
  readonly select?: string;
  readonly effect: FaultEffect;
  readonly count?: number;
  readonly percent?: number;
  readonly at: SourceRange;
}

export interface Rung {
  readonly name: string;
  readonly faults: readonly ScenarioFault[];
  readonly at: SourceRange;
}

export interface Expectation {
  readonly id: string;
  readonly at: SourceRange;
}

export interface Hypothesis {
  readonly up: readonly Expectation[];
  readonly atMostDegraded: readonly Expectation[];
  readonly down: readonly Expectation[];
  readonly maxDown?: { readonly value: number; readonly at: SourceRange };
  readonly maxImpact?: { readonly value: number; readonly at: SourceRange };
  readonly at: SourceRange;
}

export interface Scenario {
  readonly name: string;
  readonly description?: string;
  /** One rung for a plain experiment; several, tried in order, for a ladder. */
  readonly rungs: readonly Rung[];
  readonly ladder: boolean;
  readonly expect: Hypothesis;
  readonly at: SourceRange;
}

export interface ScenarioFile {
  readonly path: string;
  /** Manifest paths as written, relative to the scenario file. */
  readonly manifests: readonly string[];
  readonly scenarios: readonly Scenario[];
}

export interface ScenarioLoadResult {
  readonly files: readonly ScenarioFile[];
  readonly diagnostics: readonly Diagnostic[];
}

const FIELDS = {
  file: Object.keys(ScenarioFileSchema.shape),
  scenario: Object.keys(ScenarioSchema.shape),
  rung: Object.keys(RungSchema.shape),
  expect: Object.keys(HypothesisSchema.shape),
  fault: ['target', 'select', 'effect', 'count', 'percent'],
};

const fieldsAt: FieldsAt = (path) => {
  const last = [...path].reverse().find((p) => typeof p === 'string');
  if (path.length === 0) return FIELDS.file;
  if (last === 'expect') return FIELDS.expect;
  if (last === 'faults') return FIELDS.fault;
  if (last === 'ladder') return FIELDS.rung;
  return FIELDS.scenario;
};

/**
 * What a file given as a scenario file is when it is an architecture input
 * instead (a faultline manifest, a Backstage entity, a Kubernetes object, a
 * docker compose file), so `faultline test` can say so; undefined otherwise.
 */
function manifestKind(js: unknown): string | undefined {
  if (js === null || typeof js !== 'object' || Array.isArray(js)) return undefined;
  const has = (key: string): boolean => Object.hasOwn(js, key);
  if (has('scenarios')) return undefined;
  const apiVersion = (js as { apiVersion?: unknown }).apiVersion;
  if (has('components')) return 'a faultline manifest';
  if (typeof apiVersion === 'string' && apiVersion.startsWith('backstage.io/')) return 'a Backstage catalog entity';
  if (typeof apiVersion === 'string' && has('kind')) return 'a Kubernetes object';
  if (has('services')) return 'a docker compose file';
  return undefined;
}

/** Loads scenario files; `files` is empty when there are diagnostics. */
export function loadScenarios(sources: readonly { path: string; text: string }[]): ScenarioLoadResult {
  const diagnostics: Diagnostic[] = [];
  const files: ScenarioFile[] = [];
  for (const source of sources) {
    const lines = new LineCounter();
    const text = withoutBom(source.text);
    const file = new SourceFile(source.path, lines, text);
    const docs = parseAllDocuments(text, { lineCounter: lines, uniqueKeys: false, prettyErrors: false });
    const doc = Array.isArray(docs) ? docs[0] : undefined;
    if (!doc || doc.contents === null) {
      diagnostics.push({
        code: 'not-a-manifest',
        message: 'the scenario file is empty',
        hint: 'start with "apiVersion: faultline/v1" and "scenarios:"',
        at: fileStart(source.path),
      });
      continue;
    }
    if (doc.errors.length > 0) {
      append(diagnostics, yamlErrors(doc.errors, file));
      continue;
    }
    const tags = unknownTags(doc.warnings, file, 'error');
    if (tags.length > 0) {
      append(diagnostics, tags);
      continue;
    }
    let js: unknown;
    try {
      js = doc.toJS({ maxAliasCount: 100 });
    } catch (error) {
      diagnostics.push({ code: 'yaml-alias', message: `too many aliases: ${(error as Error).message}`, at: file.range(doc.contents) });
      continue;
    }
    const root = doc.contents as Node;
    const manifest = manifestKind(js);
    if (manifest !== undefined) {
      diagnostics.push({
        code: 'not-a-manifest',
        message: `this is ${manifest}, not a scenario file`,
        hint: 'give the scenario file first and the manifests with --manifest, e.g. faultline test resilience.yaml --manifest architecture/',
        at: fileStart(source.path),
      });
      continue;
    }
    const repeated = duplicateKeys(root, file);
    if (repeated.length > 0) {
      append(diagnostics, repeated);
      continue;
    }
    const parsed = ScenarioFileSchema.safeParse(js, { reportInput: true });
    if (!parsed.success) {
      append(diagnostics, issueDiagnostics(parsed.error.issues, root, file, [], fieldsAt));
      continue;
    }
    const before = diagnostics.length;
    const scenarios = parsed.data.scenarios.map((s, i) => toScenario(s, nodeAt(root, ['scenarios', i]), file, diagnostics));
    if (diagnostics.length === before) files.push({ path: source.path, manifests: parsed.data.manifests ?? [], scenarios });
  }
  return diagnostics.length > 0
    ? {
        files: [],
        diagnostics: sortDiagnostics(
          diagnostics,
          sources.map((s) => s.path),
        ),
      }
    : { files, diagnostics: [] };
}

function toScenario(s: (typeof ScenarioFileSchema)['_output']['scenarios'][number], node: Node, file: SourceFile, out: Diagnostic[]): Scenario {
  const at = file.range((pairOf(node, 'name')?.value as Node | undefined) ?? node);
  if ((s.faults === undefined) === (s.ladder === undefined)) {
    out.push({ code: 'schema', message: `scenario "${s.name}" needs either faults or a ladder`, hint: s.faults ? 'remove one of them' : 'add "faults: [id]"', at });
  }
  const rungs: Rung[] = s.ladder
    ? s.ladder.map((r, i) => {
        const rungNode = nodeAt(node, ['ladder', i]);
        return { name: r.name, faults: faults(r.faults, nodeAt(rungNode, ['faults']), file, out), at: file.range(rungNode) };
      })
    : [{ name: s.name, faults: faults(s.faults ?? [], nodeAt(node, ['faults']), file, out), at }];
  const e = s.expect;
  const expectNode = nodeAt(node, ['expect']);
  if (!e.up?.length && !e.atMostDegraded?.length && !e.down?.length && e.maxDown === undefined && e.maxImpact === undefined) {
    out.push({
      code: 'schema',
      message: `scenario "${s.name}" expects nothing, so it would always pass`,
      hint: 'say what must hold: up, atMostDegraded, down, maxDown or maxImpact',
      at: file.range(expectNode),
    });
  }
  const ids = (key: 'up' | 'atMostDegraded' | 'down'): Expectation[] => (e[key] ?? []).map((id, i) => ({ id, at: file.range(nodeAt(expectNode, [key, i])) }));
  const bound = (key: 'maxDown' | 'maxImpact') => {
    const value = e[key];
    return value === undefined ? {} : { [key]: { value, at: file.range(nodeAt(expectNode, [key])) } };
  };
  return {
    name: s.name,
    ...(s.description !== undefined ? { description: s.description } : {}),
    rungs,
    ladder: s.ladder !== undefined,
    expect: { up: ids('up'), atMostDegraded: ids('atMostDegraded'), down: ids('down'), ...bound('maxDown'), ...bound('maxImpact'), at: file.range(expectNode) },
    at,
  };
}

function faults(list: readonly ScenarioFaultInput[], seq: Node, file: SourceFile, out: Diagnostic[]): ScenarioFault[] {
  return list.map((f, i) => {
    const node = isSeq(seq) ? ((seq.items[i] as Node | undefined) ?? seq) : seq;
    const at = file.range(node);
    if (typeof f === 'string') return { target: f, effect: 'down', at };
    const fault: ScenarioFault = {
      ...(f.target !== undefined ? { target: f.target } : {}),
      ...(f.select !== undefined ? { select: f.select } : {}),
      effect: f.effect ?? 'down',
      ...(f.count !== undefined ? { count: f.count } : {}),
      ...(f.percent !== undefined ? { percent: f.percent } : {}),
      at,
    };
    if ((f.target === undefined) === (f.select === undefined)) {
      out.push({
        code: 'schema',
        message: 'a fault has either target or select',
        hint: 'target fails something whole; select with count or percent fails part of its placements',
        at,
      });
    } else if (f.select !== undefined && (f.count === undefined) === (f.percent === undefined)) {
      out.push({
        code: 'schema',
        message: `select "${f.select}" needs count or percent (one of them)`,
        hint: 'e.g. { select: "id=web", count: 1 }, or use target to fail every match',
        at,
      });
    } else if (f.target !== undefined && (f.count !== undefined || f.percent !== undefined)) {
      out.push({ code: 'schema', message: 'count and percent go with select, not target', hint: 'use select: "<selector>" with count or percent', at });
    }
    if (isMap(node) && f.effect === 'slow' && f.select !== undefined) {
      out.push({ code: 'schema', message: 'a slow fault applies to whole components', hint: 'use target with effect: slow', at });
    }
    return fault;
  });
}
