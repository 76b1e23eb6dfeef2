/**
 * `faultline.config.yaml`: severities, options, baseline
 * ======================================================
 *
 * ```yaml
 * rules:
 *   retry-amplification: { severity: error, threshold: 20 }
 *   single-region-critical: warn
 *   unguarded-cross-region: off
 * baseline: faultline-baseline.json
 * ```
 *
 * Validated like a manifest: every problem is a `Diagnostic` at its line and
 * column, with "did you mean" for misspelt rules and options. Keys from the
 * file are checked against the known names before they are used anywhere,
 * and rule settings are kept in `Map`s (a rule named `__proto__` is an
 * unknown rule, nothing more). Pure: the CLI finds and reads the file.
 */
import { isMap, isScalar, LineCounter, parseDocument, type Node } from 'yaml';
import type * as z from 'zod';
import type { Diagnostic } from '../diagnostics.js';
import { didYouMean } from '../suggest.js';
import { SourceFile, withoutBom } from '../load/yaml-source.js';
import { unknownTags, yamlErrors } from '../load/yaml-problems.js';
import { issueDiagnostics } from '../load/zod-issues.js';
import type { Severity } from './finding.js';
import { RULE_MAP } from './registry.js';
import { append } from '../arrays.js';
import { readTerraformMapping } from '../terraform/config.js';
import type { TerraformMapping } from '../terraform/mapping.js';
import { normaliseType } from '../backstage/kinds.js';

/** One rule's settings from the config. */
export interface RuleSetting {
  /** Absent: the rule's default severity. */
  readonly severity?: Severity;
  /** Validated and complete (defaults filled in) for the rule. */
  readonly options?: Readonly<Record<string, unknown>>;
}

export interface LintConfig {
  readonly rules: ReadonlyMap<string, RuleSetting>;
  /** The baseline file as written in the config (relative to the config file). */
  readonly baseline?: string;
  /** Rows added to (or overriding) the Terraform mapping table (docs/terraform.md). */
  readonly terraform?: TerraformMapping;
  /**
   * When the model declares no placement at all, the SPOF-family rules'
   * findings are `warn` (`'warn'`, the default), or keep each rule's own
   * severity (`'rule'`). See `SPOF_FAMILY` in lint.ts.
   */
  readonly spofWithoutPlacements?: 'warn' | 'rule';
  /** `backstage.types`: Backstage `spec.type` (normalised as kindForType does) → faultline kind, added to the built-in table. */
  readonly backstageTypes?: ReadonlyMap<string, string>;
}

export interface ConfigResult {
  /** Present only when there are no diagnostics. */
  readonly config?: LintConfig;
  readonly diagnostics: readonly Diagnostic[];
}

const TOP_LEVEL = ['rules', 'baseline', 'spofWithoutPlacements', 'backstage', 'terraform'];
const SPOF_WITHOUT_PLACEMENTS = ['warn', 'rule'] as const;
const KIND_PATTERN = /^[a-z][a-z0-9-]*$/;
const SEVERITIES: readonly Severity[] = ['error', 'warn', 'off'];

/** The empty config: every rule at its default. */
export const DEFAULT_CONFIG: LintConfig = { rules: new Map() };

/** Parses and validates a config file's text. */
export function parseLintConfig(text: string, path: string): ConfigResult {
  const lines = new LineCounter();
  const file = new SourceFile(path, lines, withoutBom(text));
  const doc = parseDocument(withoutBom(text), { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const diagnostics: Diagnostic[] = [];
  if (doc.errors.length > 0) return { diagnostics: yamlErrors(doc.errors, file) };
  const tags = unknownTags(doc.warnings, file, 'error');
  if (tags.length > 0) return { diagnostics: tags };
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return { config: DEFAULT_CONFIG, diagnostics };
  if (!isMap(root))
    return {
      diagnostics: [
        {
          code: 'schema',
          message: 'a config is a map with "rules", "baseline", "spofWithoutPlacements" and "backstage"',
          hint: 'rules:\n  single-region-critical: warn',
          at: file.range(root),
        },
      ],
    };

  const rules = new Map<string, RuleSetting>();
  let baseline: string | undefined;
  let terraform: TerraformMapping | undefined;
  let spofWithoutPlacements: 'warn' | 'rule' | undefined;
  let backstageTypes: Map<string, string> | undefined;
  for (const pair of root.items) {
    const key = keyText(pair.key);
    const value = pair.value as Node | null;
    if (key === 'rules') {
      if (value === null || (isScalar(value) && value.value === null)) continue;
      if (!isMap(value)) {
        diagnostics.push({
          code: 'schema',
          message: '"rules" must be a map of rule id → severity or settings',
          hint: 'rules:\n  retry-amplification: { severity: error, threshold: 20 }',
          at: file.range(value),
        });
        continue;
      }
      for (const rulePair of value.items) readRule(rulePair.key as Node, rulePair.value as Node | null, file, rules, diagnostics);
    } else if (key === 'spofWithoutPlacements') {
      const text = isScalar(value) ? String(value.value) : '';
      if ((SPOF_WITHOUT_PLACEMENTS as readonly string[]).includes(text)) spofWithoutPlacements = text as 'warn' | 'rule';
      else
        diagnostics.push({
          code: 'schema',
          message: `"spofWithoutPlacements" must be warn or rule, not ${JSON.stringify(isScalar(value) ? value.value : (value?.toJSON() ?? null))}`,
          hint:
            didYouMean(text, SPOF_WITHOUT_PLACEMENTS) ??
            'warn: single points of failure are warnings while no component declares a placement (the default); rule: each rule keeps its severity',
          at: file.range(value ?? (pair.key as Node)),
        });
    } else if (key === 'backstage') {
      backstageTypes = readBackstage(pair.key as Node, value, file, diagnostics);
    } else if (key === 'baseline') {
      if (isScalar(value) && typeof value.value === 'string' && value.value !== '') baseline = value.value;
      else diagnostics.push({ code: 'schema', message: '"baseline" must be a file path', hint: 'baseline: faultline-baseline.json', at: file.range(value ?? (pair.key as Node)) });
    } else if (key === 'terraform') {
      terraform = readTerraformMapping(value, pair.key as Node, file, diagnostics);
    } else {
      diagnostics.push({
        code: 'unknown-field',
        message: `unknown field "${key}" in the config`,
        hint: didYouMean(key, TOP_LEVEL) ?? `a config has ${TOP_LEVEL.join(', ')}`,
        at: file.range(pair.key as Node),
      });
    }
  }
  if (diagnostics.length > 0) return { diagnostics };
  return {
    config: {
      rules,
      ...(baseline !== undefined ? { baseline } : {}),
      ...(spofWithoutPlacements !== undefined ? { spofWithoutPlacements } : {}),
      ...(backstageTypes !== undefined ? { backstageTypes } : {}),
      ...(terraform ? { terraform } : {}),
    },
    diagnostics,
  };
}

/** `backstage: { types: { <spec.type>: <kind> } }`: the user's rows of the type → kind table. */
function readBackstage(keyNode: Node, value: Node | null, file: SourceFile, out: Diagnostic[]): Map<string, string> | undefined {
  if (value === null || (isScalar(value) && value.value === null)) return undefined;
  if (!isMap(value)) {
    out.push({ code: 'schema', message: '"backstage" must be a map', hint: 'backstage:\n  types: { monitoring-tool: monitoring }', at: file.range(value ?? keyNode) });
    return undefined;
  }
  const types = new Map<string, string>();
  for (const pair of value.items) {
    const name = keyText(pair.key);
    const table = pair.value as Node | null;
    if (name !== 'types') {
      out.push({
        code: 'unknown-field',
        message: `unknown field "${name}" in backstage`,
        hint: didYouMean(name, ['types']) ?? 'backstage has "types"',
        at: file.range(pair.key as Node),
      });
      continue;
    }
    if (table === null || (isScalar(table) && table.value === null)) continue;
    if (!isMap(table)) {
      out.push({
        code: 'schema',
        message: '"backstage.types" must be a map of Backstage spec.type → faultline kind',
        hint: 'types: { monitoring-tool: monitoring, apm: monitoring }',
        at: file.range(table),
      });
      continue;
    }
    for (const row of table.items) {
      const type = normaliseType(keyText(row.key));
      const kindNode = row.value as Node | null;
      const kind = isScalar(kindNode) && typeof kindNode.value === 'string' ? kindNode.value : undefined;
      if (kind === undefined || !KIND_PATTERN.test(kind)) {
        out.push({
          code: 'schema',
          message: `backstage.types.${keyText(row.key)}: a kind is lowercase letters, digits and "-", starting with a letter`,
          hint: 'e.g. monitoring, database, queue; docs/backstage.md lists the kinds lint reads',
          at: file.range(kindNode ?? (row.key as Node)),
        });
        continue;
      }
      types.set(type, kind);
    }
  }
  return types;
}

function readRule(keyNode: Node, value: Node | null, file: SourceFile, rules: Map<string, RuleSetting>, out: Diagnostic[]): void {
  const id = keyText(keyNode);
  const rule = RULE_MAP.get(id);
  if (!rule) {
    out.push({ code: 'unknown-id', message: `unknown rule "${id}"`, hint: didYouMean(id, RULE_MAP.keys()) ?? 'run "faultline rules" for the list', at: file.range(keyNode) });
    return;
  }
  if (isScalar(value)) {
    const severity = readSeverity(value, file, out);
    if (severity) rules.set(id, { severity });
    return;
  }
  if (!isMap(value)) {
    out.push({
      code: 'schema',
      message: `rule "${id}" takes a severity (error, warn, off) or a map of settings`,
      hint: `${id}: { severity: warn }`,
      at: file.range(value ?? keyNode),
    });
    return;
  }
  let severity: Severity | undefined;
  const known = Object.keys(rule.options.shape);
  const options: [string, unknown][] = [];
  let ok = true;
  for (const pair of value.items) {
    const name = keyText(pair.key);
    const optionValue = pair.value as Node | null;
    if (name === 'severity') {
      severity = isScalar(optionValue) ? readSeverity(optionValue, file, out) : undefined;
      if (!isScalar(optionValue)) out.push({ code: 'schema', message: 'severity must be error, warn or off', at: file.range(optionValue ?? (pair.key as Node)) });
      if (!severity) ok = false;
    } else if (known.includes(name)) {
      options.push([name, optionValue === null ? null : (optionValue as { toJSON(): unknown }).toJSON()]);
    } else {
      ok = false;
      const choices = ['severity', ...known];
      out.push({
        code: 'unknown-field',
        message: `unknown option "${name}" for rule ${id}`,
        hint: didYouMean(name, choices) ?? (known.length > 0 ? `${id} takes severity, ${known.join(', ')}` : `${id} takes only a severity`),
        at: file.range(pair.key as Node),
      });
    }
  }
  // Only known option names become object keys.
  const parsed = (rule.options as z.ZodObject).safeParse(Object.fromEntries(options), { reportInput: true });
  if (!parsed.success) {
    append(out, issueDiagnostics(parsed.error.issues, value, file, ['rules', id]));
    return;
  }
  if (!ok) return;
  rules.set(id, { ...(severity ? { severity } : {}), ...(options.length > 0 ? { options: parsed.data as Record<string, unknown> } : {}) });
}

function readSeverity(node: Node, file: SourceFile, out: Diagnostic[]): Severity | undefined {
  const text = isScalar(node) ? String(node.value) : '';
  if ((SEVERITIES as readonly string[]).includes(text)) return text as Severity;
  out.push({ code: 'schema', message: `unknown severity "${text}"`, hint: didYouMean(text, SEVERITIES) ?? 'use error, warn or off', at: file.range(node) });
  return undefined;
}

function keyText(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key);
}
