/**
 * `terraform:` in faultline.config.yaml: rows of the mapping table
 * ================================================================
 *
 * ```yaml
 * terraform:
 *   resources:
 *     aws_mq_broker: { kind: queue, placement: nodes }
 *     aws_iam_role: { edge: hard }      # a field of a built-in row
 * ```
 *
 * Validated like the rest of the config: each problem at its line, with
 * "did you mean" for misspelt fields. Types are kept in a `Map`.
 */
import { isMap, isScalar, type Node } from 'yaml';
import type { Diagnostic } from '../diagnostics.js';
import { didYouMean } from '../suggest.js';
import type { SourceFile } from '../load/yaml-source.js';
import { issueDiagnostics } from '../load/zod-issues.js';
import { append } from '../arrays.js';
import { RESOURCE_TYPE, ResourceRuleSchema, type ResourceRuleInput, type TerraformMapping } from './mapping.js';

const FIELDS = ['resources'];
const ROW_FIELDS = Object.keys(ResourceRuleSchema.shape);

/** Reads the `terraform` section; problems go to `out`. */
export function readTerraformMapping(value: Node | null, key: Node, file: SourceFile, out: Diagnostic[]): TerraformMapping | undefined {
  if (value === null || (isScalar(value) && value.value === null)) return undefined;
  if (!isMap(value)) {
    out.push({
      code: 'schema',
      message: '"terraform" must be a map with "resources"',
      hint: 'terraform:\n  resources:\n    aws_mq_broker: { kind: queue, placement: nodes }',
      at: file.range(value ?? key),
    });
    return undefined;
  }
  const resources = new Map<string, ResourceRuleInput>();
  for (const pair of value.items) {
    const name = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    if (!FIELDS.includes(name)) {
      out.push({
        code: 'unknown-field',
        message: `unknown field "${name}" in terraform`,
        hint: didYouMean(name, FIELDS) ?? 'terraform has resources',
        at: file.range(pair.key as Node),
      });
      continue;
    }
    const rows = pair.value as Node | null;
    if (rows === null || (isScalar(rows) && rows.value === null)) continue;
    if (!isMap(rows)) {
      out.push({
        code: 'schema',
        message: '"terraform.resources" must be a map of resource type → row',
        hint: 'aws_mq_broker: { kind: queue, placement: nodes }',
        at: file.range(rows),
      });
      continue;
    }
    for (const row of rows.items) {
      const type = isScalar(row.key) ? String(row.key.value) : '';
      if (!RESOURCE_TYPE.test(type)) {
        out.push({
          code: 'schema',
          message: `"${type}" is not a Terraform resource type`,
          hint: 'a type is lowercase letters, digits and "_", e.g. aws_mq_broker',
          at: file.range(row.key as Node),
        });
        continue;
      }
      const rowNode = row.value as Node | null;
      const js = rowNode && 'toJSON' in rowNode ? (rowNode as { toJSON(): unknown }).toJSON() : null;
      const parsed = ResourceRuleSchema.safeParse(js, { reportInput: true });
      if (!parsed.success) {
        append(
          out,
          issueDiagnostics(parsed.error.issues, rowNode ?? (row.key as Node), file, ['terraform', 'resources', type], () => ROW_FIELDS),
        );
        continue;
      }
      resources.set(type, parsed.data);
    }
  }
  return { resources };
}
