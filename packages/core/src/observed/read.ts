/**
 * readObserved: any supported dump → an `ObservedGraph`
 * =====================================================
 *
 * The format is recognised from the content, not the file name: JSON that
 * is an array or has a `data` array is Jaeger; JSON with `data.result` is a
 * PromQL answer; anything else is read as Prometheus text. A file that
 * yields no call at all is an error (a wrong query, an empty window), not
 * an empty graph that would make every declared edge look stale.
 */
import { fileStart, type Diagnostic } from '../diagnostics.js';
import { readJaegerLinks } from './jaeger.js';
import { JsonError, JsonReader } from '../json-reader.js';
import { jsonError } from './json.js';
import { readPrometheus, REQUEST_METRIC } from './prometheus.js';
import { readPromqlResult } from './promql.js';
import { CallTally, type ObservedFormat, type ObservedGraph } from './types.js';

/** The text of an observed-dependencies file, as the CLI read it. */
export interface ObservedSource {
  readonly path: string;
  readonly text: string;
}

export interface ObservedResult {
  /** Present only when there are no diagnostics. */
  readonly graph?: ObservedGraph;
  readonly diagnostics: readonly Diagnostic[];
}

/** Reads Jaeger links, a Prometheus text dump or a PromQL answer. */
export function readObserved(source: ObservedSource): ObservedResult {
  const out: Diagnostic[] = [];
  const graph = read(source, out);
  if (out.length > 0) return { diagnostics: out };
  if (!graph || graph.calls.length === 0) {
    return {
      diagnostics: [
        {
          code: 'observed-format',
          message: graph ? 'no calls in the file' : 'not Jaeger dependencies, a Prometheus dump or a PromQL result',
          hint: graph
            ? `check the time window of the export; faultline reads ${REQUEST_METRIC} series and Jaeger links`
            : 'expected [{ "parent", "child", "callCount" }], { "data": { "result": [...] } } or lines like traces_service_graph_request_total{client="a",server="b"} 42',
          at: fileStart(source.path),
        },
      ],
    };
  }
  return { graph, diagnostics: [] };
}

function read(source: ObservedSource, out: Diagnostic[]): ObservedGraph | undefined {
  const start = FIRST.exec(source.text)?.[0];
  if (start !== '{' && start !== '[') return readPrometheus(source.path, source.text, out);
  const reader = new JsonReader(source.text);
  const tally = new CallTally();
  let format: ObservedFormat | undefined;
  try {
    if (reader.peek() === '[') {
      format = 'jaeger';
      readJaegerLinks(reader, source.path, [], tally, out);
    } else {
      // `{ "data": [links] }` is Jaeger; `{ "data": { "result": [series] } }` a PromQL answer; any other member is skipped unread.
      reader.object((key) => {
        const next = reader.peek();
        if (key !== 'data' || format !== undefined || (next !== '[' && next !== '{')) return reader.skip();
        if (next === '[') {
          format = 'jaeger';
          return readJaegerLinks(reader, source.path, ['data'], tally, out);
        }
        reader.object((inner) => {
          if (inner !== 'result' || format !== undefined || reader.peek() !== '[') return reader.skip();
          format = 'otel-promql';
          readPromqlResult(reader, source.path, tally, out);
        });
      });
    }
    reader.end();
  } catch (error) {
    if (!(error instanceof JsonError)) throw error;
    out.push(jsonError(source.path, source.text, error));
    return undefined;
  }
  return format ? tally.graph(source.path, format) : undefined;
}

/** The first character that is not white space. */
const FIRST = /\S/;
