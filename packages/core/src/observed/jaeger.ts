/**
 * Jaeger dependency links
 * =======================
 *
 * `GET /api/dependencies?endTs=…&lookback=…` answers
 * `{"data": [{"parent": "frontend", "child": "driver", "callCount": 11}]}`;
 * exports and the storage plugins' dumps are often the bare array. Each
 * link is `DependencyLink { Parent, Child, CallCount, Source }` in
 * jaeger-idl's model/v1; `source` (which pipeline computed it) is ignored.
 *
 * [Reference]: jaeger-idl, model/v1 `DependencyLink`; Jaeger HTTP API `/api/dependencies`
 */
import * as z from 'zod';
import type { Diagnostic } from '../diagnostics.js';
import type { SourceRange } from '../model.js';
import { nodeAt } from '../load/yaml-source.js';
import { issueDiagnostics } from '../load/zod-issues.js';
import type { JsonDocument } from './json.js';
import { aggregate, type ObservedCall, type ObservedGraph } from './types.js';

const LinkSchema = z.looseObject({
  parent: z.string().trim().min(1),
  child: z.string().trim().min(1),
  callCount: z.number().int().min(0),
});

/** The links of a Jaeger document (`[…]` or `{ data: […] }`), or undefined when it is neither. */
export function jaegerLinks(json: unknown): { links: readonly unknown[]; path: readonly (string | number)[] } | undefined {
  if (Array.isArray(json)) return { links: json, path: [] };
  if (json && typeof json === 'object' && Array.isArray((json as { data?: unknown }).data)) return { links: (json as { data: unknown[] }).data, path: ['data'] };
  return undefined;
}

/** Reads Jaeger dependency links; problems go to `out`. */
export function readJaeger(doc: JsonDocument, out: Diagnostic[]): ObservedGraph | undefined {
  const found = jaegerLinks(doc.value);
  if (!found) return undefined;
  const calls: ObservedCall[] = [];
  found.links.forEach((link, i) => {
    const path = [...found.path, i];
    const parsed = LinkSchema.safeParse(link, { reportInput: true });
    if (!parsed.success) {
      out.push(
        ...issueDiagnostics(parsed.error.issues, nodeAt(doc.root, path), doc.file, path, () => ['parent', 'child', 'callCount']).map((d) => ({
          ...d,
          code: 'observed-format' as const,
        })),
      );
      return;
    }
    const at = (field: string): SourceRange => doc.file.range(nodeAt(doc.root, [...path, field]));
    calls.push({ client: parsed.data.parent, server: parsed.data.child, calls: parsed.data.callCount, at: at(''), clientAt: at('parent'), serverAt: at('child') });
  });
  return aggregate(doc.file.file, 'jaeger', calls);
}
