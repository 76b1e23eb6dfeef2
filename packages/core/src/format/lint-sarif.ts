/**
 * Lint as SARIF 2.1.0: for GitHub code scanning
 * =============================================
 *
 * The fields GitHub requires (docs/architecture.md#output-formats): one `reportingDescriptor`
 * per rule (short and full description, help, help URI, default level),
 * results with a `physicalLocation` at the component's or the entry's line
 * and column (columns in code points, `columnKind: unicodeCodePoints`, end exclusive), `partialFingerprints` keyed on
 * the finding's identity (rule + model + sorted ids, never a line number,
 * so an alert survives edits), and `relatedLocations` for the other places
 * a finding involves. Suppressed findings stay in the log with a SARIF
 * `suppressions` entry (`inSource` for a comment, `external` for the
 * baseline); with a baseline every result has a `baselineState`. GitHub
 * keeps 5,000 results per run: beyond that the least severe are dropped and
 * a notification says how many.
 */
import { fingerprint, type Finding } from '../lint/finding.js';
import { RULE_IDS, RULES } from '../lint/registry.js';
import type { LintReport } from '../lint/report.js';
import type { Rule } from '../lint/rule.js';
import { DEFAULT_DOCS_BASE, sarifHelp, type LintFormatOptions } from './lint-options.js';

/** Results GitHub keeps per run. */
export const SARIF_MAX_RESULTS = 5000;
/** Related locations kept per result (GitHub shows 100 of up to 1,000). */
const MAX_RELATED = 100;

/** The SARIF log of a report. */
export function lintSarif(report: LintReport, options: LintFormatOptions = {}): unknown {
  const ruleIndex = new Map<string, number>(RULE_IDS.map((id, i) => [id, i]));
  const rules = RULE_IDS.map((id) => descriptor(RULES[id] as Rule, report.rules.get(id), options));
  let findings = report.findings;
  if (findings.length > SARIF_MAX_RESULTS) {
    const order = findings.map((_, i) => i).sort((a, b) => rank(findings[a]!) - rank(findings[b]!) || a - b);
    const kept = new Set(order.slice(0, SARIF_MAX_RESULTS));
    findings = findings.filter((_, i) => kept.has(i));
  }
  const dropped = report.findings.length - findings.length;
  const home = options.docsBase ?? DEFAULT_DOCS_BASE;
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'faultline',
            semanticVersion: options.version ?? '0.0.0',
            ...(home !== undefined ? { informationUri: home } : {}),
            rules,
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            ...(dropped > 0
              ? {
                  toolExecutionNotifications: [
                    { level: 'warning', message: { text: `${dropped} results were left out: GitHub keeps ${SARIF_MAX_RESULTS} per run (the most severe are kept).` } },
                  ],
                }
              : {}),
          },
        ],
        results: findings.map((f) => result(f, ruleIndex.get(f.rule) ?? -1, report.baseline !== undefined)),
        columnKind: 'unicodeCodePoints',
      },
    ],
  };
}

/** `--format sarif`. */
export function formatLintSarif(report: LintReport, options: LintFormatOptions = {}): string {
  return `${JSON.stringify(lintSarif(report, options), null, 2)}\n`;
}

function descriptor(rule: Rule, severity: string | undefined, options: LintFormatOptions): unknown {
  const level = severity ?? rule.defaultSeverity;
  return {
    id: rule.id,
    name: rule.id
      .split('-')
      .map((w) => w[0]!.toUpperCase() + w.slice(1))
      .join(''),
    shortDescription: { text: rule.description },
    fullDescription: { text: rule.rationale },
    ...sarifHelp(rule.id, rule.help, options),
    defaultConfiguration: severity === undefined ? { enabled: false, level: toLevel(rule.defaultSeverity) } : { level: toLevel(level) },
    properties: { tags: ['reliability', 'architecture'], precision: 'high' },
  };
}

function result(f: Finding, ruleIndex: number, withBaseline: boolean): unknown {
  const related = f.relatedPlaces ?? [];
  const text = f.details.length > 0 ? `${f.message}.\n${f.details.join('\n')}` : `${f.message}.`;
  return {
    ruleId: f.rule,
    ruleIndex,
    level: toLevel(f.severity),
    message: { text },
    locations: [location(f.at, f.target)],
    ...(related.length > 0 ? { relatedLocations: related.slice(0, MAX_RELATED).map((p, i) => ({ id: i + 1, ...location(p.at, p.id) })) } : {}),
    partialFingerprints: { primaryLocationLineHash: fingerprint(f), 'faultline/v1': fingerprint(f) },
    ...(f.suppressed ? { suppressions: [{ kind: f.suppressed.kind === 'comment' ? 'inSource' : 'external', justification: f.suppressed.reason }] } : {}),
    ...(withBaseline ? { baselineState: f.suppressed?.kind === 'baseline' ? 'unchanged' : 'new' } : {}),
  };
}

function location(at: Finding['at'], id: string): Record<string, unknown> {
  return {
    physicalLocation: {
      artifactLocation: { uri: sarifUri(at.file) },
      region: { startLine: at.line, startColumn: at.col, endLine: at.endLine, endColumn: Math.max(at.endCol, at.endLine === at.line ? at.col + 1 : 1) },
    },
    message: { text: id },
  };
}

/** A repo-relative path as a URI reference: spaces and other reserved characters percent-encoded, slashes kept. */
/**
 * A manifest path as a SARIF `artifactLocation.uri`. The CLI gives paths
 * relative to the working directory when the file is inside it (a relative
 * reference, as GitHub's uploader wants), else absolute: those become
 * `file://` URIs (`file:///home/x/a.yaml`, `file:///C:/x/a.yaml`), since a
 * bare absolute path is no valid URI for SARIF consumers.
 */
export function sarifUri(path: string): string {
  const slashed = path.replace(/\\/g, '/');
  const drive = /^([A-Za-z]:)(\/.*)$/.exec(slashed);
  if (drive) return `file:///${drive[1]}${encodeSegments(drive[2]!)}`;
  if (slashed.startsWith('/')) return `file://${encodeSegments(slashed)}`;
  return encodeSegments(slashed);
}

function encodeSegments(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function toLevel(severity: string): 'error' | 'warning' {
  return severity === 'error' ? 'error' : 'warning';
}

/** Errors first, then warnings, suppressed last: what survives GitHub's cut. */
function rank(f: Finding): number {
  return (f.suppressed ? 2 : 0) + (f.severity === 'error' ? 0 : 1);
}
