import { describe, expect, it } from 'vitest';
import { ANNOTATION_FIELDS } from './annotations.js';
import { kindForType, NOT_RUNTIME_TYPES, TYPE_TO_KIND } from './kinds.js';
import { entityId, parseRef, refKey, shortRef, stringifyRef } from './refs.js';

describe('entity refs', () => {
  it("reads [kind:][namespace/]name, lowercasing kind and namespace, defaulting the namespace to the referrer's", () => {
    expect(parseRef('resource:artists-db', 'default')).toEqual({ kind: 'resource', namespace: 'default', name: 'artists-db' });
    expect(parseRef('Component:Payments/Ledger', 'default')).toEqual({ kind: 'component', namespace: 'payments', name: 'Ledger' });
    expect(parseRef('ledger', 'payments')).toEqual({ namespace: 'payments', name: 'ledger' });
    expect(parseRef('default/auth-api', 'payments', 'api')).toEqual({ kind: 'api', namespace: 'default', name: 'auth-api' });
    expect(parseRef(' api:x ', 'default', 'component')).toEqual({ kind: 'api', namespace: 'default', name: 'x' });
  });

  it('rejects malformed refs with a message', () => {
    for (const bad of [':x', 'component:', 'a/b/c', 'component:/x', 'a:b:c']) expect(typeof parseRef(bad, 'default')).toBe('string');
  });

  it('compares case-insensitively and maps ids: name in default, namespace.name elsewhere', () => {
    expect(refKey('Component', 'Payments', 'Ledger')).toBe(refKey('component', 'payments', 'ledger'));
    expect(stringifyRef('Component', 'Default', 'Checkout')).toBe('component:default/Checkout');
    expect(entityId('default', 'checkout')).toBe('checkout');
    expect(entityId('Payments', 'ledger')).toBe('payments.ledger');
    expect(shortRef('Resource', 'payments', 'db', 'payments')).toBe('resource:db');
    expect(shortRef('Resource', 'payments', 'db', 'default')).toBe('resource:payments/db');
  });
});

describe('spec.type → kind', () => {
  it('maps common spellings, passes kind-like types through and falls back per entity kind', () => {
    expect(kindForType('component', 'service')).toBe('service');
    expect(kindForType('component', 'Website')).toBe('website');
    expect(kindForType('resource', 'postgres')).toBe('database');
    expect(kindForType('resource', 'kafka_topic')).toBe('queue');
    expect(kindForType('resource', 'S3 Bucket')).toBe('storage');
    expect(kindForType('resource', 'feature-flags')).toBe('config');
    expect(kindForType('component', 'status-page')).toBe('statuspage');
    expect(kindForType('resource', 'search-index')).toBe('search-index');
    expect(kindForType('resource', 'zone')).toBe('zone');
    expect(kindForType('resource', '3rd party!')).toBe('resource');
    expect(kindForType('component', '¿?')).toBe('service');
  });
});

describe('docs/backstage.md', () => {
  const docs = Object.values(import.meta.glob<string>('../../../../docs/backstage.md', { query: '?raw', import: 'default', eager: true }))[0]!;

  it('lists every spec.type spelling under its kind, and every annotation', () => {
    const rows = new Map<string, string[]>();
    for (const m of docs.matchAll(/^\| `([a-z]+)` \| ([a-z0-9, -]+) \|$/gm)) rows.set(m[1]!, m[2]!.split(', '));
    const byKind = new Map<string, string[]>();
    for (const [type, kind] of TYPE_TO_KIND) byKind.set(kind, [...(byKind.get(kind) ?? []), type]);
    expect(rows).toEqual(byKind);
    expect(docs).toContain(`| *(not modelled)* | ${[...NOT_RUNTIME_TYPES].join(', ')} |`);
    for (const name of ANNOTATION_FIELDS.keys()) expect(docs).toContain(`| \`faultline.dev/${name}\` |`);
  });
});
