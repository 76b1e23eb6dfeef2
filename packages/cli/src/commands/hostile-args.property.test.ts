/**
 * Fuzzing the command line with hostile arguments (docs/limits.md): huge and
 * negative numbers, exponent forms, empty strings, control characters,
 * selectors with many stars, unknown flags, paths that are not manifests.
 * Whatever the arguments, a command ends with 0, 1 or 2 and never with an
 * internal error or a stack trace. Runs in process; fast by default.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../../../core/src/property-runs.test-support.js';
import { cli, workspace } from '../test-support.js';

const dir = workspace(
  '  region: { kind: region }\n  zone-a: { kind: zone, in: region }\n  zone-b: { kind: zone, in: region }\n  db: { kind: database, in: { zone-a: 2, zone-b: 1 }, minHealthy: 2 }\n  api: { kind: service, critical: true, in: [zone-a, zone-b], dependsOn: [db] }\n',
);

const value = fc.oneof(
  fc.constantFrom('0', '-1', '1', '2', '1e12', '1e308', 'NaN', 'Infinity', '0x10', '', ' ', '3.5', '99999999999999999999', '--', '-'),
  fc.constantFrom('api', 'db', 'zone-a', 'api@zone-a', 'db@region', 'kind=database', 'kind=dns kind=cdn', 'id=*a*', `id=${'*a'.repeat(30)}*b`, 'nope', '@', '=', 'in=', 'tag.x=*'),
  fc.string({ unit: fc.constantFrom('a', '*', '=', ',', '@', ' ', '\u0000', '\u001b', '\n', 'é'), maxLength: 12 }),
);

const command = fc.oneof(
  fc.tuple(fc.constant('simulate'), fc.constantFrom('--fail', '--degrade', '--slow', '--format', '--bogus'), value),
  fc.tuple(fc.constant('spof'), fc.constantFrom('--top', '--format', '--all', '--bogus'), value),
  fc.tuple(fc.constant('cutsets'), fc.constantFrom('--max-order', '--budget', '--max-seconds', '--top', '--target'), value),
  fc.tuple(fc.constant('lint'), fc.constantFrom('--max-warnings', '--format', '--rule', '--bogus'), value),
  fc.tuple(fc.constant('recovery'), fc.constantFrom('--format', '--bogus'), value),
);

describe('hostile arguments (fuzz)', () => {
  it('end with 0, 1 or 2, never with an internal error or a stack trace', async () => {
    await fc.assert(
      fc.asyncProperty(command, fc.boolean(), async ([name, flag, arg], withPath) => {
        const args = [name, ...(withPath ? ['m.yaml'] : []), ...(name === 'cutsets' && flag !== '--target' ? ['--target', 'api'] : []), flag, arg];
        const r = await cli(dir, ...args);
        expect([0, 1, 2]).toContain(r.code);
        expect(r.err).not.toMatch(/internal error|\n\s+at /);
      }),
      propertyRuns(4242, 60),
    );
  });
});
