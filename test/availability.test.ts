/**
 * `faultline availability` end to end, on the example and the OpenTelemetry
 * shop: the analytic answer (which method, how tight, nines never null),
 * Monte Carlo agreeing with it, journeys never failing, and an absurd
 * `--trials` refused with one line and exit 2.
 */
import { describe, expect, it } from 'vitest';
import { faultline } from './support.js';

interface Component {
  id: string;
  method: string;
  exact: boolean;
  availability: number;
  unavailability: number;
  low: number;
  high: number;
  nines: number | null;
  downtimeMinutes: number;
  missing: number;
  monteCarlo?: { trials: number; downTrials: number; low: number; high: number };
  importance: { failure: string; fussellVesely: number; birnbaum: number; raw: number; rrw: number | null }[];
  contributors: { members: string[]; share: number }[];
}

function run(args: readonly string[]): { components: Component[]; method: string; trials: number } {
  const r = faultline(['availability', ...args, '--format', 'json']);
  expect(r).toMatchObject({ code: 0, stderr: '' });
  return JSON.parse(r.stdout);
}

describe('faultline availability on the example', () => {
  it('answers every critical component from its cut sets: the method, a tight interval, nines and downtime', () => {
    const r = faultline(['availability', 'fixtures/example']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('checkout: 99.9080 % (3.0 nines, 484 min down a year), BDD of 35 cut sets, ≤ 1.7e-8 unlisted — the least available of 5 components');
    // Nine equally likely single points of failure: the largest share is a tie, and the line says so.
    expect(r.stdout.split('\n')[1]).toBe("11 % of checkout's unavailability is {checkout} (and as much for each of 8 other cut sets)");
    const json = run(['fixtures/example']);
    expect(json).toMatchObject({ method: 'auto', trials: 0 });
    expect(json.components.map((c) => c.id)).toEqual(['checkout', 'storefront', 'cart', 'auth', 'payments']);
    for (const c of json.components) {
      expect(c.method).toBe('bdd');
      expect(c.nines).toBeGreaterThan(2.9);
      expect(c.downtimeMinutes).toBeCloseTo(c.unavailability * 525_960, 6);
      // The interval [U, U + unlisted] is narrower than 10⁻⁴ of the answer.
      expect(c.high - c.low).toBeLessThan(1e-4 * c.unavailability);
      expect(c.contributors[0]!.share).toBeGreaterThan(0.1);
    }
  });

  it('agrees with bounds, and with a million Monte Carlo trials', () => {
    const auto = run(['fixtures/example']).components;
    const bounds = run(['fixtures/example', '--method', 'bounds']).components;
    const mc = run(['fixtures/example', '--method', 'montecarlo', '--trials', '1000000']).components;
    for (const c of auto) {
      const u = c.unavailability;
      const b = bounds.find((x) => x.id === c.id)!;
      expect(1 - b.high).toBeLessThanOrEqual(u + c.missing);
      expect(1 - b.low).toBeGreaterThanOrEqual(u);
      const m = mc.find((x) => x.id === c.id)!;
      expect(m.method).toBe('montecarlo');
      expect(m.monteCarlo!.trials).toBe(1_000_000);
      expect(m.low).toBeLessThanOrEqual(1 - u);
      expect(m.high).toBeGreaterThanOrEqual(1 - u - c.missing);
    }
  });
});

describe('faultline availability on the OpenTelemetry shop', () => {
  it('estimates the journeys by what they need; no journey is ever a failure or a member of a cut set', () => {
    const json = run(['fixtures/otel-shop.yaml']);
    const journeys = json.components.filter((c) => c.id === 'purchase' || c.id === 'browse');
    expect(journeys.map((c) => c.id).sort()).toEqual(['browse', 'purchase']);
    for (const c of json.components) {
      expect(c.nines).not.toBeNull();
      expect(c.importance.map((i) => i.failure)).not.toContain('purchase');
      expect(c.contributors.flatMap((x) => x.members)).not.toContain('browse');
    }
  });
});

describe('faultline availability refuses what it cannot do', () => {
  it('refuses an absurd --trials at once, in one line, exit 2', () => {
    const r = faultline(['availability', 'fixtures/example', '--trials', '1e12']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('expected a whole number from 1 to 100,000,000');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('never shows progress on a pipe', () => {
    const r = faultline(['availability', 'fixtures/example', '--method', 'montecarlo', '--trials', '2000000']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
  });
});
