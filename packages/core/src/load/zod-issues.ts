/**
 * zod issues → diagnostics at YAML positions
 * ==========================================
 *
 * zod reports `path`s; the YAML AST turns them into line and column. Unions
 * (a dependency is an id, an edge or a group; `in` is an id, a list or a map)
 * report only "Invalid input", so the branch that matches the input's shape
 * is chosen and its own issues are reported instead.
 */
import type { Node } from 'yaml';
import type * as z from 'zod';
import type { Diagnostic } from '../diagnostics.js';
import { ComponentSchema, EdgeSchema, GroupSchema, ManifestSchema } from '../schema.js';
import { didYouMean } from '../suggest.js';
import { LIMITS_DOC } from '../limits.js';
import { nodeAt, type SourceFile } from './yaml-source.js';
import { append } from '../arrays.js';

type Issue = z.core.$ZodIssue;

/** Known fields by the shape of the object an unknown key was found in. */
const FIELDS = {
  manifest: Object.keys(ManifestSchema.shape),
  component: Object.keys(ComponentSchema.shape),
  edge: Object.keys(EdgeSchema.shape),
  group: Object.keys(GroupSchema.shape),
};

/** What a union position expects, in words. */
const UNION_EXPECTS: Record<string, string> = {
  dependsOn: 'a component id, { target: id, … } or { anyOf: [ids], … }',
  in: 'a domain id, a list of ids, or a map of id → replica count',
  faults: 'an id, a placement, a selector, or { target | select, effect, count | percent }',
};

/**
 * @param root the YAML node the issue paths start from
 * @param prefix the path of `root` in the document, for messages
 */
export function issueDiagnostics(
  issues: readonly Issue[],
  root: Node,
  file: SourceFile,
  prefix: readonly PropertyKey[],
  /** The fields allowed where an unknown key was found; manifests' by default. */
  fieldsAt: FieldsAt = fieldsFor,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const issue of withoutEcho(flatten(issues, root, []))) out.push(toDiagnostic(issue, root, file, prefix, fieldsAt));
  return out;
}

/**
 * `{ on: recs }` is one mistake, not two: the missing `target` is dropped
 * when the same entry has an unknown `on` (whose hint says to use `target`).
 */
function withoutEcho(issues: readonly Issue[]): Issue[] {
  const onAt = new Set(issues.filter((i) => i.code === 'unrecognized_keys' && i.keys.includes('on')).map((i) => pathKey(i.path)));
  if (onAt.size === 0) return [...issues];
  return issues.filter((i) => !(isMissing(i) && i.path.at(-1) === 'target' && onAt.has(pathKey(i.path.slice(0, -1)))));
}

function pathKey(path: readonly PropertyKey[]): string {
  return path.map(String).join('\u0000');
}

function isMissing(issue: Issue): boolean {
  return issue.code === 'invalid_type' && issue.input === undefined;
}

/** Replaces each union issue by the issues of the branch that fits the input. */
function flatten(issues: readonly Issue[], root: Node, base: readonly PropertyKey[]): Issue[] {
  const out: Issue[] = [];
  for (const issue of issues) {
    const path = [...base, ...issue.path];
    if (issue.code !== 'invalid_union' || issue.errors.length === 0) {
      out.push({ ...issue, path } as Issue);
      continue;
    }
    const branch = pickBranch(issue.errors, nodeAt(root, path));
    if (branch) append(out, flatten(branch, root, path));
    else {
      const key = [...path].reverse().find((p) => typeof p === 'string') as string | undefined;
      const expects = (key && UNION_EXPECTS[key]) ?? 'another shape';
      out.push({ ...issue, path, message: `expected ${expects}` } as Issue);
    }
  }
  return out;
}

/** The branch whose issues do not reject the input's type outright, with the fewest issues. */
function pickBranch(branches: readonly (readonly Issue[])[], node: Node): readonly Issue[] | undefined {
  const isGroup = isMapWithKey(node, 'anyOf');
  let best: readonly Issue[] | undefined;
  let bestScore = Infinity;
  for (const branch of branches) {
    if (branch.some((i) => i.code === 'invalid_type' && i.path.length === 0)) continue;
    const mentionsAnyOf = branch.some((i) => i.code === 'unrecognized_keys' && i.keys.includes('anyOf'));
    const score = branch.length + (isGroup && mentionsAnyOf ? 10 : 0);
    if (score < bestScore) {
      best = branch;
      bestScore = score;
    }
  }
  return best;
}

function isMapWithKey(node: Node, key: string): boolean {
  const items = (node as { items?: { key?: { value?: unknown } }[] }).items;
  return Array.isArray(items) && items.some((p) => p?.key?.value === key);
}

/** Allowed fields at a path (for "did you mean" on unknown keys). */
export type FieldsAt = (fullPath: readonly PropertyKey[], root: Node, localPath: readonly PropertyKey[]) => readonly string[];

function toDiagnostic(issue: Issue, root: Node, file: SourceFile, prefix: readonly PropertyKey[], fieldsAt: FieldsAt): Diagnostic {
  const where = describePath([...prefix, ...issue.path]);
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    const fields = fieldsAt([...prefix, ...issue.path], root, issue.path);
    const more =
      issue.keys.length > 1
        ? ` (and ${issue.keys
            .slice(1)
            .map((k) => `"${k}"`)
            .join(', ')})`
        : '';
    const onInEdge = key === 'on' && fields === FIELDS.edge;
    return {
      code: 'unknown-field',
      message: `unknown field "${key}"${more}${where ? ` in ${where}` : ''}`,
      hint: onInEdge ? 'name the dependency with "target"; YAML 1.1 tools read "on" as true' : (didYouMean(key, fields) ?? `allowed: ${fields.join(', ')}`),
      at: file.range(nodeAt(root, [...issue.path, key], true)),
    };
  }
  const node = nodeAt(root, issue.path);
  const missing = isMissing(issue);
  const field = String(issue.path[issue.path.length - 1] ?? '');
  const parent = describePath([...prefix, ...issue.path.slice(0, -1)]);
  const hint = hintFor(issue, field);
  return {
    code: 'schema',
    message: missing ? `missing required field "${field}"${parent ? ` in ${parent}` : ''}` : `${where ? `${where}: ` : ''}${message(issue)}`,
    ...(hint ? { hint } : {}),
    at: file.range(node),
  };
}

function fieldsFor(fullPath: readonly PropertyKey[], root: Node, localPath: readonly PropertyKey[]): string[] {
  if (fullPath.length === 0) return FIELDS.manifest;
  if (fullPath.length === 2 && fullPath[0] === 'components') return FIELDS.component;
  return isMapWithKey(nodeAt(root, localPath), 'anyOf') ? FIELDS.group : FIELDS.edge;
}

function message(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${EXPECTED.get(issue.expected) ?? issue.expected}, found ${typeName(issue.input)}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, found ${JSON.stringify(issue.input)}`;
    case 'too_small':
      if (issue.origin === 'array') return `must list at least ${String(issue.minimum)} item${Number(issue.minimum) === 1 ? '' : 's'}`;
      if (issue.origin === 'string') return 'must not be empty';
      return `must be ${issue.inclusive === false ? 'greater than' : 'at least'} ${String(issue.minimum)}, found ${String(issue.input)}`;
    case 'too_big':
      return `must be at most ${String(issue.maximum)}, found ${String(issue.input)}`;
    case 'invalid_format':
      return `${JSON.stringify(issue.input)} ${issue.message.replace(/^Invalid string: /, '')}`;
    default:
      return issue.message;
  }
}

/** zod's type names in the words of a YAML user. */
const EXPECTED: ReadonlyMap<string, string> = new Map([
  ['object', 'a map'],
  ['array', 'a list'],
  ['string', 'a string'],
  ['number', 'a number'],
  ['int', 'a whole number'],
  ['boolean', 'true or false'],
]);

/** Hints for required fields, by field name. */
const MISSING_HINTS: ReadonlyMap<string, string> = new Map([
  ['kind', 'every component has a kind, e.g. "kind: service"'],
  ['target', 'name the dependency with "target: <id>"'],
]);

function hintFor(issue: Issue, field: string): string | undefined {
  if (isMissing(issue)) return MISSING_HINTS.get(field);
  if (issue.code === 'invalid_type' && issue.expected === 'object' && issue.input === null) return 'give it fields, e.g. "{ kind: service }"';
  if (issue.code === 'invalid_type' && issue.expected === 'string' && (typeof issue.input === 'number' || typeof issue.input === 'boolean')) return 'quote the value';
  if (issue.code === 'invalid_type' && issue.expected === 'int') return 'use a whole number';
  if (field === 'availability' && (issue.code === 'too_big' || issue.code === 'too_small')) return 'a probability, e.g. 0.9995 for 99.95%';
  if (issue.code === 'too_big' && issue.origin === 'number') return `a limit that keeps the engine's sums exact; see ${LIMITS_DOC}`;
  if (issue.code === 'invalid_value' && typeof issue.input === 'string') {
    const hint = didYouMean(issue.input, issue.values.map(String));
    if (hint) return hint;
  }
  return undefined;
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  if (typeof v === 'string') return `"${v}"`;
  return `${typeof v} ${String(v)}`;
}

/** `checkout.dependsOn[1]` from `['components', 'checkout', 'dependsOn', 1]`. */
function describePath(path: readonly PropertyKey[]): string {
  const parts = path[0] === 'components' ? path.slice(1) : path;
  let s = '';
  for (const p of parts) s += typeof p === 'number' ? `[${p}]` : s ? `.${String(p)}` : String(p);
  return s;
}
