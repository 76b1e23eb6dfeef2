import { it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadManifests } from '../loader.js';
import { lint } from './lint.js';
const root = '/work/main/';
it('prints', () => {
  const targets = [...readdirSync(root + 'fixtures').filter((f) => f.endsWith('.yaml')).map((f) => 'fixtures/' + f), 'fixtures/example'];
  for (const t of targets) {
    const files = statSync(root + t).isDirectory() ? readdirSync(root + t).filter((f) => f.endsWith('.yaml')).sort().map((f) => t + '/' + f) : [t];
    const r = loadManifests(files.map((f) => ({ path: f, text: readFileSync(root + f, 'utf8') })));
    if (!r.model) { console.log(t, r.diagnostics); continue; }
    const res = lint(r.model);
    console.log(`\n=== ${t} (${res.findings.length})`);
    for (const f of res.findings) console.log(`${f.severity} ${f.rule} [${f.target}] ${f.message}${f.details.length ? '\n      ' + f.details.join('\n      ') : ''}`);
  }
});
