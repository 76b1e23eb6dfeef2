// The end-to-end bench's floor (`e2e.mjs`): read each file given and parse it
// with js-yaml, the parser faultline's loader is built on, and nothing else.
// A faultline command cannot be faster than this without a cache.
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';

let keys = 0;
for (const path of process.argv.slice(2)) keys += Object.keys(load(readFileSync(path, 'utf8')).components ?? {}).length;
if (keys === 0) process.exitCode = 1;
