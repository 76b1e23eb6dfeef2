/**
 * OpenTelemetry service graph, Prometheus text exposition
 * =======================================================
 *
 * The collector's `servicegraph` connector (and Tempo's metrics-generator)
 * count requests per edge as
 * `traces_service_graph_request_total{client="checkout",server="cart"} 42`.
 * A scrape (`curl …/metrics`) or a Prometheus dump holds many other series;
 * only those whose name ends in `traces_service_graph_request_total` are
 * read (an exporter may prefix a namespace), summed per (client, server)
 * over every other label (instances, `connection_type`…). Label values
 * follow the exposition format's escapes (`\\`, `\"`, `\n`).
 *
 * [Reference]: https://prometheus.io/docs/instrumenting/exposition_formats/
 */
import type { Diagnostic } from '../diagnostics.js';
import { codePointColumn } from '../load/yaml-source.js';
import type { SourceRange } from '../model.js';
import { CallTally, type ObservedGraph } from './types.js';

/** The metric the service graph counts requests with. */
export const REQUEST_METRIC = 'traces_service_graph_request_total';

const SAMPLE = /^([A-Za-z_:][A-Za-z0-9_:]*)\s*(\{.*\})?\s+(\S+)(?:\s+-?\d+)?\s*$/;

/** Reads the request counters of a Prometheus text dump; problems go to `out`. */
export function readPrometheus(path: string, text: string, out: Diagnostic[]): ObservedGraph {
  const tally = new CallTally();
  // Line by line, summed per pair as it goes: no array of every line, no entry per sample.
  for (let from = text.charCodeAt(0) === 0xfeff ? 1 : 0, i = 0; from <= text.length; i++) {
    const newline = text.indexOf('\n', from);
    const to = newline < 0 ? text.length : newline;
    const raw = text.slice(from, to > from && text.charCodeAt(to - 1) === 0x0d ? to - 1 : to);
    from = to + 1;
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const at: SourceRange = { file: path, line: i + 1, col: raw.length - raw.trimStart().length + 1, endLine: i + 1, endCol: codePointColumn(raw, 0, raw.trimEnd().length) };
    const sample = SAMPLE.exec(line);
    if (!sample) {
      out.push({ code: 'observed-format', message: 'not a Prometheus sample line', hint: 'lines look like name{label="value",…} 42', at });
      continue;
    }
    const [, name, labelText, valueText] = sample;
    if (!name!.endsWith(REQUEST_METRIC)) continue;
    const labels = parseLabels(labelText ?? '');
    const value = Number(valueText);
    if (typeof labels === 'string' || !Number.isFinite(value) || value < 0) {
      out.push({ code: 'observed-format', message: typeof labels === 'string' ? labels : `"${valueText!}" is not a request count`, at });
      continue;
    }
    const client = labels.get('client')?.trim();
    const server = labels.get('server')?.trim();
    if (!client || !server) {
      out.push({
        code: 'observed-format',
        message: `${name!} without a ${client ? 'server' : 'client'} label`,
        hint: 'the service graph labels each edge with client="…" and server="…"',
        at,
      });
      continue;
    }
    tally.add(client, server, Math.round(value), labels.get('connection_type') || undefined, () => ({
      at,
      clientAt: labelAt(raw, 'client', at),
      serverAt: labelAt(raw, 'server', at),
    }));
  }
  return tally.graph(path, 'otel-prometheus');
}

function labelAt(raw: string, name: string, line: SourceRange): SourceRange {
  const m = new RegExp(`[{,]\\s*${name}\\s*=\\s*"((?:[^"\\\\]|\\\\.)*)"`).exec(raw);
  if (!m) return line;
  const from = m.index + m[0].length - m[1]!.length;
  return { ...line, col: codePointColumn(raw, 0, from), endCol: codePointColumn(raw, 0, from + m[1]!.length) };
}

/** `{a="x",b="y\"z"}` → labels, or a message when malformed. */
export function parseLabels(text: string): Map<string, string> | string {
  const labels = new Map<string, string>();
  if (text === '') return labels;
  let i = 1;
  const end = text.length - 1;
  while (i < end) {
    while (text[i] === ' ' || text[i] === ',') i++;
    if (i >= end) break;
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i))?.[0];
    if (!name || text[i + name.length] !== '=' || text[i + name.length + 1] !== '"') return `malformed labels ${text}`;
    i += name.length + 2;
    let value = '';
    for (; i < end && text[i] !== '"'; i++) {
      if (text[i] === '\\') {
        i++;
        value += text[i] === 'n' ? '\n' : (text[i] ?? '');
      } else value += text[i];
    }
    if (text[i] !== '"') return `unterminated label value in ${text}`;
    i++;
    labels.set(name, value);
  }
  return labels;
}
