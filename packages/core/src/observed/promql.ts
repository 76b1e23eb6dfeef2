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
 * Series are read one at a time and summed per pair as they come (`json.ts`).
 *
 * [Reference]: https://prometheus.io/docs/prometheus/latest/querying/api/
 */
import * as z from 'zod';
import { append } from '../arrays.js';
import type { Diagnostic } from '../diagnostics.js';
import type { JsonReader, Mark } from '../json-reader.js';
import { rangeOf } from '../json-reader.js';
import { entryDiagnostics } from './json.js';
import { REQUEST_METRIC } from './prometheus.js';
import type { CallTally } from './types.js';

const Sample = z.tuple([z.number(), z.string()]);

const SeriesSchema = z.looseObject({
  metric: z.looseObject({ client: z.string().trim().min(1), server: z.string().trim().min(1), __name__: z.string().optional(), connection_type: z.string().optional() }),
  value: Sample.optional(),
  values: z.array(Sample).min(1).optional(),
});

/** Reads the `data.result` array at the reader into `tally`; problems go to `out`. */
export function readPromqlResult(reader: JsonReader, file: string, tally: CallTally, out: Diagnostic[]): void {
  reader.array((i) => {
    const path = ['data', 'result', i];
    const start = reader.mark();
    let clientAt: [Mark, Mark] | undefined;
    let serverAt: [Mark, Mark] | undefined;
    const series = reader.value((p, from, to) => {
      if (p.length !== 2 || p[0] !== 'metric') return;
      if (p[1] === 'client') clientAt = [from, to];
      else if (p[1] === 'server') serverAt = [from, to];
    });
    const end = reader.here();
    const parsed = SeriesSchema.safeParse(series, { reportInput: true });
    if (!parsed.success) {
      append(
        out,
        entryDiagnostics(file, reader.text, start, end, parsed.error.issues, path, () => ['metric', 'value', 'values']),
      );
      return;
    }
    const { metric } = parsed.data;
    if (metric.__name__ !== undefined && !metric.__name__.endsWith(REQUEST_METRIC)) return;
    const sample = parsed.data.value ?? parsed.data.values?.at(-1);
    const value = Number(sample?.[1]);
    const at = rangeOf(file, reader.text, start, end);
    if (!sample || !Number.isFinite(value) || value < 0) {
      out.push({ code: 'observed-format', message: sample ? `"${sample[1]}" is not a request count` : 'a series without "value" or "values"', at });
      return;
    }
    tally.add(metric.client, metric.server, Math.round(value), metric.connection_type || undefined, () => ({
      at,
      clientAt: clientAt ? rangeOf(file, reader.text, ...clientAt) : at,
      serverAt: serverAt ? rangeOf(file, reader.text, ...serverAt) : at,
    }));
  });
}
