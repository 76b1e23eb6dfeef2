import { describe, expect, it } from 'vitest';
import { parseLintConfig } from '../lint/config.js';
import { model } from '../test-support.js';
import { diffExitCode, diffModels } from './diff.js';
import { dependencyText } from './dependencies.js';
import { DIFF_FORMATTERS } from '../format/diff-formatters.js';

// Two fraud databases behind an anyOf, each reaching the network through its own exchange.
const PAIR = (uplinkOfB: string, extra = '') => `
  ix-ashburn: { kind: network }
  ix-chicago: { kind: network }
  fraud-db-a: { kind: database, dependsOn: [ix-ashburn] }
  fraud-db-b: { kind: database, dependsOn: [${uplinkOfB}] }
  payments: { kind: service, dependsOn: [{ anyOf: [fraud-db-a, fraud-db-b] }] }
  checkout: { kind: service, critical: true, weight: 10, dependsOn: [payments] }
${extra}`;

const lines = (list: readonly { change: string }[], text: (x: never) => string): string[] => list.map((x) => `${x.change} ${text(x as never)}`);

describe('components and dependencies', () => {
  const base = model(`
  az-a: { kind: zone }
  az-b: { kind: zone }
  cache-a: { kind: cache }
  cache-b: { kind: cache }
  old: { kind: cache }
  api: { kind: service, owner: team-a, in: { az-a: 2, az-b: 1 }, dependsOn: [old, { target: cache-a, mode: soft }] }
  web: { kind: service, tags: { tier: "1" }, dependsOn: [{ anyOf: [cache-a, cache-b] }, { anyOf: [az-a, az-b], need: 2 }], monitors: [api] }
`);
  const head = model(`
  az-a: { kind: zone }
  az-b: { kind: zone }
  cache-a: { kind: cache }
  cache-b: { kind: cache }
  cache-c: { kind: cache }
  api: { kind: service, owner: team-b, description: "now <b>with</b> | pipes", in: { az-a: 2, az-b: 2 }, dependsOn: [{ target: cache-a, mode: hard, timeoutMs: 50 }] }
  web: { kind: service, tags: { tier: "2" }, dependsOn: [{ anyOf: [az-b, az-a], need: 1 }, { anyOf: [cache-b, cache-c, cache-a] }] }
`);
  const diff = diffModels(base, head);

  it('lists components added, removed and changed, with the fields that differ', () => {
    expect(diff.components.map((c) => [c.change, c.id, c.fields.map((f) => `${f.field}: ${f.before} → ${f.after}`)])).toEqual([
      ['added', 'cache-c', []],
      ['changed', 'api', ['owner: team-a → team-b', 'description: null → now <b>with</b> | pipes']],
      ['changed', 'web', ['tags: tier=1 → tier=2']],
      ['removed', 'old', []],
    ]);
  });

  it('lists dependency entries: edges by target, groups by members (then overlap), placements, monitors', () => {
    expect(diff.dependencies.map((d) => [d.change, dependencyText(d), d.attributes, d.fields.map((f) => `${f.field}: ${f.before} → ${f.after}`)])).toEqual([
      ['changed', 'api in az-b', '×2', ['replicas: 1 → 2']],
      ['changed', 'api → cache-a', 'hard, timeoutMs 50', ['mode: soft → hard', 'timeoutMs: null → 50']],
      ['removed', 'api → old', 'hard', []],
      ['changed', 'web → anyOf [az-b, az-a]', 'hard, need 1', ['need: 2 → 1']],
      ['changed', 'web → anyOf [cache-b, cache-c, cache-a]', 'hard, need 1', ['anyOf: cache-a, cache-b → cache-a, cache-b, cache-c']],
      ['removed', 'web monitors api', '', []],
    ]);
    expect(diff.summary).toMatchObject({ componentsAdded: 1, componentsRemoved: 1, componentsChanged: 2, dependenciesAdded: 0, dependenciesRemoved: 2, dependenciesChanged: 4 });
  });

  it('says nothing about two identical versions', () => {
    const same = diffModels(base, base);
    expect([same.components, same.dependencies, same.findings.added, same.findings.fixed]).toEqual([[], [], [], []]);
    expect(same.critical.every((c) => !c.changed)).toBe(true);
    expect(DIFF_FORMATTERS.markdown(same).split('\n')[0]).toBe('### faultline diff: ✅ No architecture changes');
    expect(diffExitCode(same)).toBe(0);
  });
});

/** Each rule at its own severity: these models declare no placement, which would lower SPOF findings to warnings. */
const RULE_SEVERITIES = { rules: new Map(), spofWithoutPlacements: 'rule' } as const;

describe('SPOFs of critical components', () => {
  it('finds the hidden SPOF when only a shared-fate edge moves, with its chain and the redundancy it defeats', () => {
    const diff = diffModels(model(PAIR('ix-chicago')), model(PAIR('ix-ashburn')), { config: RULE_SEVERITIES });
    expect(lines(diff.components, () => '')).toEqual([]);
    expect(lines(diff.dependencies, dependencyText)).toEqual(['added fraud-db-b → ix-ashburn', 'removed fraud-db-b → ix-chicago']);
    const [checkout] = diff.critical;
    expect(checkout).toMatchObject({ id: 'checkout', changed: true, before: { spofs: ['payments'] }, after: { spofs: ['ix-ashburn', 'payments'] }, lost: [] });
    expect(checkout!.gained).toHaveLength(1);
    expect(checkout!.gained[0]).toMatchObject({
      fault: 'ix-ashburn',
      via: ['payments', 'fraud-db-b'],
      defeats: { owner: 'payments', kind: 'anyOf', members: ['fraud-db-a', 'fraud-db-b'], need: 1 },
    });
    expect(diff.summary).toMatchObject({ newSpofs: 1, componentsWithNewSpofs: 1, removedSpofs: 0, newErrors: 1, newWarnings: 1 });
    expect(diffExitCode(diff)).toBe(1);
    const md = DIFF_FORMATTERS.markdown(diff);
    expect(md.split('\n')[0]).toBe('### faultline diff: ⚠️ This change adds 1 SPOF for a critical component and 1 error finding');
    expect(md).toContain("- 🔴 **checkout** gains a new SPOF: `ix-ashburn` (via payments → fraud-db-b; hidden: it defeats payments' anyOf [fraud-db-a, fraud-db-b])");
  });

  it('reports the SPOF lost when the edge moves back, and passes', () => {
    const diff = diffModels(model(PAIR('ix-ashburn')), model(PAIR('ix-chicago')));
    expect(diff.critical[0]!.lost.map((s) => s.fault)).toEqual(['ix-ashburn']);
    expect(diff.findings.fixed.map((f) => f.rule)).toEqual(['single-point-of-failure', 'shared-fate-redundancy']);
    expect(diffExitCode(diff)).toBe(0);
    expect(DIFF_FORMATTERS.markdown(diff).split('\n')[0]).toBe(
      '### faultline diff: ✅ No new single points of failure and no new error findings; this change removes 1 SPOF and fixes 2 findings',
    );
  });

  it('tracks the worst single failure and its blast radius, before and after', () => {
    const base = model(PAIR('ix-chicago', '  shop: { kind: service, critical: true, dependsOn: [checkout] }\n'));
    const head = model(
      PAIR('ix-chicago', '  shop: { kind: service, critical: true, dependsOn: [checkout] }\n  app: { kind: service, critical: true, weight: 5, dependsOn: [payments] }\n'),
    );
    const diff = diffModels(base, head);
    const checkout = diff.critical.find((c) => c.id === 'checkout')!;
    expect([checkout.before!.worst, checkout.after!.worst]).toEqual([
      { fault: 'payments', impact: 11, down: 2 },
      { fault: 'payments', impact: 16, down: 3 },
    ]);
    expect(checkout.changed).toBe(true);
    expect(checkout.gained).toEqual([]);
    // A new critical component arrives with its SPOFs: they are new.
    const app = diff.critical.find((c) => c.id === 'app')!;
    expect(app.before).toBeUndefined();
    expect(app).toMatchObject({ after: { spofs: ['payments'] }, gained: [{ fault: 'payments', via: [] }] });
    expect(DIFF_FORMATTERS.text(diff)).toContain('app gains a new SPOF: payments (directly)');
  });

  it('counts what the single-point-of-failure rule counts: no region or provider, no whole replicated component, unless configured', () => {
    const body = `
  region: { kind: region }
  az-a: { kind: zone, in: region }
  az-b: { kind: zone, in: region }
  web: { kind: service, in: [az-a, az-b] }
  site: { kind: service, critical: true, in: az-a, dependsOn: [web] }
`;
    const diff = diffModels(model('  placeholder: { kind: service }\n'), model(body));
    expect(diff.critical.map((c) => [c.id, c.after?.spofs])).toEqual([
      ['site', ['az-a']],
      ['placeholder', undefined],
    ]);
    const config = parseLintConfig('rules:\n  single-point-of-failure: { includeReplicated: true, ignoreKinds: [] }\n', 'faultline.config.yaml').config!;
    expect(diffModels(model('  placeholder: { kind: service }\n'), model(body), { config }).critical[0]!.after!.spofs).toEqual(['region', 'az-a', 'web']);
  });
});

describe('findings new and fixed', () => {
  it('matches findings by identity, never by line: moving a component in the file changes nothing', () => {
    const a = model(PAIR('ix-ashburn'));
    const b = model(`  filler: { kind: service }\n\n\n${PAIR('ix-ashburn').split('\n').reverse().join('\n')}`);
    const diff = diffModels(a, b);
    expect(diff.findings.added.map((f) => f.rule)).toEqual([]);
    expect(diff.findings.fixed).toEqual([]);
    expect(diff.findings.unchanged).toBe(3);
  });

  it('counts new errors for the exit code and new warnings only for the report', () => {
    const zones = '  z1: { kind: zone }\n  z2: { kind: zone }\n';
    const base = model(`${zones}  a: { kind: service, critical: true, in: [z1, z2] }\n  b: { kind: service, in: [z1, z2] }\n  c: { kind: service, in: [z1, z2] }\n`);
    const head = model(
      `${zones}  a: { kind: service, critical: true, in: [z1, z2], dependsOn: [{ target: b, timeoutMs: 100 }] }\n  b: { kind: service, in: [z1, z2], dependsOn: [{ target: c, timeoutMs: 100, retries: 1 }] }\n  c: { kind: service, in: [z1, z2] }\n`,
    );
    const warnOnly = diffModels(base, head);
    expect(warnOnly.findings.added.map((f) => `${f.severity} ${f.rule} ${f.target}`)).toEqual([
      // b and c, replicated, now take a down when they fail as a whole, but each has one user:
      // logical-single-point-of-failure (minDependents: 2) stays silent.
      'warn timeout-inversion a',
    ]);
    expect(warnOnly.summary.newSpofs).toBe(0);
    expect(diffExitCode(warnOnly)).toBe(0);
  });
});

describe('diff formats', () => {
  const diff = diffModels(
    model(PAIR('ix-chicago', '  svc: { kind: service, owner: a }\n')),
    model(PAIR('ix-ashburn', '  svc: { kind: service, owner: "<img src=x onerror=alert(1)> | *x*" }\n')),
    { config: RULE_SEVERITIES },
  );

  it('markdown: verdict first, then collapsible sections; manifest text escaped', () => {
    const md = DIFF_FORMATTERS.markdown(diff);
    expect(md.match(/<details><summary>[^<]*<\/summary>/g)).toEqual([
      '<details><summary>Critical components: 1 of 1 changed</summary>',
      '<details><summary>Findings: 2 new (1 error, 1 warning), 0 fixed</summary>',
      '<details><summary>Components: 0 added, 0 removed, 1 changed</summary>',
      '<details><summary>Dependencies: 1 added, 1 removed, 0 changed</summary>',
    ]);
    expect(md).toContain('- ✏️ `svc` (service): owner a → &lt;img src=x onerror=alert(1)&gt; \\| \\*x\\*');
    expect(md).not.toContain('<img');
    expect(md).toContain('| 🔴 | `checkout` | 1 → 2 | `payments`: impact 10, 1 other down → `ix-ashburn`: impact 10, 4 others down |');
  });

  it('markdown: caps long sections and says how many were left out', () => {
    const md = DIFF_FORMATTERS.markdown(diff, { maxItems: 1 });
    expect(md).toContain('- ➕ fraud-db-b → ix-ashburn (hard)\n- … and 1 more (`--format json` lists them all)');
  });

  it('json: the complete contract with the verdict and the exit code', () => {
    const json = JSON.parse(DIFF_FORMATTERS.json(diff));
    expect(Object.keys(json)).toEqual(['verdict', 'base', 'head', 'summary', 'critical', 'findings', 'components', 'dependencies']);
    expect(json.verdict).toEqual({ worse: true, text: 'This change adds 1 SPOF for a critical component and 1 error finding', exitCode: 1 });
    expect(json.critical[0].gained[0]).toMatchObject({ fault: 'ix-ashburn', via: ['payments', 'fraud-db-b'], impact: 10, down: 4 });
    expect(json.findings.new[0]).toMatchObject({ rule: 'single-point-of-failure', severity: 'error', target: 'ix-ashburn', fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/) });
  });

  it('text: never prints control characters from a manifest', () => {
    const evil = diffModels(model('  a: { kind: service }\n'), model('  a: { kind: service, owner: "\\e[31mred" }\n'));
    const text = DIFF_FORMATTERS.text(evil);
    expect(text).not.toContain('\u001b');
    expect(text).toContain('~ a: owner unset → \\x1b[31mred');
  });
});
