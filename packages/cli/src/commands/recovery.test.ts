import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../program.js';
import { fakeIo } from '../test-support.js';

async function recovery(components: string, ...args: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-recovery-'));
  writeFileSync(join(dir, 'm.yaml'), `apiVersion: faultline/v1\nname: t\ncomponents:\n${components}`);
  const io = fakeIo(dir);
  const code = await run(['recovery', 'm.yaml', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

const DEADLOCK = `  db: { kind: database, dependsOn: [auth] }
  auth: { kind: auth, dependsOn: [db] }
  api: { kind: service, dependsOn: [auth, cache] }
  cache: { kind: cache }
  a: { kind: service, dependsOn: [{ anyOf: [b, c] }] }
  b: { kind: service, dependsOn: [a] }
  c: { kind: service, dependsOn: [a] }
`;

describe('faultline recovery', () => {
  it('prints the waves when everything starts', async () => {
    const r = await recovery('  region: { kind: region }\n  az: { kind: zone, in: region }\n  db: { kind: database, in: az }\n  api: { kind: service, dependsOn: [db] }\n');
    expect(r).toEqual({
      code: 0,
      err: '',
      out: ['Cold start: all 4 components come up in 4 waves', '', '  wave 0  (1) region', '  wave 1  (1) az', '  wave 2  (1) db', '  wave 3  (1) api', ''].join('\n'),
    });
  });

  it('reports deadlocks with their cycles and positions, and what they block', async () => {
    const r = await recovery(DEADLOCK);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('Cold start: 1 of 7 components come up in 1 wave; 6 never start (1 hard cycle, 1 self-supported cycle, 1 blocked)');
    expect(r.out).toContain('  ✖ hard cycle: db → auth → db\n      db needs auth  m.yaml:4:37\n      auth needs db  m.yaml:5:35\n');
    expect(r.out).toContain('self-supported cycle (through redundancy; simulate holds it up): a → b → a (with 1 more: c)');
    expect(r.out).toContain('  ▲ api waits on auth\n');
  });

  it('prints JSON with every wave, deadlock and blocked component', async () => {
    const json = JSON.parse((await recovery(DEADLOCK, '--format', 'json')).out);
    expect(json.waves).toEqual([['cache']]);
    expect(json.deadlocked.map((d: { kind: string; path: string[] }) => [d.kind, d.path])).toEqual([
      ['hard-cycle', ['db', 'auth', 'db']],
      ['self-supported', ['a', 'b', 'a']],
    ]);
    expect(json.deadlocked[0].links[0]).toEqual({ from: 'db', to: 'auth', via: 'dependsOn', file: 'm.yaml', line: 4, column: 37 });
    expect(json.blocked).toEqual([{ id: 'api', waitsOn: ['auth'] }]);
    expect(json.heldUpBySimulate).toEqual(['db', 'auth', 'api', 'a', 'b', 'c']);
  });

  it('writes markdown for PR comments', async () => {
    const r = await recovery(DEADLOCK, '--format', 'markdown');
    expect(r.out).toContain('| 0 | `cache` |');
    expect(r.out).toContain('- hard cycle: `db` → `auth` → `db` (m.yaml:4:37, m.yaml:5:35)');
  });

  it('waits for start-up dependencies only, and reports the deadlock one makes that simulate never sees', async () => {
    const r = await recovery(`  frontend: { kind: service }
  loadgen: { kind: service, dependsOn: [{ target: frontend, phase: startup }] }
  kafka: { kind: queue }
  accounting: { kind: service, dependsOn: [{ target: kafka, mode: async }] }
  vault: { kind: service, dependsOn: [{ target: consul, phase: startup }] }
  consul: { kind: service, dependsOn: [vault, { target: metrics, phase: runtime }] }
  metrics: { kind: service, dependsOn: [consul] }
`);
    expect(r.out.split('\n')[0]).toBe('Cold start: 4 of 7 components come up in 2 waves; 3 never start (1 hard cycle, 1 blocked)');
    expect(r.out).toContain('  wave 0  (3) frontend, kafka, accounting\n  wave 1  (1) loadgen\n');
    expect(r.out).toContain('  ✖ hard cycle: vault → consul → vault\n');
    expect(r.out).toContain('  ▲ metrics waits on consul\n');
  });
});
