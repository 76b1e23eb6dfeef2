#!/usr/bin/env node
// Writes packages/core/faultline.schema.json, the manifest's JSON Schema for
// editors ("# yaml-language-server: $schema=…"), from the built core, so the
// committed copy always equals what `faultline schema` prints.
//
//   npx tsc -b && node scripts/write-schema.mjs           # regenerate
//   npx tsc -b && node scripts/write-schema.mjs --check   # exit 1 when out of date
//
// packages/core/src/schema.test.ts fails when the committed file differs.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = `${root}packages/core/dist/index.js`;
const target = `${root}packages/core/faultline.schema.json`;

if (!existsSync(built)) {
  console.error('write-schema: packages/core/dist/index.js is missing (build first: npx tsc -b)');
  process.exit(2);
}
const { manifestJsonSchema } = await import(pathToFileURL(built).href);
const text = `${JSON.stringify(manifestJsonSchema(), null, 2)}\n`;
const current = existsSync(target) ? readFileSync(target, 'utf8') : undefined;

if (process.argv.includes('--check')) {
  if (current === text) process.exit(0);
  console.error('write-schema: packages/core/faultline.schema.json is out of date (run node scripts/write-schema.mjs)');
  process.exit(1);
}
if (current === text) {
  console.log('write-schema: packages/core/faultline.schema.json is up to date');
} else {
  writeFileSync(target, text);
  console.log(`write-schema: wrote packages/core/faultline.schema.json (${text.length} bytes)`);
}
