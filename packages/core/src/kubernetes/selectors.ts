/**
 * Label selectors
 * ===============
 *
 * `matchLabels` and `matchExpressions` (`In`, `NotIn`, `Exists`,
 * `DoesNotExist`), as workloads and PodDisruptionBudgets write them; a
 * Service's `spec.selector` is a plain `matchLabels`. An empty selector
 * selects nothing here (Kubernetes reads an empty PodDisruptionBudget
 * selector as "every pod of the namespace", which never describes one
 * workload).
 *
 * [Reference]: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors
 */

export interface LabelRequirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  readonly values: readonly string[];
}

export interface LabelSelector {
  readonly matchLabels: ReadonlyMap<string, string>;
  readonly matchExpressions: readonly LabelRequirement[];
}

const OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

/** A selector from its YAML value; undefined when there is none or it requires nothing. */
export function labelSelector(value: unknown): LabelSelector | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  const matchLabels = new Map<string, string>();
  const labels = v['matchLabels'];
  if (typeof labels === 'object' && labels !== null && !Array.isArray(labels)) {
    for (const [k, x] of Object.entries(labels)) if (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') matchLabels.set(k, String(x));
  }
  const matchExpressions: LabelRequirement[] = [];
  const expressions = v['matchExpressions'];
  if (Array.isArray(expressions)) {
    for (const e of expressions) {
      if (typeof e !== 'object' || e === null) continue;
      const { key, operator, values } = e as Record<string, unknown>;
      if (typeof key !== 'string' || typeof operator !== 'string' || !OPERATORS.has(operator)) continue;
      matchExpressions.push({ key, operator: operator as LabelRequirement['operator'], values: Array.isArray(values) ? values.map(String) : [] });
    }
  }
  if (matchLabels.size === 0 && matchExpressions.length === 0) return undefined;
  return { matchLabels, matchExpressions };
}

/** Does the selector select pods with these labels? */
export function selects(selector: LabelSelector, labels: ReadonlyMap<string, string>): boolean {
  for (const [k, v] of selector.matchLabels) if (labels.get(k) !== v) return false;
  for (const r of selector.matchExpressions) {
    const has = labels.has(r.key);
    const value = labels.get(r.key);
    if (r.operator === 'Exists' && !has) return false;
    if (r.operator === 'DoesNotExist' && has) return false;
    if (r.operator === 'In' && (!has || !r.values.includes(value!))) return false;
    if (r.operator === 'NotIn' && has && r.values.includes(value!)) return false;
  }
  return true;
}

/** A Service's `spec.selector` (equality only). */
export function selectsAll(selector: ReadonlyMap<string, string>, labels: ReadonlyMap<string, string>): boolean {
  for (const [k, v] of selector) if (labels.get(k) !== v) return false;
  return true;
}
