import { describe, expect, it } from 'vitest';
import { compile } from '../engine/compile.js';
import { simulate } from '../engine/simulate.js';
import { loadManifests } from '../load/loader.js';
import { SIMULATION_FORMAT_NAMES, SIMULATION_FORMATTERS } from './simulation.js';

const TEXT = `apiVersion: faultline/v1
components:
  db: { kind: datastore }
  api_v2: { kind: service, critical: true, dependsOn: [db] }
  web: { kind: service, dependsOn: [{ target: api_v2, mode: soft }] }
`;

function report(fault: string) {
  const model = loadManifests([{ path: 'shop.yaml', text: TEXT }]).model!;
  return { simulation: simulate(compile(model), [{ target: fault }]), model };
}

describe('simulate --format markdown', () => {
  it('is one of the formats', () => {
    expect(SIMULATION_FORMAT_NAMES).toEqual(['text', 'json', 'markdown']);
  });

  it('gives the headline as a heading and a table of victims, critical first, with ids escaped as manifest text', () => {
    const md = SIMULATION_FORMATTERS.markdown(report('db'));
    const lines = md.split('\n');
    expect(lines[0]).toBe('### If db fails: 2 down (1 critical), 1 degraded — impact 1');
    expect(lines).toContain('| | component | critical | where | why |');
    const rows = lines.filter((l) => l.startsWith('| ✖') || l.startsWith('| ▲'));
    expect(rows[0]).toMatch(/^\| ✖ down \| api\\_v2 \| yes \| shop\.yaml:4 \| api\\_v2 needs db → db failed/);
    expect(rows.map((r) => r.split(' | ')[1])).toEqual(['api\\_v2', 'db', 'web']);
  });

  it('says when nothing goes down', () => {
    expect(SIMULATION_FORMATTERS.markdown(report('web'))).toContain('### If web fails: 1 down');
  });
});
