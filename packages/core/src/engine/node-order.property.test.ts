/**
 * The locality numbering changes no result
 * ========================================
 *
 * `compile` numbers replicas and gates in breadth-first order for locality
 * (docs/algorithms.md#node-numbering). On random manifests (cycles, soft and
 * async edges, fallbacks, phases, journeys, groups, weighted placements),
 * every analysis must give exactly the same result on a graph numbered for
 * locality as on one numbered in creation order: simulations of every single
 * failure and of a few combined ones (causes and chains included), the
 * ranking of every failure with its killers, cycles, the cold-start order,
 * cut sets, availability and lint findings.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { availability } from '../analyses/availability.js';
import { cutSets } from '../analyses/cutsets.js';
import { cycles } from '../analyses/cycles.js';
import { failureNames, manifest, specArb } from '../analyses/random-manifests.test-support.js';
import { rankFailures } from '../analyses/rank.js';
import { recoveryOrder } from '../analyses/recovery.js';
import { lint } from '../lint/lint.js';
import { propertyRuns } from '../property-runs.test-support.js';
import { model } from '../test-support.js';
import { compile } from './compile.js';
import { simulate } from './simulate.js';

const graphArb = fc.integer({ min: 2, max: 18 }).chain((n) => fc.array(specArb(n, { weights: true, maxDeps: 4 }), { minLength: n, maxLength: n }));

/** A result as data: functions dropped, Maps and Sets as entries, typed arrays as arrays. */
function plain(x: unknown): unknown {
  return JSON.parse(
    JSON.stringify(x, (_, v) => (v instanceof Map ? [...v] : v instanceof Set ? [...v] : ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v)),
  );
}

/** Everything an analysis reports about a graph, by names (node numbers are the graph's own business). */
function results(graph: ReturnType<typeof compile>) {
  const m = graph.model;
  const names = failureNames(m);
  const ranking = rankFailures(graph, { wordsPerRow: 1 });
  const slow = [...m.components.values()].filter((c) => !c.isJourney).pop()?.id;
  const critical = [...m.components.values()].filter((c) => c.critical).map((c) => c.id);
  return plain({
    single: names.map((f) => {
      const s = simulate(graph, [{ target: f }]);
      return { ...s, statuses: [...m.components.keys()].map((id) => s.status(id)) };
    }),
    combined:
      slow && names.length >= 2 ? [simulate(graph, [{ target: names[0]! }, { target: names[names.length - 1]!, effect: 'degraded' }, { target: slow, effect: 'slow' }])] : [],
    ranking: ranking.failures,
    killers: [...m.components.keys()].map((id) => ranking.killers(id).map((k) => ranking.failures[k]?.fault ?? k)),
    cycles: cycles(graph),
    recovery: recoveryOrder(graph),
    cutsets: critical.slice(0, 3).map((id) => cutSets(graph, id, { maxOrder: 2 })),
    availability: critical.length > 0 ? availability(graph) : undefined,
    lint: lint(m, { graph }).findings,
  }) as Record<string, unknown>;
}

describe('node numbering', () => {
  it('numbering replicas and gates for locality changes no result of any analysis', () => {
    fc.assert(
      fc.property(graphArb, (specs) => {
        const m = model(`${manifest(specs)}\n`);
        const byModel = compile(m, 'runtime', 'model');
        const byLocality = compile(m, 'runtime', 'locality');
        expect(byLocality.components).toBe(byModel.components);
        expect([...byLocality.names].sort()).toEqual([...byModel.names].sort());
        const [a, b] = [results(byLocality), results(byModel)];
        for (const key of Object.keys(a)) expect({ [key]: a[key] }).toEqual({ [key]: b[key] });
      }),
      propertyRuns(20261207, 100),
    );
  });
});
