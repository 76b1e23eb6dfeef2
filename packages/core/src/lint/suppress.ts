/**
 * Applying `# faultline-ignore` comments
 * ======================================
 *
 * A comment on a component silences that rule's finding on that component;
 * the finding is still reported, marked suppressed with the comment's reason,
 * and does not count towards the exit code. As with ESLint's
 * `-- reason`, the reason is required; an unknown rule id is an input error
 * with a "did you mean". A comment that silences nothing is reported as
 * unused (ESLint's `--report-unused-disable-directives`), so suppressions do
 * not outlive the problem they excused.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { ComponentId, Model, Suppression } from '../model.js';
import { didYouMean } from '../suggest.js';
import type { Finding } from './finding.js';
import { RULE_MAP } from './registry.js';
import { SUPPRESSION_MARKER } from './suppression-comments.js';

/** A suppression comment that matched no finding. */
export interface UnusedSuppression extends Suppression {
  readonly component: ComponentId;
}

export function applySuppressions(
  model: Model,
  findings: readonly Finding[],
  active: ReadonlyMap<string, unknown>,
): { findings: Finding[]; diagnostics: Diagnostic[]; unused: UnusedSuppression[] } {
  const diagnostics: Diagnostic[] = [];
  const unused: UnusedSuppression[] = [];
  // Indexed only when some component has a comment: most models have none, and lint at 100k has 130,000 findings.
  let index: Map<string, number[]> | undefined;
  const byTarget = (): Map<string, number[]> => {
    if (index) return index;
    index = new Map();
    for (let i = 0; i < findings.length; i++) {
      const key = `${findings[i]!.rule}\u0000${findings[i]!.target}`;
      const list = index.get(key);
      if (list) list.push(i);
      else index.set(key, [i]);
    }
    return index;
  };
  const out = [...findings];
  for (const c of model.components.values()) {
    for (const s of c.suppressions ?? []) {
      if (!RULE_MAP.has(s.rule)) {
        diagnostics.push({
          code: 'unknown-id',
          message: s.rule === '' ? `"${SUPPRESSION_MARKER}" names no rule` : `unknown rule "${s.rule}" in a ${SUPPRESSION_MARKER} comment`,
          hint: didYouMean(s.rule, RULE_MAP.keys()) ?? `write "# ${SUPPRESSION_MARKER} <rule> <reason>"; "faultline rules" lists the rules`,
          at: s.at,
        });
        continue;
      }
      if (s.reason === '') {
        diagnostics.push({
          code: 'schema',
          message: `the ${SUPPRESSION_MARKER} comment for ${s.rule} on ${c.id} gives no reason`,
          hint: `say why: "# ${SUPPRESSION_MARKER} ${s.rule} accepted until the Q3 migration"`,
          at: s.at,
        });
        continue;
      }
      if (!active.has(s.rule)) continue;
      const hits = byTarget().get(`${s.rule}\u0000${c.id}`);
      if (!hits) {
        unused.push({ ...s, component: c.id });
        continue;
      }
      for (const i of hits) out[i] = { ...out[i]!, suppressed: { kind: 'comment', reason: s.reason } };
    }
  }
  return { findings: out, diagnostics, unused };
}
