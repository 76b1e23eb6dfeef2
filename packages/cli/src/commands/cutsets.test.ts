import { describe, expect, it } from 'vitest';
import { cli, workspace } from '../test-support.js';

// Salesforce, in small: the datacenter's power, and a failover that is itself broken.
const SALESFORCE = `  dc1-power: { kind: power }
  dc-1: { kind: datacenter, dependsOn: [dc1-power] }
  db: { kind: database, in: dc-1 }
  failover: { kind: service }
  db-dc2: { kind: database, dependsOn: [failover] }
  dns: { kind: dns }
  app: { kind: service, critical: true, dependsOn: [dns, { anyOf: [db, db-dc2] }] }
`;

describe('faultline cutsets', () => {
  it('answers the question on the first line, then lists each set with the chain of causes', async () => {
    const r = await cli(workspace(SALESFORCE), 'cutsets', 'm.yaml', '--target', 'app');
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toBe(
      [
        'app: 1 single point of failure and 6 minimal pairs (order ≤ 2)',
        '',
        'Single points of failure (1)',
        '  dns',
        '      app needs dns → dns failed (fault)',
        '',
        'Pairs (6)',
        '  dc1-power + failover',
        '      app lost its group member db → db runs in dc-1 → dc-1 needs dc1-power → dc1-power failed (fault)',
        '      anyOf [db, db-dc2] lost db, db-dc2 (needs 1)',
        '  dc1-power + db-dc2',
        '      app lost its group member db → db runs in dc-1 → dc-1 needs dc1-power → dc1-power failed (fault)',
        '      anyOf [db, db-dc2] lost db, db-dc2 (needs 1)',
        '  dc-1 + failover',
        '      app lost its group member db → db runs in dc-1 → dc-1 failed (fault)',
        '      anyOf [db, db-dc2] lost db, db-dc2 (needs 1)',
        '  dc-1 + db-dc2',
        '      app lost its group member db → db runs in dc-1 → dc-1 failed (fault)',
        '      anyOf [db, db-dc2] lost db, db-dc2 (needs 1)',
        '  db + failover',
        '      app lost its group member db-dc2 → db-dc2 needs failover → failover failed (fault)',
        '      anyOf [db, db-dc2] lost db, db-dc2 (needs 1)',
        '  db + db-dc2',
        '      app lost its group member db-dc2 → db-dc2 failed (fault)',
        '      anyOf [db, db-dc2] lost db, db-dc2 (needs 1)',
        '',
      ].join('\n'),
    );
  });

  it('prints every set with its chain as JSON, and a markdown table capped by --top', async () => {
    const dir = workspace(SALESFORCE);
    const json = JSON.parse((await cli(dir, 'cutsets', 'm.yaml', '--target', 'app', '--format', 'json')).out);
    expect(json).toMatchObject({ target: 'app', maxOrder: 2, truncated: false, completeThrough: 2, counts: [1, 6] });
    expect(json.cutSets.map((s: { failures: string[] }) => s.failures.join('+'))).toEqual([
      'dns',
      'dc1-power+failover',
      'dc1-power+db-dc2',
      'dc-1+failover',
      'dc-1+db-dc2',
      'db+failover',
      'db+db-dc2',
    ]);
    expect(json.cutSets[1].chain.at(-1)).toEqual({ id: 'dc1-power', status: 'down', link: 'fault' });
    const md = (await cli(dir, 'cutsets', 'm.yaml', '--target', 'app', '--format', 'markdown', '--top', '2')).out;
    expect(md).toContain('| 2 | `dc1-power` + `failover` | 2 | app lost its group member db');
    expect(md).toContain('Showing 2 of 7 cut sets.');
  });

  it('searches larger sets with --max-order and says when --budget cuts the search short', async () => {
    const dir = workspace(`  a: { kind: service }
  b: { kind: service }
  c: { kind: service }
  top: { kind: service, dependsOn: [{ anyOf: [a, b, c] }] }
`);
    expect((await cli(dir, 'cutsets', 'm.yaml', '--target', 'top')).out.split('\n')[0]).toBe('top: no single point of failure and no minimal pair (order ≤ 2)');
    const three = await cli(dir, 'cutsets', 'm.yaml', '--target', 'top', '--max-order', '3');
    expect(three.out.split('\n')[0]).toBe('top: no single point of failure, no minimal pair and 1 minimal triple (order ≤ 3)');
    const cut = await cli(dir, 'cutsets', 'm.yaml', '--target', 'top', '--max-order', '3', '--budget', '3');
    expect(cut.code).toBe(0);
    expect(cut.out).toBe(
      [
        'top: no single point of failure, no minimal pair found and no minimal triple found (order ≤ 3) — search cut short, complete up to order 1',
        '',
        'Search cut short: the search stopped after 18 steps: the list is complete up to order 1; sets of 2 to 3 failures may be missing (raise the budget).',
        '',
      ].join('\n'),
    );
    expect(JSON.parse((await cli(dir, 'cutsets', 'm.yaml', '--target', 'top', '--max-order', '3', '--budget', '3', '--format', 'json')).out)).toMatchObject({
      truncated: true,
      completeThrough: 1,
      counts: [0, 0, 0],
    });
  });

  it('exits 2 with one line on an unknown target, a missing --target or bad numbers', async () => {
    const dir = workspace(SALESFORCE);
    expect(await cli(dir, 'cutsets', 'm.yaml', '--target', 'apq')).toEqual({
      code: 2,
      out: '',
      err: 'faultline: error: unknown component "apq" for --target (did you mean "app"?)\n',
    });
    const missing = await cli(dir, 'cutsets', 'm.yaml');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("required option '-t, --target <id>' not specified");
    const bad = await cli(dir, 'cutsets', 'm.yaml', '--target', 'app', '--max-order', '0');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('expected a whole number ≥ 1, e.g. --max-order 3');
    const invalid = await cli(workspace('  a: { kind: service, dependsOn: [nope] }\n'), 'cutsets', 'm.yaml', '--target', 'a');
    expect(invalid.code).toBe(2);
    expect(invalid.err.split('\n')[0]).toMatch(/^m\.yaml:4:\d+: error: unknown component "nope"/);
  });

  it('cuts a journey by what it depends on, and never lists a journey as a failure', async () => {
    const dir = workspace(`  a: { kind: service }
  b: { kind: service }
  checkout: { kind: journey, dependsOn: [{ anyOf: [a, b] }] }
  browse: { kind: journey, dependsOn: [checkout] }
`);
    const json = JSON.parse((await cli(dir, 'cutsets', 'm.yaml', '--target', 'browse', '--format', 'json')).out);
    expect(json.cutSets.map((s: { failures: string[] }) => s.failures)).toEqual([['a', 'b']]);
  });
});
