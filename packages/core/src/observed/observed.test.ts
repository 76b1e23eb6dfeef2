import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../diagnostics.js';
import { loadManifests } from '../load/loader.js';
import { statuses } from '../test-support.js';
import { parseLabels } from './prometheus.js';
import { readObserved } from './read.js';
import { idsFor, starterManifest } from './starter.js';
import type { ObservedGraph } from './types.js';

const fixtures = import.meta.glob<string>('../../../../fixtures/observed/*', { query: '?raw', import: 'default', eager: true });
const fixture = (name: string): { path: string; text: string } => ({ path: `fixtures/observed/${name}`, text: fixtures[`../../../../fixtures/observed/${name}`]! });

function graph(path: string, text: string): ObservedGraph {
  const r = readObserved({ path, text });
  if (!r.graph) throw new Error(r.diagnostics.map(formatDiagnostic).join('\n'));
  return r.graph;
}

function problems(path: string, text: string): string[] {
  return readObserved({ path, text }).diagnostics.map(formatDiagnostic);
}

const pairs = (g: ObservedGraph): string[] => g.calls.map((c) => `${c.client}>${c.server}:${c.calls}`);

describe('Jaeger dependency links', () => {
  it('are read bare or under "data", summed per pair, most calls first, with each pair\'s line', () => {
    const text =
      '[\n {"parent": "a", "child": "b", "callCount": 2},\n {"parent": "a", "child": "c", "callCount": 9, "source": "spark"},\n {"parent": "a", "child": "b", "callCount": 3}\n]';
    const g = graph('deps.json', text);
    expect(g.format).toBe('jaeger');
    expect(pairs(g)).toEqual(['a>c:9', 'a>b:5']);
    expect(g.calls.map((c) => c.at.line)).toEqual([3, 2]);
    expect(pairs(graph('d.json', `{"data": ${text}}`))).toEqual(['a>c:9', 'a>b:5']);
  });

  it('report a bad link or bad JSON at its line and column', () => {
    expect(problems('d.json', '{"data": [\n  {"parent": "a", "child": "b", "callCount": 1},\n  {"parent": "a", "callCount": -1}\n]}')).toEqual([
      'd.json:3:3: error: missing required field "child" in data[1]',
      'd.json:3:32: error: data[1].callCount: must be at least 0, found -1',
    ]);
    expect(problems('d.json', '[{"parent": "a", "child": "b", "callCount": 1},\n {"parent": "a" "child": "b"}]')[0]).toMatch(/^d\.json:2:\d+: error: not valid JSON: /);
  });
});

describe('JSON exports read as they go', () => {
  it('report a bad entry spread over lines at its own line and column, and a syntax error where it is', () => {
    const text = '{"data": [\n  {"parent": "a", "child": "b", "callCount": 1},\n  {\n    "parent": "a",\n    "child": "",\n    "callCount": 2\n  }\n]}';
    expect(problems('d.json', text)).toEqual(['d.json:5:14: error: data[1].child: must not be empty']);
    expect(problems('d.json', '[{"parent": "a", "child": "b\n", "callCount": 1}]')).toEqual(['d.json:1:27: error: not valid JSON: unterminated string']);
    expect(problems('d.json', '[{"parent": "a", "child": "b", "callCount": 1}] x')).toEqual(["d.json:1:49: error: not valid JSON: unexpected 'x' after the JSON value"]);
    expect(problems('d.json', `${'['.repeat(5000)}${']'.repeat(5000)}`)).toEqual(['d.json:1:1003: error: not valid JSON: nested too deeply']);
  });

  it('skip a byte-order mark and what is not links, and sum pairs with the place of their first link', () => {
    const g = graph(
      'd.json',
      '\ufeff{"meta": {"x": [1, "two", null, true]}, "data": [{"parent": "a", "child": "b", "callCount": 2}, {"parent": "a", "child": "b", "callCount": 5}]}',
    );
    expect(g.calls).toEqual([
      {
        client: 'a',
        server: 'b',
        calls: 7,
        at: { file: 'd.json', line: 1, col: 50, endLine: 1, endCol: 95 },
        clientAt: { file: 'd.json', line: 1, col: 61, endLine: 1, endCol: 64 },
        serverAt: { file: 'd.json', line: 1, col: 75, endLine: 1, endCol: 78 },
      },
    ]);
  });
});

describe('OpenTelemetry service graph', () => {
  it('reads the request counter of a Prometheus text dump: escapes, timestamps, prefixes, other series ignored', () => {
    const text = [
      '# HELP traces_service_graph_request_total Total count of requests between two nodes',
      '# TYPE traces_service_graph_request_total counter',
      'traces_service_graph_request_total{client="web",server="api",instance="a"} 40 1718064000000',
      'traces_service_graph_request_total{client="web",server="api",instance="b"} 2.0',
      'otelcol_traces_service_graph_request_total{client="we\\"ird \\\\ name",server="api",} 1e3',
      'traces_service_graph_request_total{client="api",server="queue-consumer",connection_type="messaging_system"} 7',
      'traces_service_graph_request_failed_total{client="web",server="api"} 5',
      'traces_service_graph_request_server_seconds_bucket{client="web",server="api",le="+Inf"} 42',
      '',
    ].join('\n');
    const g = graph('graph.prom', text);
    expect(g.format).toBe('otel-prometheus');
    expect(pairs(g)).toEqual(['we"ird \\ name>api:1000', 'web>api:42', 'api>queue-consumer:7']);
    expect(g.calls.find((c) => c.server === 'queue-consumer')).toMatchObject({ connection: 'messaging_system', at: { line: 6, col: 1 } });
  });

  it('reports malformed lines and series without client or server at their line', () => {
    expect(problems('g.prom', 'traces_service_graph_request_total{client="a"} 3\nthis is not a sample\ntraces_service_graph_request_total{client="a",server="b"} many\n')).toEqual([
      'g.prom:1:1: error: traces_service_graph_request_total without a server label (the service graph labels each edge with client="…" and server="…")',
      'g.prom:2:1: error: not a Prometheus sample line (lines look like name{label="value",…} 42)',
      'g.prom:3:1: error: "many" is not a request count',
    ]);
    expect(parseLabels('{a="x",b="unterminated}')).toMatch(/^unterminated/);
  });

  it('reads a PromQL vector or matrix answer, skipping other metrics', () => {
    const answer = (resultType: string, result: unknown[]): string => JSON.stringify({ status: 'success', data: { resultType, result } }, null, 1);
    const vector = answer('vector', [
      { metric: { client: 'web', server: 'api' }, value: [1718064000, '41.6'] },
      { metric: { __name__: 'traces_service_graph_request_failed_total', client: 'web', server: 'api' }, value: [1718064000, '3'] },
    ]);
    expect(pairs(graph('q.json', vector))).toEqual(['web>api:42']);
    const matrix = answer('matrix', [
      {
        metric: { client: 'web', server: 'db', connection_type: 'database' },
        values: [
          [1, '5'],
          [2, '9'],
        ],
      },
    ]);
    expect(graph('q.json', matrix)).toMatchObject({ format: 'otel-promql', calls: [{ client: 'web', server: 'db', calls: 9, connection: 'database' }] });
    expect(problems('q.json', answer('vector', [{ metric: { client: 'web' }, value: [1, '2'] }]))).toEqual([
      expect.stringMatching(/^q\.json:\d+:\d+: error: missing required field "server"/),
    ]);
  });
});

describe('recognising the format', () => {
  it('reads the three committed fixtures into the same graph', () => {
    const jaeger = graph(fixture('jaeger-dependencies.json').path, fixture('jaeger-dependencies.json').text);
    const prom = graph(fixture('otel-service-graph.prom').path, fixture('otel-service-graph.prom').text);
    const promql = graph(fixture('otel-service-graph.promql.json').path, fixture('otel-service-graph.promql.json').text);
    expect([jaeger.format, prom.format, promql.format]).toEqual(['jaeger', 'otel-prometheus', 'otel-promql']);
    expect(pairs(prom)).toEqual(pairs(jaeger));
    expect(pairs(promql)).toEqual(pairs(jaeger));
    expect(jaeger.calls.length).toBe(23);
  });

  it('refuses files that hold no calls, or are none of the formats', () => {
    expect(problems('empty.json', '{"data": []}')).toEqual([
      'empty.json:1:1: error: no calls in the file (check the time window of the export; faultline reads traces_service_graph_request_total series and Jaeger links)',
    ]);
    expect(problems('other.json', '{"traces": []}')[0]).toMatch(/^other\.json:1:1: error: not Jaeger dependencies, a Prometheus dump or a PromQL result/);
    expect(problems('metrics.prom', 'http_requests_total{code="200"} 5\n')[0]).toMatch(/^metrics\.prom:1:1: error: no calls in the file/);
  });
});

describe('the starter manifest', () => {
  it("loads, orders each service's edges by call count, and says what it guessed", () => {
    const prom = [
      'traces_service_graph_request_total{client="web",server="api"} 10',
      'traces_service_graph_request_total{client="web",server="redis-sessions",connection_type="database"} 1234567',
      'traces_service_graph_request_total{client="api",server="ledger",connection_type="database"} 5',
      'traces_service_graph_request_total{client="api",server="mailer",connection_type="messaging_system"} 3',
      'traces_service_graph_request_total{client="Load Tester",server="web"} 1',
    ].join('\n');
    const text = starterManifest(graph('g.prom', prom));
    const loaded = loadManifests([{ path: 'faultline.yaml', text }]);
    expect(loaded.diagnostics.map(formatDiagnostic)).toEqual([]);
    const m = loaded.model!;
    expect([...m.components.keys()]).toEqual(['api', 'api-messages', 'ledger', 'load-tester', 'mailer', 'redis-sessions', 'web']);
    expect(m.components.get('web')!.dependsOn.map((d) => (d.type === 'edge' ? d.target : ''))).toEqual(['redis-sessions', 'api']);
    // Messages: api publishes to a guessed topic (hard), mailer reads it (async); api never depends on mailer.
    expect(m.components.get('api')!.dependsOn.map((d) => (d.type === 'edge' ? `${d.target}:${d.mode}` : ''))).toEqual(['ledger:hard', 'api-messages:hard']);
    expect(m.components.get('mailer')!.dependsOn.map((d) => (d.type === 'edge' ? `${d.target}:${d.mode}` : ''))).toEqual(['api-messages:async']);
    expect(m.components.get('api-messages')!.kind).toBe('queue');
    expect(m.components.get('load-tester')!.aliases).toEqual(['Load Tester']);
    expect(m.components.get('ledger')!.kind).toBe('database');
    expect(m.components.get('redis-sessions')!.kind).toBe('cache');
    expect(text).toContain('      - redis-sessions # guessed hard: 1,234,567 calls\n      - api # guessed hard: 10 calls\n');
    expect(text).toContain('      - api-messages # guessed hard (publishes to the topic): 3 messages\n');
    expect(text).toContain('  mailer:\n    kind: service\n    dependsOn:\n      - { target: api-messages, mode: async } # guessed async (reads the topic): 3 messages\n');
    expect(text).toContain('  api-messages:\n    kind: queue # guessed: api sends messages to mailer through a topic the traces do not name; rename it after yours\n');
    expect(text).toContain('    kind: cache # guessed from the name\n');
    expect(text).toContain('    kind: database # guessed from connection_type="database"\n');
    expect(text.match(/# TODO: in:/g)!.length).toBe(7);
  });

  it('gives each producer one guessed topic that all its consumers read asynchronously, with an id of its own', () => {
    const prom = [
      'traces_service_graph_request_total{client="checkout",server="accounting",connection_type="messaging_system"} 8',
      'traces_service_graph_request_total{client="checkout",server="fraud-detection",connection_type="messaging_system"} 5',
      'traces_service_graph_request_total{client="checkout-messages",server="checkout"} 2',
    ].join('\n');
    const m = loadManifests([{ path: 'faultline.yaml', text: starterManifest(graph('g.prom', prom)) }]).model!;
    expect([...m.components.keys()]).toEqual(['accounting', 'checkout', 'checkout-messages', 'checkout-messages-2', 'fraud-detection']);
    const edges = (id: string) => m.components.get(id)!.dependsOn.map((d) => (d.type === 'edge' ? `${d.target}:${d.mode}` : ''));
    expect(edges('checkout')).toEqual(['checkout-messages-2:hard']);
    expect(edges('accounting')).toEqual(['checkout-messages-2:async']);
    expect(edges('fraud-detection')).toEqual(['checkout-messages-2:async']);
    expect(edges('checkout-messages')).toEqual(['checkout:hard']);
    // Failing the topic leaves its consumers degraded (a backlog), never down; the producer goes down with it.
    expect(statuses(m, 'checkout-messages-2')).toMatchObject({ checkout: 'down', accounting: 'degraded', 'fraud-detection': 'degraded' });
  });

  it('turns names into valid, unique ids', () => {
    expect([...idsFor(['My Service', 'my-service', 'frontend:8080', '__proto__', '@@'])]).toEqual([
      ['frontend:8080', 'frontend-8080'],
      ['my-service', 'my-service'],
      ['My Service', 'my-service-2'],
      ['__proto__', 'proto__'],
      ['@@', 'service'],
    ]);
  });
});
