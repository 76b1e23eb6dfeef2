import { describe, expect, it } from 'vitest';
import { hostRefs } from './env-refs.js';

const names = (value: string) => hostRefs(value).map((r) => (r.namespace ? `${r.name}.${r.namespace}` : r.name));

describe('hostRefs', () => {
  it('reads host:port, URLs with credentials, paths and queries, and lists', () => {
    expect(names('cart:7070')).toEqual(['cart']);
    expect(names('redis://cache:6379/0')).toEqual(['cache']);
    expect(names('postgres://user:s3cret@orders-db:5432/orders?sslmode=disable')).toEqual(['orders-db']);
    expect(names('http://Frontend:8080/api')).toEqual(['frontend']);
    expect(names('kafka-0:9092,kafka-1:9092 kafka-0:9092')).toEqual(['kafka-0', 'kafka-1']);
  });
  it('reads cluster DNS names with their namespace', () => {
    expect(names('orders-db.shop.svc.cluster.local:5432')).toEqual(['orders-db.shop']);
    expect(names('orders-db.shop.svc')).toEqual(['orders-db.shop']);
    expect(names('http://ledger.payments:8080')).toEqual(['ledger.payments']);
  });
  it('names nothing for values that are not hosts', () => {
    for (const v of ['true', 'info', '8080', '/var/data', '', 'localhost:8080', '127.0.0.1:5432', 'a:b:c', 'key:value', 'Bearer x']) expect(names(v)).toEqual([]);
  });
  it('keeps an external dotted host by its first label, without a namespace', () => {
    expect(hostRefs('https://api.stripe.com/v1')).toEqual([{ name: 'api', host: 'api.stripe.com' }]);
  });
});
