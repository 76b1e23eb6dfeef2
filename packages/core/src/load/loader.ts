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
 *    check is quadratic, docs/algorithms.md#the-fast-yaml-path; repeated keys
 *    (`duplicateKeys`) and duplicate ids are found here with a `Map`, which
 *    also names both places);
 * 2. check every id against the grammar *before* zod sees it (zod records
 *    drop `__proto__` silently);
 * 3. validate each component with the zod schema, mapping issue paths back
 *    to YAML positions (on the fast path, a component `fast-validate.ts`
 *    accepts skips zod: the two agree, and zod decides the rest);
 * 4. resolve references across all files (unknown ids with "did you mean",
 *    self-dependencies, `need` and `minHealthy` larger than possible).
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Alias, type Document, type Node } from 'yaml';
import type * as z from 'zod';
import { fileStart, sortDiagnostics, type Diagnostic } from '../diagnostics.js';
import { ComponentSchema, ID_PATTERN, ManifestSchema, type ComponentInput } from '../schema.js';
import { buildModel, resolveLocally, type RawComponent } from './resolve.js';
import { SourceFile, duplicateKeys, pairOf, withoutBom } from './yaml-source.js';
import { unknownTags, yamlErrors } from './yaml-problems.js';
import { didYouMean } from '../suggest.js';
import { issueDiagnostics } from './zod-issues.js';
import { isRebuilt, parseFast } from './fast-yaml.js';
import { fastComponent } from './fast-validate.js';
import { readSuppressions } from '../lint/suppression-comments.js';
import { Catalog, isBackstageApiVersion } from '../backstage/catalog.js';
import { placeholderFiles, samePath } from '../backstage/placeholders.js';
import type { LocationTarget } from '../backstage/locations.js';
import { isOverlayEntry, type OverlayEntry } from '../inputs/overlay.js';
import { combineInputs, type Description } from '../inputs/combine.js';
import { inputReaders, type InputOptions, type InputReader } from './inputs.js';
import type { Model, SourceRange } from '../model.js';
import { append } from '../arrays.js';

export interface ManifestSource {
  /** Shown in diagnostics; the CLI passes paths relative to the working directory. */
  readonly path: string;
  readonly text: string;
  /**
   * True when the file was found in a directory rather than named: a file
   * there that is no input faultline reads (an OpenAPI document, a Helm
   * values file) is skipped with a warning instead of stopping the run.
   */
  readonly found?: boolean;
}

export interface LoadResult {
  /** Present only when there are no diagnostics. */
  readonly model?: Model;
  /** Errors: any one of them means no model. */
  readonly diagnostics: readonly Diagnostic[];
  /** What was skipped while everything else was read (`severity: 'warning'`), sorted like the errors. */
  readonly warnings: readonly Diagnostic[];
  /**
   * The file targets of the Backstage Locations read, in order, whether or
   * not the load succeeded: a caller that reads files loads again with the
   * ones not given yet (the CLI does, until nothing new is named).
   */
  readonly locations: readonly LocationTarget[];
}

/** Aliases allowed per document; the `yaml` package's own default, kept on purpose (billion laughs). */
const MAX_ALIAS_COUNT = 100;
const TOP_LEVEL_KEYS = Object.keys(ManifestSchema.shape);
const TopLevelSchema = ManifestSchema.omit({ components: true }).loose();

/**
 * Loads and validates one or more manifests into one model. Texts are parsed
 * on the fast path (`fast-yaml.ts`) where it applies; when anything is wrong,
 * everything is parsed again with `yaml`, so every diagnostic comes from it.
 */
export function loadManifests(sources: readonly ManifestSource[], options: LoadOptions = {}): LoadResult {
  if (options.fastPath === false) return load(sources, false, true, options) as LoadResult;
  const fast = load(sources, true, false, options) ?? (load(sources, true, true, options) as LoadResult);
  return fast.diagnostics.length === 0 ? fast : (load(sources, false, true, options) as LoadResult);
}

export interface LoadOptions extends InputOptions {
  /** Parse with js-yaml where it applies, and validate components with `fastComponent` before zod (same model, same positions). @default true */
  readonly fastPath?: boolean;
  /** Backstage `spec.type` → faultline kind rows read before the built-in table (faultline.config.yaml `backstage.types`; the CLI reads it). */
  readonly backstageTypes?: ReadonlyMap<string, string>;
}

/**
 * @param fast the fast path: js-yaml and `fastComponent`, and each file's
 *   components resolved as the file is read (`resolveLocally`), so only one
 *   file's tree is alive at a time; redone on the slow path on any error
 * @param prescan parse every file before reading any, to know the files a
 *   catalog pulls in by placeholder (`$text: ./openapi.yaml`) wherever they
 *   come in the order; without it the load gives up (undefined) when one of
 *   those files is an input, to be redone with it
 */
function load(given: readonly ManifestSource[], fast: boolean, prescan: boolean, options: LoadOptions): LoadResult | undefined {
  // A byte-order mark is no part of the text: editors hide it, and js-yaml drops it while the `yaml` package counts it.
  const sources = given.map((s) => (s.text.charCodeAt(0) === 0xfeff ? { ...s, text: withoutBom(s.text) } : s));
  const diagnostics: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  const readers = inputReaders(options);
  const raw: RawComponent[] = [];
  const firstSeen = new Map<string, SourceRange>();
  const catalog = new Catalog(options.backstageTypes);
  const overlays: OverlayEntry[] = [];
  let name: string | undefined;

  // A file a catalog entity pulls in by placeholder is no input, wherever it comes in the order.
  const parsed = prescan ? sources.map((source) => parse(source, fast)) : undefined;
  const pulledIn = new Set<string>();
  if (parsed) for (const { source, documents } of parsed) addPlaceholderFiles(documents, source.path, pulledIn);

  for (const [i, source] of sources.entries()) {
    if (pulledIn.size > 0 && pulledIn.has(samePath(source.path))) continue;
    const { lines, documents } = parsed?.[i] ?? parse(source, fast);
    if (!parsed) addPlaceholderFiles(documents, source.path, pulledIn);
    const file = new SourceFile(source.path, lines, source.text);
    const docs = Array.isArray(documents) ? documents : [];
    if (!Array.isArray(documents) || docs.every(isEmptyDocument)) {
      if (source.found) warnings.push({ code: 'skipped-input', severity: 'warning', message: 'skipped: the file is empty', at: fileStart(source.path) });
      else diagnostics.push({ code: 'not-a-manifest', message: 'the file is empty', hint: 'a manifest starts with "apiVersion: faultline/v1"', at: fileStart(source.path) });
      continue;
    }
    const first = raw.length;
    const firstOverlay = overlays.length;
    for (const doc of docs) {
      if (isEmptyDocument(doc) && docs.length > 1) continue;
      const manifestName = loadDocument(doc, file, raw, firstSeen, { errors: diagnostics, warnings, catalog, readers, overlays, found: source.found === true, fast });
      name ??= manifestName;
    }
    attachSuppressions(source.text, lines, source.path, raw, first, overlays, firstOverlay);
    catalog.readSuppressions(source.text, lines, source.path);
    for (const reader of readers) reader.endFile(source.text, lines, source.path);
    if (fast) for (let j = first; j < raw.length; j++) raw[j] = resolveLocally(raw[j]!, diagnostics);
  }
  // Without the prescan, a placeholder's file may have been read as an input: only a load with it is right then.
  if (!parsed && pulledIn.size > 0 && sources.some((s) => pulledIn.has(samePath(s.path)))) return undefined;

  const files = sources.map((s) => s.path);
  // What other inputs (Kubernetes, compose, Backstage) describe merges by id, with the overlay entries, into the manifests' components.
  const described: Description[] = [];
  for (const reader of readers) append(described, reader.describe(diagnostics, warnings));
  const catalogued = catalog.describe(firstSeen, new Set(described.map((d) => d.id)), diagnostics, warnings);
  const merged = combineInputs(raw, firstSeen, [...catalogued, ...described], overlays, files, diagnostics, warnings);
  const { model, diagnostics: refDiagnostics } = buildModel(merged.raw, merged.defined, name ?? baseName(files[0] ?? 'manifest'), files);
  append(diagnostics, refDiagnostics);
  // Nothing to analyse is not a clean answer: say so rather than "no problems".
  if (diagnostics.length === 0 && model.components.size === 0) {
    diagnostics.push({
      code: 'no-components',
      message: `no components in ${files.length === 1 ? 'the file given' : `the ${files.length} files given`}: nothing to analyse`,
      hint: warnings.length > 0 ? 'everything in them was skipped: see the warnings above' : 'add components to the manifest, or pass the files that describe your system',
      at: fileStart(files[0] ?? 'manifest'),
    });
  }
  const sortedWarnings = sortDiagnostics(dedupe(warnings), files);
  if (diagnostics.length > 0) return { diagnostics: sortDiagnostics(dedupe(diagnostics), files), warnings: sortedWarnings, locations: catalog.locations };
  return { model, diagnostics: [], warnings: sortedWarnings, locations: catalog.locations };
}

/** A file's documents (not an array when the `yaml` package read an empty stream). */
type Documents = ReturnType<typeof parse>['documents'];

function parse(source: ManifestSource, fast: boolean) {
  const lines = new LineCounter();
  const documents = (fast ? parseFast(source.text, lines) : undefined) ?? parseAllDocuments(source.text, { lineCounter: lines, uniqueKeys: false, prettyErrors: false });
  return { source, lines, documents };
}

/** The files a Backstage document of this file pulls in by placeholder. */
function addPlaceholderFiles(documents: Documents, path: string, into: Set<string>): void {
  if (!Array.isArray(documents)) return;
  for (const doc of documents) {
    const root = doc.contents;
    const apiVersion = pairOf(root, 'apiVersion')?.value;
    if (isMap(root) && isScalar(apiVersion) && isBackstageApiVersion(apiVersion.value)) for (const f of placeholderFiles(root, path)) into.add(f);
  }
}

/** Where one document's problems and foreign content go. */
interface DocumentSinks {
  readonly errors: Diagnostic[];
  readonly warnings: Diagnostic[];
  readonly catalog: Catalog;
  readonly readers: readonly InputReader[];
  /** Manifest components without `kind`: overlay entries for other inputs' components. */
  readonly overlays: OverlayEntry[];
  /** The file was found in a directory (see `ManifestSource.found`). */
  readonly found: boolean;
  /** On the fast path: components valid by `fastComponent` skip zod. */
  readonly fast: boolean;
}

/** Loads one YAML document; returns the manifest's `name`. */
function loadDocument(doc: Document.Parsed, file: SourceFile, raw: RawComponent[], firstSeen: Map<string, SourceRange>, sinks: DocumentSinks): string | undefined {
  const { errors: out, catalog } = sinks;
  if (doc.errors.length > 0) {
    append(out, yamlErrors(doc.errors, file));
    return undefined;
  }
  // A tag faultline does not know (`!foo`, `!!str` on a map) is dropped by the parser: the value is read as written, and the user told so.
  append(sinks.warnings, unknownTags(doc.warnings, file, 'warning'));
  const root = doc.contents;
  if (!isMap(root) && sinks.found) {
    sinks.warnings.push({ code: 'skipped-input', severity: 'warning', message: 'skipped: not a map, so not a manifest or any input faultline reads', at: file.range(root) });
    return undefined;
  }
  if (!isMap(root)) {
    out.push({
      code: 'not-a-manifest',
      message: 'a manifest is a map with apiVersion and components',
      hint: 'start the file with "apiVersion: faultline/v1"',
      at: file.range(root),
    });
    return undefined;
  }

  let js: Record<string, unknown>;
  try {
    js = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as Record<string, unknown>;
  } catch (error) {
    out.push(aliasDiagnostic(doc, root, file, error));
    return undefined;
  }
  // A tree the fast path rebuilt has neither (it falls back on a key that is not text, and js-yaml refuses a repeated key): no walk over it.
  if (!isRebuilt(root)) {
    if (!checkKeysAreStrings(root, file, out)) return undefined;
    // A repeated key would lose its first value without a word.
    const repeated = duplicateKeys(root, file, pairOf(root, 'components')?.value);
    if (repeated.length > 0) {
      append(out, repeated);
      return undefined;
    }
  }

  const apiVersion = js['apiVersion'];
  if (isBackstageApiVersion(apiVersion)) {
    catalog.addDocument(root, js, file, out, sinks.warnings);
    return undefined;
  }
  const reader = apiVersion === 'faultline/v1' ? undefined : sinks.readers.find((r) => r.recognises(js, file.file));
  if (reader) {
    reader.addDocument(root, js, file, out, sinks.warnings, sinks.found);
    return undefined;
  }
  if (apiVersion !== 'faultline/v1') {
    const at = file.range((pairOf(root, 'apiVersion')?.value as Node | undefined) ?? root);
    // Found in a directory and not even trying to be a manifest (no `components`): skip it, say so, read the rest.
    if (sinks.found && !Object.hasOwn(js, 'components')) {
      sinks.warnings.push({
        code: 'skipped-input',
        severity: 'warning',
        message: `skipped: ${apiVersion === undefined ? 'no apiVersion' : `apiVersion ${JSON.stringify(apiVersion)}`}, not a faultline manifest or any input faultline reads`,
        hint: `faultline reads "faultline/v1" manifests, Backstage catalogs${sinks.readers.length ? `, ${sinks.readers.map((r) => r.name).join(', ')}` : ''}; name the file itself to see why it is refused`,
        at,
      });
      return undefined;
    }
    out.push(
      apiVersion === undefined
        ? { code: 'not-a-manifest', message: 'missing apiVersion', hint: 'add "apiVersion: faultline/v1" at the top', at }
        : {
            code: 'not-a-manifest',
            message: `unsupported apiVersion ${JSON.stringify(apiVersion)}`,
            hint: 'faultline reads "faultline/v1" manifests and Backstage catalogs ("backstage.io/v1alpha1")',
            at,
          },
    );
    return undefined;
  }

  const top = TopLevelSchema.safeParse(js, { reportInput: true });
  if (!top.success) append(out, issueDiagnostics(top.error.issues, root, file, []));
  for (const pair of root.items) {
    const key = String((pair.key as { value: unknown }).value);
    if (!TOP_LEVEL_KEYS.includes(key)) {
      out.push({
        code: 'unknown-field',
        message: `unknown field "${key}"`,
        hint: didYouMean(key, TOP_LEVEL_KEYS) ?? `a manifest has ${TOP_LEVEL_KEYS.join(', ')}`,
        at: file.range(pair.key as Node),
      });
    }
  }

  const componentsPair = pairOf(root, 'components');
  const components = componentsPair?.value;
  if (!isMap(components)) {
    out.push({
      code: 'schema',
      message: components ? 'components must be a map of id → component' : 'missing required field "components"',
      hint: 'add "components:" with one entry per component, e.g. "api: { kind: service }"',
      at: file.range((components as Node | undefined) ?? root),
    });
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
    const valueNode = pair.value as Node | null;
    const value = Object.hasOwn(jsComponents, id) ? jsComponents[id] : undefined;
    const tagProblem = valueNode ? checkTagKeys(valueNode, file) : undefined;
    if (tagProblem) out.push(tagProblem);
    if (isOverlayEntry(value)) {
      // No kind: fields for another input's component with this id (an overlay), else the usual error.
      sinks.overlays.push({ id, at, node: valueNode as Node, value, file });
      continue;
    }
    firstSeen.set(id, at);
    // The happy path: the hand-written validator that agrees with zod (fast-validate.ts); zod decides whenever it does not accept.
    const valid = sinks.fast ? fastComponent(value) : undefined;
    if (valid) {
      raw.push({ id, at, value: valid, node: valueNode as Node, file });
      continue;
    }
    const parsed = ComponentSchema.safeParse(value ?? null, { reportInput: true });
    if (!parsed.success) {
      // `api:` with nothing after it: the key is what the user sees.
      const empty = !valueNode || (isScalar(valueNode) && valueNode.value === null);
      append(out, issueDiagnostics(parsed.error.issues, empty ? keyNode : valueNode, file, ['components', id]));
      // Keep what is valid, so its references are still checked in this pass.
      const rest = salvage(value, parsed.error.issues);
      if (rest && valueNode) raw.push({ id, at, value: rest, node: valueNode, file });
      continue;
    }
    raw.push({ id, at, value: parsed.data, node: valueNode as Node, file });
  }
  return typeof js['name'] === 'string' ? js['name'] : undefined;
}

/** Gives the components and overlay entries loaded from one file (`raw[first …]`, `overlays[firstOverlay …]`) their `# faultline-ignore` comments. */
function attachSuppressions(text: string, lines: LineCounter, path: string, raw: RawComponent[], first: number, overlays: OverlayEntry[], firstOverlay: number): void {
  const anchors = [...raw.slice(first), ...overlays.slice(firstOverlay)].map((r) => ({ id: r.id, line: r.at.line, col: r.at.col }));
  const found = readSuppressions(text, lines, path, anchors);
  if (found.size === 0) return;
  for (let i = first; i < raw.length; i++) {
    const suppressions = found.get(raw[i]!.id);
    if (suppressions) raw[i] = { ...raw[i]!, suppressions };
  }
  for (let i = firstOverlay; i < overlays.length; i++) {
    const suppressions = found.get(overlays[i]!.id);
    if (suppressions) overlays[i] = { ...overlays[i]!, suppressions };
  }
}

/** A document with nothing in it: no text at all, or only `---` (an empty null scalar). */
function isEmptyDocument(doc: Document.Parsed): boolean {
  const c = doc.contents;
  return c === null || (isScalar(c) && c.value === null && c.source === '');
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
          out.push({ code: 'schema', ...keyProblem(pair.key), at: file.range(pair.key as Node) });
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

/** `on` under `%YAML 1.1` is read as true: say so, with the text the user wrote. */
function keyProblem(key: unknown): { message: string; hint: string } {
  if (!isScalar(key)) return { message: 'map keys must be strings, found a complex key', hint: 'use a plain string as the key' };
  const value = String(key.value);
  const written = typeof key.source === 'string' ? key.source : value;
  return {
    message: written !== value ? `map key ${written} is read as ${value}, not as text` : `map keys must be strings, found ${value}`,
    hint: `quote it: "${written}"`,
  };
}

/** A plain numeric key such as `1password` is fine; `123` is read as a number but kept as text. */
function isPlainNumber(key: { value: unknown; type?: string }): boolean {
  return typeof key.value === 'number' && key.type === 'PLAIN';
}

/**
 * A `__proto__` key in `tags` or in an `in` map: zod's record would drop it
 * without a word (a placement lost), so it is an error at the key.
 */
function checkTagKeys(valueNode: Node, file: SourceFile): Diagnostic | undefined {
  const tags = pairOf(valueNode, 'tags')?.value;
  if (isMap(tags)) {
    for (const pair of tags.items) {
      if (isScalar(pair.key) && pair.key.value === '__proto__') {
        return { code: 'schema', message: '"__proto__" is not allowed as a tag name', hint: 'rename the tag', at: file.range(pair.key as Node) };
      }
    }
  }
  const placements = pairOf(valueNode, 'in')?.value;
  if (isMap(placements)) {
    for (const pair of placements.items) {
      if (isScalar(pair.key) && pair.key.value === '__proto__') {
        return {
          code: 'invalid-id',
          message: 'in: "__proto__" is not a valid id',
          hint: 'ids are letters, digits, ".", "_" and "-", starting with a letter or digit',
          at: file.range(pair.key as Node),
        };
      }
    }
  }
  return undefined;
}

/**
 * The fields of a component that failed the schema which are valid on their
 * own: the offending fields are dropped (with `minHealthy` when `in` goes, and
 * a placeholder kind when it is missing), so that unknown ids elsewhere in the
 * component are reported in the same pass. Undefined when nothing is left.
 */
function salvage(value: unknown, issues: readonly z.core.$ZodIssue[]): ComponentInput | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const drop = new Set<PropertyKey>();
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys' && issue.path.length === 0) issue.keys.forEach((k) => drop.add(k));
    else if (issue.path.length > 0) drop.add(issue.path[0]!);
  }
  if (drop.has('in')) drop.add('minHealthy');
  const kept = new Map(Object.entries(value).filter(([k]) => !drop.has(k)));
  if (typeof kept.get('kind') !== 'string' || kept.get('kind') === '') kept.set('kind', 'unknown');
  const parsed = ComponentSchema.safeParse(Object.fromEntries(kept));
  return parsed.success ? parsed.data : undefined;
}

/** `toJS` throws for an alias whose anchor is missing and past `maxAliasCount` (billion laughs). */
function aliasDiagnostic(doc: Document.Parsed, root: Node, file: SourceFile, error: unknown): Diagnostic {
  const aliases = aliasesInOrder(root);
  if (/unresolved alias/i.test((error as Error).message)) {
    const missing = aliases.find((a) => a.resolve(doc) === undefined);
    const name = missing?.source ?? '';
    return { code: 'yaml-alias', message: `unknown alias "*${name}"`, hint: `define the anchor "&${name}" before using it`, at: file.range(missing ?? root) };
  }
  return {
    code: 'yaml-alias',
    message: `too many alias expansions (more than ${MAX_ALIAS_COUNT} in one document)`,
    hint: 'aliases that expand aliases grow exponentially ("billion laughs"); write the values out',
    at: file.range(aliases[0] ?? root),
  };
}

/** Every alias node, in document order. */
function aliasesInOrder(root: Node): Alias[] {
  const out: Alias[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isAlias(node)) out.push(node);
    else if (isMap(node)) for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]!.value, node.items[i]!.key);
    else if (isSeq(node)) for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
  }
  return out;
}

function baseName(path: string): string {
  return path
    .replace(/\\/g, '/')
    .split('/')
    .pop()!
    .replace(/\.(ya?ml|json)$/, '');
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
