/**
 * Starter files for `faultline init`
 * ==================================
 *
 * A small, commented manifest that shows the vocabulary (domains, replicas,
 * `minHealthy`, groups, soft edges, timeouts, a monitor) and lints clean
 * (no finding at all),
 * and a config that lists every rule at its default severity with its
 * options, generated from the rules' metadata so it never goes stale.
 */
import { RULE_IDS, RULES } from './registry.js';
import { optionDocs, type Rule } from './rule.js';

/** The schema file `init` writes beside the manifest, for editor completion. */
export const STARTER_SCHEMA_FILE = 'faultline.schema.json';

/** A manifest that lints clean (no finding) and shows the main features. */
export const STARTER_MANIFEST = `# yaml-language-server: $schema=./${STARTER_SCHEMA_FILE}
# A starter faultline manifest. Describe where things run (domains: provider, region, zone,
# datacenter, network, power) and what runs there, then:
#   faultline lint .                          # the CI gate (exit 1 on errors)
#   faultline simulate . --fail us-east-1     # what breaks, and why
apiVersion: faultline/v1
name: my-system
components:
  # --- where things run ---
  aws: { kind: provider }
  us-east-1: { kind: region, in: aws }
  use1-az1: { kind: zone, in: us-east-1 }
  use1-az2: { kind: zone, in: us-east-1 }
  us-west-2: { kind: region, in: aws }
  usw2-az1: { kind: zone, in: us-west-2 }
  usw2-az2: { kind: zone, in: us-west-2 }

  # --- what runs ---
  web:
    kind: service
    critical: true        # findings are measured against critical components
    weight: 10            # its share of the impact when it goes down
    in: [use1-az1, use1-az2, usw2-az1, usw2-az2]   # one replica in each zone
    minHealthy: 2         # down when fewer than 2 replicas are up
    dependsOn:
      - { anyOf: [dns-use1, dns-usw2], via: dns }  # either region's DNS will do
      - { target: api, timeoutMs: 2000, retries: 1, circuitBreaker: true }
  # Replicas survive a zone, not a bad deploy of every replica at once: lint warns about such
  # logical failures of a component several others use (logical-single-point-of-failure);
  # accept one with a faultline-ignore comment on it and the reason it is safe.
  api:
    kind: service
    critical: true
    in: [use1-az1, use1-az2, usw2-az1, usw2-az2]
    minHealthy: 2
    dependsOn:
      - { anyOf: [dns-use1, dns-usw2], via: dns }
      - { target: db, via: data, timeoutMs: 500 }
      - { target: cache, mode: soft, timeoutMs: 50, fallback: true }   # a miss goes to db
  db:
    kind: database
    scope: global         # a claim lint checks: no single region may take it down
    in: [use1-az1, use1-az2, usw2-az1]
  cache: { kind: cache, in: [use1-az1, usw2-az1] }
  dns-use1: { kind: dns, scope: regional, in: [use1-az1, use1-az2] }
  dns-usw2: { kind: dns, scope: regional, in: [usw2-az1, usw2-az2] }

  monitoring:
    kind: monitoring
    description: Hosted outside the system it watches, so it sees every failure above.
    monitors: [web, api, db]
`;

/** The starter config: every rule at its default severity, with its options and defaults. */
export function starterConfig(): string {
  const lines = [
    '# faultline.config.yaml: per-rule severity (error, warn, off) and options.',
    '# `faultline rules` lists every rule; each has a page, docs/rules/<rule-id>.md in the faultline repository.',
    '# Silence one finding on a component with a comment on it or above it:',
    '#   # faultline-ignore <rule-id> <reason>',
    'rules:',
  ];
  for (const id of RULE_IDS) {
    const rule = RULES[id] as Rule;
    lines.push(`  # ${rule.description.replace(/`/g, '')}`);
    const options = optionDocs(rule);
    if (options.length === 0) lines.push(`  ${id}: ${rule.defaultSeverity}`);
    else lines.push(`  ${id}: { severity: ${rule.defaultSeverity}, ${options.map((o) => `${o.name}: ${o.default}`).join(', ')} }`);
  }
  lines.push(
    '',
    '# Accept known findings so that CI fails only on new ones (path relative to this file);',
    '# write it with `faultline lint . --write-baseline faultline-baseline.json`.',
    '# baseline: faultline-baseline.json',
  );
  return `${lines.join('\n')}\n`;
}
