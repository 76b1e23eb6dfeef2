import { describe, expect, it } from 'vitest';
import { cli, workspace } from '../test-support.js';

// PagerDuty 2016: three "independent" deployments behind a 2-of-3 quorum, two sharing one peering point.
const PAGERDUTY = `  peering-point: { kind: network }
  dc-a: { kind: datacenter, dependsOn: [peering-point] }
  dc-b: { kind: datacenter, dependsOn: [peering-point] }
  dc-c: { kind: datacenter }
  pagerduty-a: { kind: service, in: dc-a }
  pagerduty-b: { kind: service, in: dc-b }
  pagerduty-c: { kind: service, in: dc-c }
  notifications: { kind: service, critical: true, weight: 10, dependsOn: [{ anyOf: [pagerduty-a, pagerduty-b, pagerduty-c], need: 2 }] }
  consul: { kind: discovery }
  api: { kind: service, critical: true, in: [dc-a, dc-c], dependsOn: [consul] }
`;

describe('faultline spof', () => {
  it('answers the question on the first line, then ranks the SPOFs with hidden ones explained', async () => {
    const r = await cli(workspace(PAGERDUTY), 'spof', 'm.yaml');
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toBe(
      [
        '2 single points of failure (1 hidden behind redundancy); the worst: peering-point takes down 5 other components (1 critical) — impact 10',
        '',
        '  #  impact  others down  degraded  failure        critical victims',
        '  1      10            5         0  peering-point  notifications',
        '                                    hidden: defeats the anyOf [pagerduty-a, pagerduty-b, pagerduty-c] (need 2) of notifications',
        '  2       1            1         0  consul         api',
        '',
      ].join('\n'),
    );
  });

  it('counts the components a failure takes down without the failure itself, one fewer than simulate, and says so', async () => {
    const dir = workspace(PAGERDUTY);
    const spof = await cli(dir, 'spof', 'm.yaml');
    const sim = await cli(dir, 'simulate', 'm.yaml', '--fail', 'peering-point');
    expect(spof.out).toContain('peering-point takes down 5 other components');
    expect(sim.out.split('\n')[0]).toMatch(/^If peering-point fails: 6 down\b/);
    const one = await cli(workspace('  a: { kind: service }\n  b: { kind: service, critical: true, dependsOn: [a] }\n'), 'spof', 'm.yaml');
    expect(one.out.split('\n')[0]).toBe('1 single point of failure; the worst: a takes down 1 other component (1 critical) — impact 1');
  });

  it('lists every failure with --all, capped by --top', async () => {
    const r = await cli(workspace(PAGERDUTY), 'spof', 'm.yaml', '--all', '--top', '3');
    expect(
      r.out
        .split('\n')
        .filter((l) => /^\s+\d+\s/.test(l))
        .map((l) => l.trim().split(/\s+/)[4]),
    ).toEqual(['peering-point', 'notifications', 'consul']);
    expect(r.out).toContain('Showing 3 of 12 single failures');
  });

  it('prints the JSON contract: exact counts and the first 25 victims of each kind', async () => {
    const r = await cli(workspace(PAGERDUTY), 'spof', 'm.yaml', '--format', 'json');
    expect(r.code).toBe(0);
    const counts = (down: number, critical: number) => ({ downCount: down, degradedCount: 0, criticalCount: critical });
    expect(JSON.parse(r.out)).toEqual({
      listed: 25,
      failures: [
        {
          fault: 'peering-point',
          impact: 10,
          ...counts(5, 1),
          down: ['dc-a', 'dc-b', 'pagerduty-a', 'pagerduty-b', 'notifications'],
          degraded: [],
          critical: ['notifications'],
          hidden: true,
        },
        { fault: 'consul', impact: 1, ...counts(1, 1), down: ['api'], degraded: [], critical: ['api'], hidden: false },
      ],
    });
    const all = JSON.parse((await cli(workspace(PAGERDUTY), 'spof', 'm.yaml', '--format', 'json', '--all')).out);
    expect(all.failures.map((f: { fault: string }) => f.fault)).toContain('api@dc-a');
    expect(all.failures).toHaveLength(12);
  });

  it('writes a markdown table for PR comments', async () => {
    const r = await cli(workspace(PAGERDUTY), 'spof', 'm.yaml', '--format', 'markdown');
    expect(r.out).toContain('| # | failure | impact | others down | degraded | critical victims | hidden |');
    expect(r.out).toContain('| 1 | `peering-point` | 10 | 5 | 0 | `notifications` | yes: defeats the anyOf');
  });

  it('says so when there is no single point of failure', async () => {
    const r = await cli(workspace('  a: { kind: service }\n  b: { kind: service, critical: true, dependsOn: [{ target: a, mode: soft }] }\n'), 'spof', 'm.yaml');
    expect(r).toEqual({ code: 0, err: '', out: 'No single point of failure: none of the 2 single failures takes a critical component down\n' });
  });

  it('exits 2 with one line on bad input', async () => {
    const dir = workspace('  a: { kind: service, dependsOn: [nope] }\n');
    const bad = await cli(dir, 'spof', 'm.yaml');
    expect(bad.code).toBe(2);
    expect(bad.err.split('\n')[0]).toMatch(/^m\.yaml:4:\d+: error: unknown component "nope"/);
    const top = await cli(dir, 'spof', 'm.yaml', '--top', 'x');
    expect(top.code).toBe(2);
    expect(top.err).toContain('expected a positive whole number');
    expect((await cli(dir, 'spof', 'missing.yaml')).err).toBe('faultline: error: cannot read "missing.yaml": no such file or directory (check the path)\n');
  });

  it('never ranks a journey: it is only a victim', async () => {
    const dir = workspace(`  db: { kind: database }
  api: { kind: service, critical: false, dependsOn: [db] }
  purchase: { kind: journey, dependsOn: [api] }
`);
    const json = JSON.parse((await cli(dir, 'spof', 'm.yaml', '--format', 'json', '--all')).out);
    expect(json.failures.map((f: { fault: string; critical: string[] }) => [f.fault, f.critical])).toEqual([
      ['db', ['purchase']],
      ['api', ['purchase']],
    ]);
  });

  it('stays linear on a 3,000-long chain: each failure lists 25 victims of each kind, the counts stay exact', async () => {
    const n = 3000;
    const body = Array.from({ length: n }, (_, i) => `  c${i}: { kind: service${i > 0 ? `, dependsOn: [c${i - 1}]` : ''} }`).join('\n');
    const r = await cli(workspace(`${body}\n`), 'spof', 'm.yaml', '--format', 'json');
    const json = JSON.parse(r.out);
    expect(json.failures).toHaveLength(n - 1);
    expect(json.failures[0]).toMatchObject({ fault: 'c0', impact: n, downCount: n - 1, criticalCount: n - 1 });
    expect(json.failures[0].down).toHaveLength(25);
    // Every victim of every failure listed was n²/2 = 4.5 million ids twice over (down and critical), ~150 MB.
    expect(r.out.length).toBeLessThan(n * 60 * 25);
  });
});
