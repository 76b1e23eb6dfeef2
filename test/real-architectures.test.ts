/**
 * Real architectures, end to end
 * ==============================
 *
 * The built CLI on the two fixtures that show what production systems do and
 * the incident fixtures did not: fixtures/otel-shop.yaml (the OpenTelemetry
 * demo shop: flag lookups with coded defaults, a Kafka topic with async
 * consumers, compose start-up order, user journeys) and
 * fixtures/roblox-2021-replicated.yaml (one logical Consul cluster run as
 * replicas in three zones). Each answer below is one the issue names; the
 * fixtures' comments say where each edge comes from.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { faultline, ROOT } from './support.js';

const SHOP = 'fixtures/otel-shop.yaml';
const ROBLOX = 'fixtures/roblox-2021-replicated.yaml';

function json<T>(args: readonly string[]): T {
  const r = faultline([...args, '--format', 'json']);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as T;
}

interface SimNode {
  readonly id: string;
  readonly status: 'down' | 'degraded';
  readonly critical: boolean;
  readonly chain: readonly { id: string; link: string }[];
}
interface Sim {
  readonly summary: { down: number; degraded: number; criticalDown: number; criticalDegraded: number };
  readonly nodes: readonly SimNode[];
  readonly fellBack: readonly { id: string; target: string }[];
}

function simulate(...faults: string[]): Sim {
  return json<Sim>(['simulate', SHOP, ...faults.flatMap((f) => ['--fail', f])]);
}

function statusOf(sim: Sim, id: string): 'up' | 'down' | 'degraded' {
  return sim.nodes.find((n) => n.id === id)?.status ?? 'up';
}

function chain(sim: Sim, id: string): string[] {
  return sim.nodes.find((n) => n.id === id)!.chain.map((s) => `${s.id}:${s.link}`);
}

/** Every component of the shop with a `{ target: flagd, fallback: true }` edge, in file order. */
const FLAGD_CALLERS = ['frontend-proxy', 'load-generator', 'ad', 'cart', 'checkout', 'email', 'payment', 'product-catalog', 'recommendation', 'shipping', 'fraud-detection'];

describe('otel-shop: flagd, whose every caller falls back to coded defaults', () => {
  it('simulate --fail flagd: nothing else goes down or degrades, and JSON fellBack lists every caller', () => {
    const sim = simulate('flagd');
    expect(sim.nodes.map((n) => `${n.id} ${n.status}`)).toEqual(['flagd down']);
    expect(sim.summary).toMatchObject({ down: 1, degraded: 0, criticalDown: 0, criticalDegraded: 0 });
    expect(sim.fellBack).toEqual(FLAGD_CALLERS.map((id) => ({ id, target: 'flagd' })));
  });

  it('the text says what each fallback carries, one line per caller', () => {
    const r = faultline(['simulate', SHOP, '--fail', 'flagd']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('If flagd fails: 1 down, 0 degraded — impact 0');
    expect(r.stdout).toContain(`Fell back (${FLAGD_CALLERS.length})`);
    for (const id of FLAGD_CALLERS) expect(r.stdout).toContain(`${id} fell back from flagd`);
    expect(r.stdout).not.toContain('Critical (');
  });

  it('spof does not rank flagd, and lint finds no single point of failure in it', () => {
    const spof = json<{ failures: { fault: string }[] }>(['spof', SHOP]);
    expect(spof.failures.map((f) => f.fault)).not.toContain('flagd');
    const lint = json<{ findings: { rule: string; target: string }[] }>(['lint', SHOP]);
    expect(lint.findings.filter((f) => f.target === 'flagd')).toEqual([]);
  });
});

describe('otel-shop: the orders topic on Kafka', () => {
  it('simulate --fail kafka: the consumers are degraded (a backlog), not down; the producer is hurt by its edge', () => {
    const sim = simulate('kafka');
    expect(statusOf(sim, 'accounting')).toBe('degraded');
    expect(statusOf(sim, 'fraud-detection')).toBe('degraded');
    expect(chain(sim, 'accounting')).toEqual(['accounting:async', 'kafka:fault']);
    expect(chain(sim, 'fraud-detection')).toEqual(['fraud-detection:async', 'kafka:fault']);
    // checkout's edge is soft: the demo's sendToPostProcessor logs a failed publish and
    // PlaceOrder still returns the order. So checkout, and the purchase it serves, degrade.
    expect(statusOf(sim, 'checkout')).toBe('degraded');
    expect(chain(sim, 'checkout')).toEqual(['checkout:soft', 'kafka:fault']);
    expect(statusOf(sim, 'purchase')).toBe('degraded');
    expect(chain(sim, 'purchase')).toEqual(['purchase:hard', 'checkout:soft', 'kafka:fault']);
    expect(statusOf(sim, 'browse')).toBe('up');
    expect(sim.nodes.filter((n) => n.status === 'down').map((n) => n.id)).toEqual(['kafka']);
  });

  it('the text names the backlog', () => {
    const r = faultline(['simulate', SHOP, '--fail', 'kafka']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('accounting consumes from kafka (async: a backlog) → kafka failed (fault)');
    expect(r.stdout).toContain('fraud-detection consumes from kafka (async: a backlog) → kafka failed (fault)');
  });

  it('a hard edge to the topic takes the producer down while the consumers only back up', () => {
    // The same shop with the producer edge made hard: what a producer without a fallback suffers.
    const dir = mkdtempSync(join(tmpdir(), 'faultline-producer-'));
    const text = readFileSync(join(ROOT, SHOP), 'utf8').replace('- { target: kafka, mode: soft }', '- { target: kafka }');
    expect(text).toContain('- { target: kafka }');
    writeFileSync(join(dir, 'shop.yaml'), text);
    const r = faultline(['simulate', 'shop.yaml', '--fail', 'kafka', '--format', 'json'], { cwd: dir });
    const sim = JSON.parse(r.stdout) as Sim;
    expect(statusOf(sim, 'checkout')).toBe('down');
    expect(chain(sim, 'checkout')).toEqual(['checkout:hard', 'kafka:fault']);
    expect(statusOf(sim, 'purchase')).toBe('down');
    expect(statusOf(sim, 'accounting')).toBe('degraded');
    expect(statusOf(sim, 'fraud-detection')).toBe('degraded');
  });
});

describe('otel-shop: the load generator needs the frontend only to start', () => {
  it('simulate --fail frontend leaves the running load generator up', () => {
    const sim = simulate('frontend');
    expect(statusOf(sim, 'load-generator')).toBe('up');
    expect(sim.nodes.map((n) => `${n.id} ${n.status}`).sort()).toEqual(['browse down', 'frontend down', 'frontend-proxy down', 'purchase down']);
  });

  it('recovery starts it after the frontend and the frontend-proxy (compose depends_on)', () => {
    const rec = json<{ waves: string[][]; deadlocked: unknown[]; blocked: unknown[] }>(['recovery', SHOP]);
    const wave = (id: string): number => rec.waves.findIndex((w) => w.includes(id));
    expect(rec.deadlocked).toEqual([]);
    expect(rec.blocked).toEqual([]);
    expect(wave('load-generator')).toBeGreaterThan(wave('frontend'));
    expect(wave('load-generator')).toBeGreaterThan(wave('frontend-proxy'));
    // The frontend waits for every backend compose lists, checkout waits for Kafka (its producer
    // is made once, at start-up); nothing waits for flagd, whose callers all fall back.
    expect(wave('frontend')).toBeGreaterThan(wave('checkout'));
    expect(wave('checkout')).toBeGreaterThan(wave('kafka'));
    expect(wave('flagd')).toBe(0);
  });
});

describe('otel-shop: journeys are targets, never failures', () => {
  const JOURNEYS = ['browse', 'purchase'];

  it('failing checkout takes the purchase journey down, and browse stays up', () => {
    const sim = simulate('checkout');
    expect(statusOf(sim, 'purchase')).toBe('down');
    expect(sim.nodes.find((n) => n.id === 'purchase')!.critical).toBe(true);
    expect(chain(sim, 'purchase')).toEqual(['purchase:hard', 'checkout:fault']);
    expect(statusOf(sim, 'browse')).toBe('up');
  });

  it('spof never ranks a journey as a failure, even with --all', () => {
    for (const args of [
      ['spof', SHOP],
      ['spof', SHOP, '--all'],
    ]) {
      const spof = json<{ failures: { fault: string; critical: string[] }[] }>(args);
      expect(spof.failures.map((f) => f.fault).filter((f) => JOURNEYS.includes(f))).toEqual([]);
    }
    // …while journeys are what the single points of failure are measured against.
    const spof = json<{ failures: { fault: string; critical: string[] }[] }>(['spof', SHOP]);
    expect(spof.failures.find((f) => f.fault === 'checkout')!.critical).toEqual(['purchase']);
  });

  it('no cut set contains a journey, for a journey or any other target', () => {
    for (const target of ['purchase', 'browse', 'checkout', 'frontend-proxy']) {
      const cuts = json<{ cutSets: { failures: string[] }[] }>(['cutsets', SHOP, '--target', target, '--max-order', '3']);
      expect(cuts.cutSets.length).toBeGreaterThan(0);
      expect(cuts.cutSets.flatMap((c) => c.failures).filter((f) => JOURNEYS.includes(f))).toEqual([]);
    }
    const purchase = json<{ cutSets: { failures: string[] }[] }>(['cutsets', SHOP, '--target', 'purchase']);
    expect(purchase.cutSets.map((c) => c.failures)).toContainEqual(['checkout']);
  });
});

describe('roblox-2021-replicated: one logical Consul cluster in three zones', () => {
  interface Finding {
    rule: string;
    target: string;
    message: string;
  }
  const findings = (): Finding[] => json<{ findings: Finding[] }>(['lint', ROBLOX]).findings;

  it('no zone and no single replica takes Consul down, yet its logical failure takes every platform service down', () => {
    for (const fault of ['zone-a', 'zone-b', 'zone-c', 'consul@zone-a']) {
      const sim = json<Sim>(['simulate', ROBLOX, '--fail', fault]);
      expect([fault, sim.summary.criticalDown]).toEqual([fault, 0]);
    }
    const sim = json<Sim>(['simulate', ROBLOX, '--fail', 'consul']);
    expect(
      sim.nodes
        .filter((n) => n.status === 'down')
        .map((n) => n.id)
        .sort(),
    ).toEqual(['consul', 'platform-svc-a', 'platform-svc-b', 'platform-svc-c', 'platform-svc-d', 'telemetry']);
  });

  it('single-point-of-failure keeps quiet about the replicated cluster', () => {
    const spof = findings()
      .filter((f) => f.rule === 'single-point-of-failure')
      .map((f) => f.target);
    expect(spof).not.toContain('consul');
    expect(spof).not.toContain('boltdb');
  });

  it('logical-single-point-of-failure reports it, acknowledging the replicas', () => {
    const logical = findings().filter((f) => f.rule === 'logical-single-point-of-failure');
    const consul = logical.find((f) => f.target === 'consul');
    expect(consul).toBeDefined();
    expect(consul!.message).toMatch(/consul runs 5 replicas/);
    expect(consul!.message).toContain('platform-svc-a');
  });
});

describe('bad input: one line with file:line:col, exit 2', () => {
  const cases: [string, string, RegExp][] = [
    [
      'phase: sometimes',
      'apiVersion: faultline/v1\ncomponents:\n  db: { kind: database }\n  api:\n    kind: service\n    dependsOn:\n      - { target: db, phase: sometimes }\n',
      /^bad\.yaml:7:30: error: api\.dependsOn\[0\]\.phase: expected one of "startup", "runtime", found "sometimes"$/,
    ],
    [
      'mode: async on a group with need larger than its members',
      'apiVersion: faultline/v1\ncomponents:\n  q1: { kind: queue }\n  q2: { kind: queue }\n  worker:\n    kind: service\n    dependsOn:\n      - { anyOf: [q1, q2], need: 3, mode: async }\n',
      /^bad\.yaml:8:34: error: worker needs 3 of a group of 2 \(lower need to at most 2, or add members\)$/,
    ],
    [
      'a journey placed in a zone',
      'apiVersion: faultline/v1\ncomponents:\n  zone-a: { kind: zone }\n  shop: { kind: service, in: zone-a }\n  checkout-flow:\n    kind: journey\n    in: zone-a\n    dependsOn: [shop]\n',
      /^bad\.yaml:7:9: error: checkout-flow is a journey, and journeys run nowhere \(remove "in" .*\)$/,
    ],
    [
      'fallback: "yes"',
      'apiVersion: faultline/v1\ncomponents:\n  flags: { kind: config }\n  api:\n    kind: service\n    dependsOn:\n      - { target: flags, fallback: "yes" }\n',
      /^bad\.yaml:7:36: error: api\.dependsOn\[0\]\.fallback: expected true or false, found "yes"$/,
    ],
  ];

  it.each(cases)('%s', (_, text, line) => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-bad-'));
    writeFileSync(join(dir, 'bad.yaml'), text);
    for (const command of [
      ['simulate', 'bad.yaml', '--fail', 'x'],
      ['lint', 'bad.yaml'],
      ['recovery', 'bad.yaml'],
    ]) {
      const r = faultline(command, { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines.filter((l) => /^bad\.yaml:\d+:\d+: error: /.test(l))).toHaveLength(1);
      expect(lines[0]).toMatch(line);
      expect(lines.slice(1)).toEqual(['faultline: 1 problem in the manifests; nothing was analysed']);
    }
  });
});

describe('hidden means redundancy defeated from below (spof --format json)', () => {
  interface Row {
    readonly fault: string;
    readonly hidden: boolean;
  }
  const rows = (file: string) => new Map(json<{ failures: Row[] }>(['spof', file, '--all']).failures.map((f) => [f.fault, f.hidden]));
  it('a region holding every zone of a single-region site is plain; the zone that defeats its web tier is hidden', () => {
    const dev341 = rows('fixtures/ecommerce-dev341.yaml');
    expect([dev341.get('us-east-1'), dev341.get('aws'), dev341.get('az1')]).toEqual([false, false, true]);
  });
  it('PagerDuty\'s shared peering point and us-east-1 under a "multi-region" customer stay hidden', () => {
    expect(rows('fixtures/pagerduty-2016.yaml').get('peering-point')).toBe(true);
    expect(rows('fixtures/aws-2025.yaml').get('us-east-1')).toBe(true);
  });
});
