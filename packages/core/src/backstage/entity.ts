/**
 * Backstage entities: one YAML document → one `CatalogEntity`
 * ===========================================================
 *
 * Checks the envelope Backstage itself requires (`kind`, `metadata.name`,
 * string annotations) and the `spec` fields faultline reads, reporting
 * problems at their line and column like a manifest's. Every other field is
 * left alone: catalogs carry `links`, `tags`, `lifecycle`, custom fields…
 * Kinds faultline does not model (`Group`, `User`, `Location`, `Template`,
 * `API`) are read without complaint. A kind Backstage does not define (a
 * plugin's `AiResource`, an organisation's own kinds, a typo such as
 * `Componnet`) is skipped with one warning at its `kind:`, with a "did you
 * mean" when it is close to a known kind: users lint the catalog they have.
 *
 * [Reference]: https://backstage.io/docs/features/software-catalog/descriptor-format
 */
import { isMap, type Node, type YAMLMap } from 'yaml';
import * as z from 'zod';
import type { Diagnostic } from '../diagnostics.js';
import type { SourceRange } from '../model.js';
import { closest } from '../suggest.js';
import { nodeAt, pairOf, type SourceFile } from '../load/yaml-source.js';
import { issueDiagnostics } from '../load/zod-issues.js';
import { DEFAULT_NAMESPACE, entityId, refKey, stringifyRef } from './refs.js';
import { append } from '../arrays.js';

/** The prefix of the annotations faultline reads. */
export const ANNOTATION_PREFIX = 'faultline.dev/';

/** The kinds of the Backstage system model, lowercase → as Backstage spells them. */
export const KNOWN_KINDS: ReadonlyMap<string, string> = new Map(
  ['Component', 'Resource', 'System', 'Domain', 'API', 'Group', 'User', 'Location', 'Template'].map((k) => [k.toLowerCase(), k]),
);

/** The kind under which a skipped entity of a kind Backstage does not define is remembered: refs of any kind to its name are silent. */
export const ANY_KIND = '*';

/** A ref written in a field, with its place. */
export interface RefField {
  readonly text: string;
  readonly at: SourceRange;
}

/** A `faultline.dev/<name>` annotation. */
export interface FaultlineAnnotation {
  /** The part after the prefix. */
  readonly name: string;
  readonly value: string;
  readonly keyAt: SourceRange;
  /** The value's YAML node, to place errors inside the annotation. */
  readonly valueNode: Node;
}

/** A catalog entity as faultline reads it. */
export interface CatalogEntity {
  /** Lowercase: `component`, `resource`, `api`… */
  readonly kind: string;
  /** Lowercase. */
  readonly namespace: string;
  readonly name: string;
  /** The faultline id it maps to (`name`, or `namespace.name`). */
  readonly id: string;
  /** Backstage's canonical ref, `component:default/checkout`. */
  readonly ref: string;
  readonly file: SourceFile;
  /** `metadata.name`'s value. */
  readonly at: SourceRange;
  readonly description?: string;
  readonly type?: string;
  readonly owner?: string;
  readonly lifecycle?: string;
  readonly system?: RefField;
  /** A System's `spec.domain`. */
  readonly domain?: RefField;
  /** A Component's `spec.subcomponentOf`: the parent, which needs it. */
  readonly subcomponentOf?: RefField;
  readonly dependsOn: readonly RefField[];
  readonly dependencyOf: readonly RefField[];
  readonly providesApis: readonly RefField[];
  readonly consumesApis: readonly RefField[];
  readonly annotations: readonly FaultlineAnnotation[];
  /** Where `description`, `type`, `owner`, `lifecycle` and `system` are written, when they are. */
  readonly fieldAt: ReadonlyMap<string, SourceRange>;
}

const NAME = /^[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)*$/;
const Name = z.string().max(63, 'is longer than 63 characters').regex(NAME, 'is not a Backstage name (letters and digits, separated by "-", "_" or ".")');

const EnvelopeSchema = z.looseObject({
  apiVersion: z.string(),
  kind: z.string().min(1),
  metadata: z.looseObject({
    name: Name,
    namespace: Name.optional(),
    description: z.string().optional(),
    annotations: z.record(z.string(), z.string()).optional(),
  }),
});

/** `spec` fields where Backstage expects one value: a list there gives its first element, with a warning. */
const ONE_VALUE: readonly string[] = ['type', 'owner', 'lifecycle', 'system', 'domain', 'subcomponentOf'];
/** `spec` fields that are lists of refs: one ref written alone is read as a list of one, with a warning. */
const REF_LISTS: readonly string[] = ['dependsOn', 'dependencyOf', 'providesApis', 'consumesApis'];

/** The `spec` fields faultline reads, per kind, once a list or a lone ref has been taken apart; anything else in `spec` is Backstage's business. */
const SPEC_SCHEMAS: ReadonlyMap<string, z.ZodType> = new Map<string, z.ZodType>([
  ['component', z.looseObject({ type: z.string().min(1) })],
  ['resource', z.looseObject({ type: z.string().min(1) })],
]);

type Js = Record<string, unknown>;

/**
 * Reads one Backstage document. An entity Backstage itself would reject (a
 * name with a space, a Component without `spec.type`) is skipped with one
 * warning, and its ref goes to `skipped` so that refs to it say nothing more;
 * a list where one value is expected gives its first element, with a
 * warning. Only faultline's own annotations are errors (`out`).
 * @param js the document as plain data (`doc.toJS()`)
 * @param skipped refs (`refKey`) of the entities skipped, with where
 * @returns undefined for a skipped entity and for kinds faultline ignores
 */
export function readEntity(root: YAMLMap, js: Js, file: SourceFile, out: Diagnostic[], warnings: Diagnostic[], skipped: Map<string, SourceRange>): CatalogEntity | undefined {
  const metadataJs = isObject(js['metadata']) ? js['metadata'] : undefined;
  const writtenName = typeof metadataJs?.['name'] === 'string' ? metadataJs['name'] : undefined;
  const writtenKind = typeof js['kind'] === 'string' ? js['kind'] : undefined;
  const skip = (d: Diagnostic): undefined => {
    const what = writtenKind && writtenName !== undefined ? `${writtenKind} "${writtenName}"` : writtenName !== undefined ? `"${writtenName}"` : 'an entity';
    warnings.push({
      code: 'skipped-input',
      severity: 'warning',
      message: `skipped ${what}: ${d.message}`,
      hint: d.hint ?? 'Backstage rejects this entity too; fix it to have it analysed',
      at: d.at,
    });
    if (writtenKind && writtenName !== undefined) {
      const namespace = typeof metadataJs?.['namespace'] === 'string' ? metadataJs['namespace'] : DEFAULT_NAMESPACE;
      skipped.set(refKey(KNOWN_KINDS.has(writtenKind.toLowerCase()) ? writtenKind : ANY_KIND, namespace, writtenName), d.at);
    }
    return undefined;
  };

  const envelope = EnvelopeSchema.safeParse(js, { reportInput: true });
  if (!envelope.success) {
    // faultline's own annotations are faultline's input: errors. Anything else is the catalog's: the entity is skipped.
    const own = envelope.error.issues.filter(isOwnAnnotationIssue);
    const theirs = envelope.error.issues.filter((i) => !isOwnAnnotationIssue(i));
    if (own.length > 0)
      append(
        out,
        issueDiagnostics(own, root, file, [], () => []),
      );
    if (theirs.length > 0) skip(issueDiagnostics(theirs, root, file, [], () => [])[0]!);
    return undefined;
  }
  const written = envelope.data.kind;
  const kind = written.toLowerCase();
  if (!KNOWN_KINDS.has(kind)) {
    const near = closest(written, KNOWN_KINDS.values());
    warnings.push({
      code: 'skipped-input',
      severity: 'warning',
      message: `skipped ${envelope.data.metadata.name}: Backstage kind "${written}" is not one faultline models`,
      hint: near ? `did you mean "${near}"?` : 'custom kinds are left out; model what it stands for with a faultline manifest if it can fail',
      at: file.range(nodeAt(root, ['kind'])),
    });
    // Any kind: a ref to it names a kind Backstage knows (`component:a` for a misspelt `Componnet`).
    skipped.set(refKey(ANY_KIND, envelope.data.metadata.namespace ?? DEFAULT_NAMESPACE, envelope.data.metadata.name), file.range(nodeAt(root, ['kind'])));
    return undefined;
  }
  const spec = js['spec'];
  const specSchema = SPEC_SCHEMAS.get(kind);
  if (specSchema && spec === undefined) {
    return skip({
      code: 'schema',
      message: 'missing required field "spec"',
      hint: `a ${KNOWN_KINDS.get(kind)!} needs at least "spec: { type: … }"`,
      at: file.range(nodeAt(root, ['metadata', 'name'])),
    });
  }
  const fields = isObject(spec) ? spec : undefined;
  if (spec !== undefined && spec !== null && !fields) {
    return skip({ code: 'schema', message: 'spec must be a map', at: file.range(nodeAt(root, ['spec'])) });
  }

  // Take what can be taken: one value where one is expected, lists of refs where lists are expected.
  const one = new Map<string, RefField>();
  for (const field of ONE_VALUE) {
    if (!fields || !Object.hasOwn(fields, field)) continue;
    const value = fields[field];
    const at = file.range(nodeAt(root, ['spec', field]));
    if (typeof value === 'string' && value.trim() !== '') one.set(field, { text: value, at });
    else if (Array.isArray(value) && typeof value[0] === 'string' && value[0].trim() !== '') {
      one.set(field, { text: value[0], at: file.range(nodeAt(root, ['spec', field, 0])) });
      warnings.push({
        code: 'skipped-input',
        severity: 'warning',
        message: `spec.${field} is a list where Backstage expects one value: took the first, "${value[0]}"${
          value.length > 1
            ? `, skipped ${value
                .slice(1)
                .map((v) => JSON.stringify(v))
                .join(', ')}`
            : ''
        }`,
        hint: `write one ${field}`,
        at,
      });
    } else if (value !== null && value !== undefined) {
      warnings.push({
        code: 'skipped-input',
        severity: 'warning',
        message: `skipped spec.${field}: ${describeValue(value)} where Backstage expects one string`,
        hint: `write one ${field}, e.g. "${field}: name"`,
        at,
      });
    }
  }
  const refs = new Map<string, RefField[]>();
  for (const field of REF_LISTS) {
    if (!fields || !Object.hasOwn(fields, field)) continue;
    const value = fields[field];
    const list: RefField[] = [];
    if (typeof value === 'string' && value.trim() !== '') {
      list.push({ text: value, at: file.range(nodeAt(root, ['spec', field])) });
      warnings.push({
        code: 'skipped-input',
        severity: 'warning',
        message: `spec.${field} is one ref where Backstage expects a list: read as [${value}]`,
        hint: `write "${field}: [${value}]"`,
        at: file.range(nodeAt(root, ['spec', field])),
      });
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => {
        const at = file.range(nodeAt(root, ['spec', field, i]));
        if (typeof item === 'string' && item.trim() !== '') list.push({ text: item, at });
        else
          warnings.push({
            code: 'skipped-input',
            severity: 'warning',
            message: `skipped spec.${field}[${i}]: ${describeValue(item)} where Backstage expects an entity ref`,
            hint: 'refs are [kind:][namespace/]name, e.g. resource:orders-db',
            at,
          });
      });
    } else if (value !== null && value !== undefined) {
      warnings.push({
        code: 'skipped-input',
        severity: 'warning',
        message: `skipped spec.${field}: ${describeValue(value)} where Backstage expects a list of entity refs`,
        hint: `write "${field}: [kind:name, …]"`,
        at: file.range(nodeAt(root, ['spec', field])),
      });
    }
    refs.set(field, list);
  }
  if (specSchema) {
    const taken = { ...fields, ...(one.has('type') ? { type: one.get('type')!.text } : {}) };
    const parsed = specSchema.safeParse(taken, { reportInput: true });
    if (!parsed.success) return skip(issueDiagnostics(parsed.error.issues, nodeAt(root, ['spec']), file, ['spec'], () => [])[0]!);
  }

  const metadata = envelope.data.metadata;
  const namespace = (metadata.namespace ?? DEFAULT_NAMESPACE).toLowerCase();
  const system = kind === 'system' || kind === 'domain' ? undefined : one.get('system');
  const domain = kind === 'system' ? one.get('domain') : undefined;
  const subcomponentOf = kind === 'component' ? one.get('subcomponentOf') : undefined;
  const type = one.get('type')?.text;
  const owner = one.get('owner')?.text;
  const lifecycle = one.get('lifecycle')?.text;
  const fieldAt = new Map<string, SourceRange>();
  const description = pairOf(pairOf(root, 'metadata')?.value, 'description')?.value as Node | undefined;
  if (description) fieldAt.set('description', file.range(description));
  for (const field of ['type', 'owner', 'lifecycle', 'system']) {
    const at = one.get(field)?.at;
    if (at) fieldAt.set(field, at);
  }
  return {
    kind,
    namespace,
    name: metadata.name,
    id: entityId(namespace, metadata.name),
    ref: stringifyRef(kind, namespace, metadata.name),
    file,
    at: file.range(nodeAt(root, ['metadata', 'name'])),
    ...(metadata.description !== undefined ? { description: metadata.description } : {}),
    ...(type !== undefined ? { type } : {}),
    ...(owner !== undefined ? { owner } : {}),
    ...(lifecycle !== undefined ? { lifecycle } : {}),
    ...(system ? { system } : {}),
    ...(domain ? { domain } : {}),
    ...(subcomponentOf ? { subcomponentOf } : {}),
    dependsOn: refs.get('dependsOn') ?? [],
    dependencyOf: refs.get('dependencyOf') ?? [],
    providesApis: refs.get('providesApis') ?? [],
    consumesApis: refs.get('consumesApis') ?? [],
    annotations: faultlineAnnotations(root, file),
    fieldAt,
  };
}

function isObject(value: unknown): value is Js {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A problem in a `faultline.dev/…` annotation (faultline's own input, so an error). */
function isOwnAnnotationIssue(issue: z.core.$ZodIssue): boolean {
  return issue.path[0] === 'metadata' && issue.path[1] === 'annotations' && String(issue.path[2] ?? '').startsWith(ANNOTATION_PREFIX);
}

/** A value in words, for warnings: `a map`, `a list`, `the number 3`. */
function describeValue(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  if (value === null) return 'nothing';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return 'an empty string';
  return `${typeof value} ${String(value)}`;
}

/** The `faultline.dev/…` annotations of an entity, in the order written. */
function faultlineAnnotations(root: YAMLMap, file: SourceFile): FaultlineAnnotation[] {
  const annotations = nodeAt(root, ['metadata', 'annotations']);
  if (!isMap(annotations) || !pairOf(nodeAt(root, ['metadata']), 'annotations')) return [];
  const out: FaultlineAnnotation[] = [];
  for (const pair of annotations.items) {
    const key = String((pair.key as { value: unknown }).value);
    if (!key.startsWith(ANNOTATION_PREFIX)) continue;
    const valueNode = pair.value as Node;
    out.push({ name: key.slice(ANNOTATION_PREFIX.length), value: String((valueNode as { value: unknown }).value), keyAt: file.range(pair.key as Node), valueNode });
  }
  return out;
}
