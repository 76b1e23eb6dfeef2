import { describe, expect, it } from 'vitest';
import { maxOf } from '../arrays.js';
import { model } from '../test-support.js';
import { lanesOf } from './lanes.js';
import { layoutModel } from './model-layout.js';

const m = model(`
  aws: { kind: provider }
  us-east-1: { kind: region, in: aws }
  use1-az1: { kind: zone, in: us-east-1 }
  us-west-2: { kind: region, in: aws }
  usw2-az1: { kind: zone, in: us-west-2 }
  dc-9: { kind: datacenter }
  power: { kind: power, in: dc-9 }
  db: { kind: database, in: use1-az1 }
  api: { kind: service, in: [use1-az1, usw2-az1], dependsOn: [db] }
  rack: { kind: service, in: power }
  cdn: { kind: cdn, dependsOn: [api] }
`);

describe('lanesOf', () => {
  it('puts each component in the lane of the top-level places it runs under', () => {
    const { laneOf } = lanesOf(m);
    expect(Object.fromEntries(laneOf)).toEqual({
      aws: '',
      'us-east-1': 'us-east-1',
      'use1-az1': 'us-east-1',
      'us-west-2': 'us-west-2',
      'usw2-az1': 'us-west-2',
      'dc-9': 'dc-9',
      power: 'dc-9',
      db: 'us-east-1',
      api: 'us-east-1 + us-west-2',
      rack: 'dc-9',
      cdn: '',
    });
  });

  it('orders lanes: not placed first, then by where their places appear, multi-region between its regions', () => {
    const { lanes } = lanesOf(m);
    expect(lanes.map((l) => l.label)).toEqual(['not placed', 'us-east-1', 'us-east-1 + us-west-2', 'us-west-2', 'dc-9']);
    expect(lanes[1]!.places).toEqual(['us-east-1', 'use1-az1']);
    expect(lanes[2]!.anchors).toEqual(['us-east-1', 'us-west-2']);
  });

  it('survives a cycle of placements', () => {
    const c = model(`
  a: { kind: zone, in: b }
  b: { kind: zone, in: a }
`);
    expect(lanesOf(c).laneOf.size).toBe(2);
  });
});

describe('layoutModel', () => {
  it('puts callers left and the places in the last layer: cdn, api, db, then zones, regions and providers', () => {
    const l = layoutModel(m);
    const x = (id: string) => l.nodes.get(id)!.x;
    expect(x('cdn')).toBeLessThan(x('api'));
    expect(x('api')).toBeLessThan(x('db'));
    expect(x('db')).toBeLessThan(x('use1-az1'));
    expect(x('use1-az1')).toBe(x('us-east-1'));
    expect(x('aws')).toBe(x('us-east-1'));
    expect(maxOf([...l.nodes.values()].map((p) => p.x))).toBe(x('aws'));
    expect(l.lanes.map((b) => b.id)).toEqual(l.laneInfo.map((i) => i.id));
  });
});
