/**
 * The incidents faultline must explain: each fixture pins what its incident
 * teaches, through `simulate`. The facts, their sources and each fixture's
 * modelling choices are in docs/incidents.md (one section per incident);
 * fixtures/README.md lists every expectation.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '@faultline/core';
import { chainOf, fail, fixture, ids } from './support.js';

describe('Roblox, Oct 2021: one Consul cluster under everything, telemetry included', () => {
  const m = fixture('fixtures/roblox-2021.yaml');
  it('failing Consul takes down every platform service and blinds telemetry', () => {
    const sim = fail(m, 'consul');
    expect(ids(sim, 'down')).toEqual(['consul', 'platform-svc-a', 'platform-svc-b', 'platform-svc-c', 'platform-svc-d', 'telemetry']);
    expect(sim.summary.criticalDown).toBe(4);
    expect(chainOf(sim, 'telemetry')).toEqual(['telemetry:hard', 'consul:fault']);
  });
  it('the trigger (streaming on BoltDB) takes Consul, and with it everything, down', () => {
    expect(ids(fail(m, 'boltdb'), 'down')).toContain('telemetry');
    expect(ids(fail(m, 'consul-streaming'), 'down')).toContain('platform-svc-a');
  });
  it('a slow BoltDB is enough: Consul waits on it with no timeout', () => {
    const slow = simulate(m, [{ target: 'boltdb', effect: 'slow' }]);
    expect(slow.status('consul')).toBe('down');
    expect(slow.status('telemetry')).toBe('down');
    expect(slow.status('boltdb')).toBe('degraded');
  });
  it('the fixed variant: one Consul cell fails alone, telemetry survives even both', () => {
    const fixed = fixture('fixtures/roblox-2021-fixed.yaml');
    expect(ids(fail(fixed, 'consul-cell-a'), 'down')).toEqual(['consul-cell-a']);
    const both = fail(fixed, 'consul-cell-a', 'consul-cell-b');
    expect(both.status('telemetry')).toBe('up');
  });
});

describe('AWS us-east-1, Dec 2021: "global" IAM, console and Cognito live in us-east-1', () => {
  const m = fixture('fixtures/aws-2021.yaml');
  it('failing us-east-1 takes down a service that runs only in us-west-2, through IAM', () => {
    const sim = fail(m, 'us-east-1');
    expect(ids(sim, 'down')).toEqual(['aws-console', 'cognito', 'iam', 'svc-west', 'us-east-1', 'use1-az1', 'use1-az2']);
    const chain = chainOf(sim, 'svc-west');
    expect(chain[0]).toBe('svc-west:hard');
    expect(chain[1]).toBe('iam:placement');
    expect(chain.at(-1)).toBe('us-east-1:fault');
  });
  it('the global services are down although they claim scope: global', () => {
    const sim = fail(m, 'us-east-1');
    for (const id of ['iam', 'cognito', 'aws-console']) {
      expect(m.components.get(id)!.scope).toBe('global');
      expect(sim.status(id)).toBe('down');
    }
  });
  it('the fixed variant keeps svc-west and the global services up', () => {
    const sim = fail(fixture('fixtures/aws-2021-fixed.yaml'), 'us-east-1');
    for (const id of ['svc-west', 'iam', 'cognito', 'aws-console']) expect(sim.status(id)).toBe('up');
  });
});

describe('AWS us-east-1, Oct 2025: DNS automation → DynamoDB endpoint → everything', () => {
  const m = fixture('fixtures/aws-2025.yaml');
  it('failing us-east-1 DNS takes down DynamoDB, EC2 launches, Lambda and the customer service', () => {
    const sim = fail(m, 'kind=dns in=us-east-1');
    const down = ids(sim, 'down');
    for (const id of ['dynamodb-endpoint-dns', 'dynamodb', 'ec2-launch', 'lambda', 'nlb-health-checks', 'aws-auth', 'customer-service']) {
      expect(down).toContain(id);
    }
    expect(down).toHaveLength(16);
    expect(ids(sim, 'degraded')).toEqual(['nlb']);
  });
  it('the DNS Enactor alone causes the same cascade', () => {
    const sim = fail(m, 'dns-enactor');
    expect(sim.status('dynamodb')).toBe('down');
    expect(sim.status('ec2-launch')).toBe('down');
    expect(chainOf(sim, 'dynamodb').slice(0, 2)).toEqual(['dynamodb:hard', 'dynamodb-endpoint-dns:hard']);
  });
  it("the customer's us-west-2 half falls too: control-plane concentration in one region", () => {
    const sim = fail(m, 'us-east-1');
    expect(sim.status('customer-app-usw2')).toBe('down');
    expect(sim.status('customer-service')).toBe('down');
    expect(fail(m, 'us-west-2').status('customer-service')).toBe('up');
  });
});

describe('Cloudflare, Nov 2025: a globally pushed feature file', () => {
  const m = fixture('fixtures/cloudflare-2025.yaml');
  it('a database permission change takes down every edge proxy, the customers and Downdetector', () => {
    const sim = fail(m, 'ch-permissions');
    const down = ids(sim, 'down');
    for (const id of ['bot-feature-file', 'edge-proxy-emea', 'edge-proxy-americas', 'edge-proxy-apac', 'chatgpt', 'claude', 'spotify', 'downdetector']) {
      expect(down).toContain(id);
    }
    expect(sim.status('cf-status-page')).toBe('up');
  });
  it('regional redundancy does not help: one region alone fails alone', () => {
    const sim = fail(m, 'cf-emea');
    expect(ids(sim, 'down')).toEqual(['bot-mgmt-emea', 'cf-emea', 'edge-proxy-emea']);
    expect(sim.status('chatgpt')).toBe('up');
  });
  it('Downdetector monitors customers and depends on Cloudflare itself', () => {
    const dd = m.components.get('downdetector')!;
    expect(dd.monitors.length).toBeGreaterThan(0);
    expect(fail(m, 'bot-feature-file').status('downdetector')).toBe('down');
  });
  it('the fixed variant (staged, keep last good file): every Bot Management copy falls back, nothing else worsens', () => {
    const fixed = fixture('fixtures/cloudflare-2025-fixed.yaml');
    const sim = fail(fixed, 'bot-feature-file');
    expect(ids(sim, 'down')).toEqual(['bot-feature-file']);
    expect(ids(sim, 'degraded')).toEqual([]);
    expect(sim.status('chatgpt')).toBe('up');
    expect(sim.fellBack.map((f) => `${f.id}>${f.target}`)).toEqual(['bot-mgmt-emea>bot-feature-file', 'bot-mgmt-americas>bot-feature-file', 'bot-mgmt-apac>bot-feature-file']);
    // Downdetector keeps its dependency on Cloudflare: only the provider as a whole now blinds it with its customers.
    const provider = fail(fixed, 'cloudflare');
    expect([provider.status('downdetector'), provider.status('chatgpt')]).toEqual(['down', 'down']);
  });
});

describe('PagerDuty 2016: two of three "independent" deployments share a peering point', () => {
  const m = fixture('fixtures/pagerduty-2016.yaml');
  it('failing the peering point takes down two of three deployments, and the quorum with them', () => {
    const sim = fail(m, 'peering-point');
    expect(ids(sim, 'down')).toEqual(['dc-a', 'dc-b', 'notifications', 'pagerduty-a', 'pagerduty-b', 'peering-point']);
    expect(sim.status('pagerduty-c')).toBe('up');
    const notifications = sim.nodes.find((n) => n.id === 'notifications')!;
    expect(notifications.because[0]).toMatchObject({ type: 'group', need: 2, lost: ['pagerduty-a', 'pagerduty-b'] });
  });
  it('one datacenter alone is survived', () => {
    expect(fail(m, 'dc-a').status('notifications')).toBe('up');
    expect(fail(m, 'dc-c').status('notifications')).toBe('up');
  });
  it('the fixed variant survives either peering point', () => {
    const fixed = fixture('fixtures/pagerduty-2016-fixed.yaml');
    expect(fail(fixed, 'peering-point').status('notifications')).toBe('up');
    expect(fail(fixed, 'peering-point-b').status('notifications')).toBe('up');
  });
});

describe('Salesforce: data-center power, and a failover path that was itself broken', () => {
  const m = fixture('fixtures/salesforce.yaml');
  it('power alone is survived through failover', () => {
    const sim = fail(m, 'dc1-power');
    expect(sim.status('db-cluster')).toBe('down');
    expect(sim.status('salesforce-app')).toBe('up');
  });
  it('power plus the broken failover path takes the application down', () => {
    expect(fail(m, 'dc1-power', 'dc-failover').status('salesforce-app')).toBe('down');
  });
});

describe('Azure 2021: DNS and Azure AD under every login', () => {
  const m = fixture('fixtures/azure-2021.yaml');
  it('AAD takes down Office 365 and Teams', () => {
    expect(ids(fail(m, 'aad'), 'down')).toEqual(['aad', 'azure-hosted-app', 'customer-business', 'office365', 'teams']);
  });
  it('DNS takes down AAD and everything above it', () => {
    const sim = fail(m, 'azure-dns');
    expect(sim.status('aad')).toBe('down');
    expect(chainOf(sim, 'teams').at(-1)).toBe('azure-dns:fault');
  });
});

describe('re:Invent DEV341: 5 of 6 instances in one AZ, the database in the other', () => {
  const m = fixture('fixtures/ecommerce-dev341.yaml');
  it("losing AZ1 leaves 1 of 6 instances, below the web tier's minimum", () => {
    const sim = fail(m, 'az1');
    expect(sim.status('web')).toBe('down');
    expect(sim.nodes.find((n) => n.id === 'web')!.because[0]).toMatchObject({ type: 'placement', lost: ['az1'], replicasLost: 5, replicas: 6 });
    expect(sim.status('ecommerce-site')).toBe('down');
  });
  it('losing AZ2 takes the database, and the site with it', () => {
    const sim = fail(m, 'az2');
    expect(sim.status('db')).toBe('down');
    expect(sim.status('ecommerce-site')).toBe('down');
  });
  it('the fixed architecture survives either AZ', () => {
    const fixed = fixture('fixtures/ecommerce-dev341-fixed.yaml');
    expect(fail(fixed, 'az1').status('ecommerce-site')).toBe('up');
    expect(fail(fixed, 'az2').status('ecommerce-site')).toBe('up');
  });
});

describe('FIS walkthrough: ALB + Auto Scaling group of 2 instances over 2 AZs', () => {
  const m = fixture('fixtures/fis-walkthrough.yaml');
  it('terminating one instance leaves the site up', () => {
    for (const fault of ['web-asg@az-a', 'web-asg@az-b', 'az-a']) {
      const sim = fail(m, fault);
      expect(sim.status('web-asg')).toBe('up');
      expect(sim.status('alb')).toBe('up');
    }
    expect(fail(m, 'web-asg@az-a').partial).toEqual([{ id: 'web-asg', lost: ['az-a'], replicasLeft: 1, minHealthy: 1 }]);
  });
  it('terminating both takes it down', () => {
    expect(fail(m, 'web-asg@az-a', 'web-asg@az-b').status('alb')).toBe('down');
  });
});

describe('the example shop', () => {
  const m = fixture('fixtures/example');
  it('"what breaks if us-east-1 DNS fails?" has a non-trivial answer', () => {
    const sim = fail(m, 'kind=dns in=us-east-1');
    expect(ids(sim, 'down')).toEqual(['deploy-pipeline', 'dns-use1', 'fraud-check', 'fulfillment', 'iam', 'recommendations']);
    expect(ids(sim, 'degraded')).toEqual(['cdn', 'checkout', 'payments', 'storefront']);
    expect(sim.status('cart')).toBe('up');
  });
  it('has 30–60 components over us-east-1 and us-west-2', () => {
    expect(m.components.size).toBeGreaterThanOrEqual(30);
    expect(m.components.size).toBeLessThanOrEqual(60);
    expect(m.components.get('us-east-1')!.kind).toBe('region');
    expect(m.components.get('us-west-2')!.kind).toBe('region');
  });
});
