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
import { DEFAULT_NAMESPACE, entityId, stringifyRef } from './refs.js';
import { append } from '../arrays.js';

/** The prefix of the annotations faultline reads. */
export const ANNOTATION_PREFIX = 'faultline.dev/';

/** The kinds of the Backstage system model, lowercase → as Backstage spells them. */
export const KNOWN_KINDS: ReadonlyMap<string, string> = new Map(
  ['Component', 'Resource', 'System', 'Domain', 'API', 'Group', 'User', 'Location', 'Template'].map((k) => [k.toLowerCase(), k]),
);

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

const Refs = z.array(z.string().min(1));

/** The `spec` fields faultline reads, per kind; anything else in `spec` is Backstage's business. */
const SPEC_SCHEMAS: ReadonlyMap<string, z.ZodType> = new Map<string, z.ZodType>([
  [
    'component',
    z.looseObject({
      type: z.string().min(1),
      owner: z.string().optional(),
      lifecycle: z.string().optional(),
      system: z.string().min(1).optional(),
      dependsOn: Refs.optional(),
      dependencyOf: Refs.optional(),
      providesApis: Refs.optional(),
      consumesApis: Refs.optional(),
    }),
  ],
  [
    'resource',
    z.looseObject({
      type: z.string().min(1),
      owner: z.string().optional(),
      system: z.string().min(1).optional(),
      dependsOn: Refs.optional(),
      dependencyOf: Refs.optional(),
    }),
  ],
  ['system', z.looseObject({ owner: z.string().optional(), domain: z.string().min(1).optional() })],
]);

type Js = Record<string, unknown>;

/**
 * Reads one Backstage document; problems go to `out`.
 * @param js the document as plain data (`doc.toJS()`)
 * @returns undefined for a broken entity and for kinds faultline ignores
 */
export function readEntity(root: YAMLMap, js: Js, file: SourceFile, out: Diagnostic[], warnings: Diagnostic[]): CatalogEntity | undefined {
  const envelope = EnvelopeSchema.safeParse(js, { reportInput: true });
  if (!envelope.success) {
    append(
      out,
      issueDiagnostics(envelope.error.issues, root, file, [], () => []),
    );
    return undefined;
  }
  const written = envelope.data.kind;
  const kind = written.toLowerCase();
  if (!KNOWN_KINDS.has(kind)) {
    const near = closest(written, KNOWN_KINDS.values());
    const name = typeof (js['metadata'] as Js | undefined)?.['name'] === 'string' ? ` ${String((js['metadata'] as Js)['name'])}` : '';
    warnings.push({
      code: 'skipped-input',
      severity: 'warning',
      message: `skipped${name}: Backstage kind "${written}" is not one faultline models`,
      hint: near ? `did you mean "${near}"?` : 'custom kinds are left out; model what it stands for with a faultline manifest if it can fail',
      at: file.range(nodeAt(root, ['kind'])),
    });
    return undefined;
  }
  const spec = js['spec'] as Js | undefined;
  const specSchema = SPEC_SCHEMAS.get(kind);
  if (specSchema) {
    if (spec === undefined) {
      out.push({
        code: 'schema',
        message: 'missing required field "spec"',
        hint: `a ${KNOWN_KINDS.get(kind)!} needs at least "spec: { type: … }"`,
        at: file.range(nodeAt(root, ['metadata', 'name'])),
      });
      return undefined;
    }
    const parsed = specSchema.safeParse(spec, { reportInput: true });
    if (!parsed.success) {
      append(
        out,
        issueDiagnostics(parsed.error.issues, nodeAt(root, ['spec']), file, ['spec'], () => []),
      );
      return undefined;
    }
  }

  const metadata = envelope.data.metadata;
  const namespace = (metadata.namespace ?? DEFAULT_NAMESPACE).toLowerCase();
  const fields = spec !== null && typeof spec === 'object' && !Array.isArray(spec) ? spec : undefined;
  const refs = (field: string): RefField[] => {
    const list = fields?.[field];
    if (!Array.isArray(list)) return [];
    return list.map((text, i) => ({ text: String(text), at: file.range(nodeAt(root, ['spec', field, i])) }));
  };
  const one = (field: string): RefField | undefined => {
    const text = fields?.[field];
    return typeof text === 'string' ? { text, at: file.range(nodeAt(root, ['spec', field])) } : undefined;
  };
  const text = (field: string): string | undefined => (typeof fields?.[field] === 'string' ? (fields[field] as string) : undefined);
  const system = kind === 'system' ? undefined : one('system');
  const domain = kind === 'system' ? one('domain') : undefined;
  const type = text('type');
  const owner = text('owner');
  const lifecycle = text('lifecycle');
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
    dependsOn: refs('dependsOn'),
    dependencyOf: refs('dependencyOf'),
    providesApis: refs('providesApis'),
    consumesApis: refs('consumesApis'),
    annotations: faultlineAnnotations(root, file),
    fieldAt: fieldPositions(root, file),
  };
}

/** Where the fields faultline maps are written: field → [parent, key]. */
const FIELD_PATHS: ReadonlyMap<string, readonly [string, string]> = new Map([
  ['description', ['metadata', 'description']],
  ['type', ['spec', 'type']],
  ['owner', ['spec', 'owner']],
  ['lifecycle', ['spec', 'lifecycle']],
  ['system', ['spec', 'system']],
]);

function fieldPositions(root: YAMLMap, file: SourceFile): Map<string, SourceRange> {
  const out = new Map<string, SourceRange>();
  for (const [field, [parent, key]] of FIELD_PATHS) {
    const value = pairOf(pairOf(root, parent)?.value, key)?.value as Node | undefined;
    if (value) out.set(field, file.range(value));
  }
  return out;
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
