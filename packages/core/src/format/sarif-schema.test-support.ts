/**
 * The official OASIS SARIF 2.1.0 schema (rtm.5, as shipped by
 * @microsoft/jest-sarif), compiled once with Ajv's draft-04 class: every test
 * that writes SARIF checks its output against the same validator.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import AjvModule from 'ajv-draft-04';
import type { ValidateFunction } from 'ajv-draft-04';

// ajv-draft-04 is CommonJS: under NodeNext its default import is the module
// namespace, and the class is its `default` (at runtime and in the types).
const Ajv = AjvModule.default;

let compiled: ValidateFunction | undefined;

/** A validator for SARIF 2.1.0 logs; `validate.errors` says what is wrong after a failed call. */
export function sarifValidator(): ValidateFunction {
  if (compiled) return compiled;
  const require = createRequire(import.meta.url);
  const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
  // The schema's language-tag pattern is not valid with the `u` flag; formats are checked loosely.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false, formats: { uri: /^[a-z][a-z0-9+.-]*:/i, 'uri-reference': true, 'date-time': true } });
  const validate = ajv.compile(schema);
  compiled = validate;
  return validate;
}
