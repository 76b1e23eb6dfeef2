/**
 * Chains stay short and the whole stays complete: a long dependency chain
 * made `simulate` print every victim's whole chain (a 10,000-long chain:
 * quadratic text, then V8 out of memory; JSON: "Invalid string length").
 * Each chain is cut at MAX_CHAIN_STEPS with a `more` step naming the
 * component whose own chain continues it.
 */
import { describe, expect, it } from 'vitest';
import { append } from '../arrays.js';
import { formatSimulationJson, formatSimulationText } from '../format/simulation.js';
import { chainText } from '../format/causes.js';
import { loadManifests } from '../load/loader.js';
import { MAX_CHAIN_STEPS, type ChainStep } from './explain.js';
import { simulate } from './simulate.js';

const N = 2000;
const lines = ['apiVersion: faultline/v1', 'components:', '  root: { kind: database }'];
for (let i = 0; i < N; i++) lines.push(`  c${i}: { kind: service, dependsOn: [${i > 0 ? `c${i - 1}` : 'root'}] }`);
const model = loadManifests([{ path: 'chain.yaml', text: `${lines.join('\n')}\n` }]).model!;
const sim = simulate(model, [{ target: 'root' }]);
const chainOf = new Map(sim.nodes.map((n) => [n.id, n.chain]));

/** A chain with every `more` step replaced by the chain it names. */
function whole(chain: readonly ChainStep[]): ChainStep[] {
  const out: ChainStep[] = [];
  let rest = chain;
  for (;;) {
    const last = rest[rest.length - 1];
    if (last?.link !== 'more') return append(out, rest);
    append(out, rest.slice(0, -1));
    rest = chainOf.get(last.id)!;
  }
}

describe('chains of a long dependency chain', () => {
  it('are each at most MAX_CHAIN_STEPS steps and a "more" step', () => {
    for (const n of sim.nodes) expect(n.chain.length).toBeLessThanOrEqual(MAX_CHAIN_STEPS + 1);
    const last = sim.nodes.find((n) => n.id === `c${N - 1}`)!;
    expect(last.chain.at(-1)).toEqual({ id: `c${N - 1 - MAX_CHAIN_STEPS}`, status: 'down', link: 'more', more: N - MAX_CHAIN_STEPS + 1 });
  });

  it('are complete when the "more" steps are followed', () => {
    const full = whole(sim.nodes.find((n) => n.id === `c${N - 1}`)!.chain);
    expect(full).toHaveLength(N + 1);
    expect(full.at(-1)).toEqual({ id: 'root', status: 'down', link: 'fault' });
    expect(full.map((s) => s.id)).toEqual([...Array.from({ length: N }, (_, i) => `c${N - 1 - i}`), 'root']);
  });

  it('give text and JSON linear in the victims, not quadratic', () => {
    const text = formatSimulationText(sim, model);
    const json = formatSimulationJson(sim, model);
    // Quadratic output would be ~N²/2 steps, 2,000,000 here; linear is at most N × 26.
    expect(text.length).toBeLessThan(N * (MAX_CHAIN_STEPS + 2) * 40);
    expect(json.length).toBeLessThan(N * (MAX_CHAIN_STEPS + 2) * 120);
    expect(chainText(sim.nodes.find((n) => n.id === `c${N - 1}`)!.chain)).toMatch(/→ c1974 … \(1,976 more steps: see c1974\)$/);
  });

  it('a short chain is given whole, with no "more" step', () => {
    expect(chainOf.get('c2')!.map((s) => s.link)).toEqual(['hard', 'hard', 'hard', 'fault']);
  });
});
