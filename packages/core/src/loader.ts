/**
 * Loader
 * ======
 *
 * Turns manifest texts into a `Model`, or into every `Diagnostic` it can
 * find. The core never reads files: the CLI (or the viewer) hands it
 * `{ path, text }` pairs.
 *
 * Order of work, and why:
 * 1. parse each file with `yaml` (`uniqueKeys: false`: its own duplicate-key
 *    check is quadratic, ALGORITHMS.md §2.4; duplicate ids are found here
 *    with a `Map`, which also names both places);
 * 2. check every id against the grammar *before* zod sees it (zod records
 *    drop `__proto__` silently);
 * 3. validate each component with the zod schema, mapping issue paths back
 *    to YAML positions;
 * 4. resolve references across all files (unknown ids with "did you mean",
 *    self-dependencies, `need` and `minHealthy` larger than possible).
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';
import { fileStart, sortDiagnostics, type Diagnostic } from './diagnostics.js';
import { ComponentSchema, ID_PATTERN, ManifestSchema } from './schema.js';
import { buildModel, type RawComponent } from './resolve.js';
import { SourceFile, nodeAt, pairOf } from './yaml-source.js';
import { didYouMean } from './suggest.js';
import { issueDiagnostics } from './zod-issues.js';
import type { Model, SourceRange } from './model.js';

export interface ManifestSource {
  /** Shown in diagnostics; the CLI passes paths relative to the working directory. */
  readonly path: string;
  readonly text: string;
}

export interface LoadResult {
  /** Present only when there are no diagnostics. */
  readonly model?: Model;
  readonly diagnostics: readonly Diagnostic[];
}

/** Aliases allowed per document; the `yaml` package's own default, kept on purpose (billion laughs). */
const MAX_ALIAS_COUNT = 100;
const TOP_LEVEL_KEYS = Object.keys(ManifestSchema.shape);
const TopLevelSchema = ManifestSchema.omit({ components: true }).loose();

/** Loads and validates one or more manifests into one model. */
export function loadManifests(sources: readonly ManifestSource[]): LoadResult {
  const diagnostics: Diagnostic[] = [];
  const raw: RawComponent[] = [];
  const firstSeen = new Map<string, SourceRange>();
  let name: string | undefined;

  for (const source of sources) {
    const lines = new LineCounter();
    const file = new SourceFile(source.path, lines);
    const documents = parseAllDocuments(source.text, { lineCounter: lines, uniqueKeys: false, prettyErrors: false });
    const docs = Array.isArray(documents) ? documents : [];
    if (!Array.isArray(documents) || docs.every((d) => d.contents === null)) {
      diagnostics.push({ code: 'not-a-manifest', message: 'the file is empty', hint: 'a manifest starts with "apiVersion: faultline/v1"', at: fileStart(source.path) });
      continue;
    }
    for (const doc of docs) {
      if (doc.contents === null && docs.length > 1) continue;
      const manifestName = loadDocument(doc, file, raw, firstSeen, diagnostics);
      name ??= manifestName;
    }
  }

  const files = sources.map((s) => s.path);
  const { model, diagnostics: refDiagnostics } = buildModel(raw, new Set(firstSeen.keys()), name ?? baseName(files[0] ?? 'manifest'), files);
  diagnostics.push(...refDiagnostics);
  if (diagnostics.length > 0) return { diagnostics: sortDiagnostics(dedupe(diagnostics), files) };
  return { model, diagnostics: [] };
}

/** Loads one YAML document; returns the manifest's `name`. */
function loadDocument(
  doc: Document.Parsed,
  file: SourceFile,
  raw: RawComponent[],
  firstSeen: Map<string, SourceRange>,
  out: Diagnostic[],
): string | undefined {
  if (doc.errors.length > 0) {
    for (const e of doc.errors) out.push({ code: 'yaml-syntax', message: yamlMessage(e.message), at: file.offsets(e.pos[0], e.pos[1]) });
    return undefined;
  }
  const root = doc.contents;
  if (!isMap(root)) {
    out.push({ code: 'not-a-manifest', message: 'a manifest is a map with apiVersion and components', hint: 'start the file with "apiVersion: faultline/v1"', at: file.range(root) });
    return undefined;
  }

  let js: Record<string, unknown>;
  try {
    js = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as Record<string, unknown>;
  } catch (error) {
    out.push({ code: 'yaml-alias', message: `too many aliases: ${(error as Error).message}`, hint: `at most ${MAX_ALIAS_COUNT} alias expansions per document`, at: file.range(firstAlias(root)) });
    return undefined;
  }
  if (!checkKeysAreStrings(root, file, out)) return undefined;

  const apiVersion = js['apiVersion'];
  if (apiVersion !== 'faultline/v1') {
    const at = file.range(pairOf(root, 'apiVersion')?.value as Node | undefined ?? root);
    out.push(
      apiVersion === undefined
        ? { code: 'not-a-manifest', message: 'missing apiVersion', hint: 'add "apiVersion: faultline/v1" at the top', at }
        : { code: 'not-a-manifest', message: `unsupported apiVersion ${JSON.stringify(apiVersion)}`, hint: 'this version of faultline reads "faultline/v1"', at },
    );
    return undefined;
  }

  const top = TopLevelSchema.safeParse(js, { reportInput: true });
  if (!top.success) out.push(...issueDiagnostics(top.error.issues, root, file, []));
  for (const pair of root.items) {
    const key = String((pair.key as { value: unknown }).value);
    if (!TOP_LEVEL_KEYS.includes(key)) {
      out.push({ code: 'unknown-field', message: `unknown field "${key}"`, hint: didYouMean(key, TOP_LEVEL_KEYS) ?? `a manifest has ${TOP_LEVEL_KEYS.join(', ')}`, at: file.range(pair.key as Node) });
    }
  }

  const componentsPair = pairOf(root, 'components');
  const components = componentsPair?.value;
  if (!isMap(components)) {
    out.push({ code: 'schema', message: components ? 'components must be a map of id → component' : 'missing components', hint: 'components:\n  my-service: { kind: service }', at: file.range((components as Node | undefined) ?? root) });
    return typeof js['name'] === 'string' ? js['name'] : undefined;
  }

  const jsComponents = js['components'] as Record<string, unknown>;
  for (const pair of components.items) {
    const keyNode = pair.key as Node;
    const id = String((keyNode as { value: unknown }).value);
    const at = file.range(keyNode);
    const idProblem = checkId(id);
    if (idProblem) {
      out.push({ code: 'invalid-id', message: idProblem, hint: 'ids are letters, digits, ".", "_" and "-", starting with a letter or digit', at });
      continue;
    }
    const previous = firstSeen.get(id);
    if (previous) {
      out.push({ code: 'duplicate-id', message: `"${id}" is defined twice`, hint: 'give one of them another id, or merge them', at, related: [previous] });
      continue;
    }
    firstSeen.set(id, at);

    const valueNode = pair.value as Node | null;
    const value = Object.prototype.hasOwnProperty.call(jsComponents, id) ? jsComponents[id] : undefined;
    const tagProblem = valueNode ? checkTagKeys(valueNode, file) : undefined;
    if (tagProblem) out.push(tagProblem);
    const parsed = ComponentSchema.safeParse(value ?? null, { reportInput: true });
    if (!parsed.success) {
      out.push(...issueDiagnostics(parsed.error.issues, valueNode ?? keyNode, file, ['components', id]));
      continue;
    }
    raw.push({ id, at, value: parsed.data, node: valueNode as Node, file });
  }
  return typeof js['name'] === 'string' ? js['name'] : undefined;
}

/** Why an id is not valid, or undefined when it is. */
export function checkId(id: string): string | undefined {
  if (ID_PATTERN.test(id)) return undefined;
  if (id === '') return 'an id cannot be empty';
  if (id.includes('@')) return `"${id}" is not a valid id: "@" names a placement (id@domain)`;
  return `"${id}" is not a valid id`;
}

/** Rejects non-string keys (`on:` under `%YAML 1.1` becomes `true`) with a hint to quote them. */
function checkKeysAreStrings(root: Node, file: SourceFile, out: Diagnostic[]): boolean {
  let ok = true;
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isScalar(pair.key) || (typeof pair.key.value !== 'string' && !isPlainNumber(pair.key))) {
          const text = isScalar(pair.key) ? String(pair.key.value) : 'a complex key';
          out.push({ code: 'schema', message: `map keys must be strings, found ${text}`, hint: `quote it: "${isScalar(pair.key) ? pair.key.source ?? text : text}"`, at: file.range(pair.key as Node) });
          ok = false;
        }
        stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  return ok;
}

/** A plain numeric key such as `1password` is fine; `123` is read as a number but kept as text. */
function isPlainNumber(key: { value: unknown; type?: string }): boolean {
  return typeof key.value === 'number' && key.type === 'PLAIN';
}

function checkTagKeys(valueNode: Node, file: SourceFile): Diagnostic | undefined {
  const tags = pairOf(valueNode, 'tags')?.value;
  if (!isMap(tags)) return undefined;
  for (const pair of tags.items) {
    if (isScalar(pair.key) && pair.key.value === '__proto__') {
      return { code: 'schema', message: '"__proto__" is not allowed as a tag name', hint: 'rename the tag', at: file.range(pair.key as Node) };
    }
  }
  return undefined;
}

function firstAlias(root: Node): Node {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isAlias(node)) return node;
    if (isMap(node)) for (const p of node.items) stack.push(p.value);
    else if (isSeq(node)) for (const i of node.items) stack.push(i);
  }
  return root;
}

function yamlMessage(message: string): string {
  return message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').replace(/\s+/g, ' ').trim();
}

function baseName(path: string): string {
  return path.replace(/\\/g, '/').split('/').pop()!.replace(/\.ya?ml$/, '');
}

function dedupe(ds: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return ds.filter((d) => {
    const key = `${d.at.file}:${d.at.line}:${d.at.col}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
