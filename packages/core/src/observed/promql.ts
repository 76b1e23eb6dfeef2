/**
 * OpenTelemetry service graph, PromQL JSON
 * ========================================
 *
 * What `GET /api/v1/query?query=…` answers, e.g. for
 * `sum by (client, server, connection_type) (increase(traces_service_graph_request_total[1d]))`:
 * `{"status": "success", "data": {"resultType": "vector", "result":
 * [{"metric": {"client": "checkout", "server": "cart"}, "value": [1718000000, "42"]}]}}`.
 * A `matrix` result (a range query) counts its last sample. Series named
 * something other than the request counter (`__name__`) are skipped.
 *
 * [Reference]: https://prometheus.io/docs/prometheus/latest/querying/api/
 */
import * as z from 'zod';
import type { Diagnostic } from '../diagnostics.js';
import { nodeAt } from '../load/yaml-source.js';
import { issueDiagnostics } from '../load/zod-issues.js';
import type { JsonDocument } from './json.js';
import { REQUEST_METRIC } from './prometheus.js';
import { aggregate, type ObservedCall, type ObservedGraph } from './types.js';

const Sample = z.tuple([z.number(), z.string()]);

const SeriesSchema = z.looseObject({
  metric: z.looseObject({ client: z.string().trim().min(1), server: z.string().trim().min(1), __name__: z.string().optional(), connection_type: z.string().optional() }),
  value: Sample.optional(),
  values: z.array(Sample).min(1).optional(),
});

/** The `data.result` list of a PromQL answer, or undefined when the JSON is not one. */
export function promqlResult(json: unknown): readonly unknown[] | undefined {
  const data = json && typeof json === 'object' ? (json as { data?: unknown }).data : undefined;
  const result = data && typeof data === 'object' && !Array.isArray(data) ? (data as { result?: unknown }).result : undefined;
  return Array.isArray(result) ? result : undefined;
}

/** Reads a PromQL vector or matrix of the request counter; problems go to `out`. */
export function readPromql(doc: JsonDocument, out: Diagnostic[]): ObservedGraph | undefined {
  const result = promqlResult(doc.value);
  if (!result) return undefined;
  const calls: ObservedCall[] = [];
  result.forEach((series, i) => {
    const path = ['data', 'result', i];
    const parsed = SeriesSchema.safeParse(series, { reportInput: true });
    if (!parsed.success) {
      out.push(
        ...issueDiagnostics(parsed.error.issues, nodeAt(doc.root, path), doc.file, path, () => ['metric', 'value', 'values']).map((d) => ({
          ...d,
          code: 'observed-format' as const,
        })),
      );
      return;
    }
    const { metric } = parsed.data;
    if (metric.__name__ !== undefined && !metric.__name__.endsWith(REQUEST_METRIC)) return;
    const sample = parsed.data.value ?? parsed.data.values?.at(-1);
    const value = Number(sample?.[1]);
    const at = doc.file.range(nodeAt(doc.root, path));
    if (!sample || !Number.isFinite(value) || value < 0) {
      out.push({ code: 'observed-format', message: sample ? `"${sample[1]}" is not a request count` : 'a series without "value" or "values"', at });
      return;
    }
    const clientAt = doc.file.range(nodeAt(doc.root, [...path, 'metric', 'client']));
    const serverAt = doc.file.range(nodeAt(doc.root, [...path, 'metric', 'server']));
    calls.push({
      client: metric.client,
      server: metric.server,
      calls: Math.round(value),
      ...(metric.connection_type ? { connection: metric.connection_type } : {}),
      at,
      clientAt,
      serverAt,
    });
  });
  return aggregate(doc.file.file, 'otel-promql', calls);
}
