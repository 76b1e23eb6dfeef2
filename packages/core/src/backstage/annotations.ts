/**
 * `faultline.dev/…` annotations → a layer
 * =======================================
 *
 * Backstage cannot say where a component runs, whether it is critical, or
 * that an edge is soft. Teams that keep everything in `catalog-info.yaml`
 * say it in annotations, whose values are strings (Backstage requires it)
 * read as YAML flow: `faultline.dev/in: "{ use1-az1: 2, use1-az2: 1 }"`.
 * Each value is validated with the very schema a manifest field uses
 * (`ComponentSchema.shape`), and errors point inside the annotation's value
 * when the value is written on one line without escapes, else at the value.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Scalar } from 'yaml';
import type { Diagnostic } from '../diagnostics.js';
import type { SourceRange } from '../model.js';
import { ComponentSchema } from '../schema.js';
import { didYouMean } from '../suggest.js';
import { SourceFile } from '../load/yaml-source.js';
import { issueDiagnostics } from '../load/zod-issues.js';
import { ANNOTATION_PREFIX, type FaultlineAnnotation } from './entity.js';
import { layer, pathKey, recordPositions, type Layer } from './layer.js';
import { append } from '../arrays.js';

/** Annotation name (after `faultline.dev/`) → manifest field. */
export const ANNOTATION_FIELDS: ReadonlyMap<string, keyof typeof ComponentSchema.shape> = new Map([
  ['kind', 'kind'],
  ['in', 'in'],
  ['min-healthy', 'minHealthy'],
  ['scope', 'scope'],
  ['plane', 'plane'],
  ['critical', 'critical'],
  ['weight', 'weight'],
  ['availability', 'availability'],
  ['depends-on', 'dependsOn'],
  ['monitors', 'monitors'],
  ['aliases', 'aliases'],
  ['service-name', 'aliases'],
  ['tags', 'tags'],
] as const);

/** `faultline.dev/service-name`: the name traces give the component (OpenTelemetry's `service.name`), one plain string added to `aliases`. */
const SERVICE_NAME = 'service-name';

/** The annotations of one entity as a layer; problems go to `out`. */
export function annotationLayer(annotations: readonly FaultlineAnnotation[], file: SourceFile, out: Diagnostic[]): Layer {
  const result = layer('an annotation');
  const known = [...ANNOTATION_FIELDS.keys()].map((k) => ANNOTATION_PREFIX + k);
  const serviceNames: FaultlineAnnotation[] = [];
  for (const a of annotations) {
    const field = ANNOTATION_FIELDS.get(a.name);
    if (!field) {
      const key = ANNOTATION_PREFIX + a.name;
      out.push({ code: 'unknown-field', message: `unknown annotation "${key}"`, hint: didYouMean(key, known) ?? `faultline reads ${known.join(', ')}`, at: a.keyAt });
      continue;
    }
    if (a.name === SERVICE_NAME) {
      serviceNames.push(a);
      continue;
    }
    const inner = new AnnotationSource(file, a.valueNode as Scalar);
    const doc = parseDocument(a.value, { lineCounter: inner.lines, prettyErrors: false, uniqueKeys: true });
    if (doc.errors.length > 0) {
      const e = doc.errors[0]!;
      out.push({
        code: 'yaml-syntax',
        message: `${ANNOTATION_PREFIX}${a.name}: ${e.message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').trim()}`,
        hint: 'the value is YAML flow, e.g. "{ use1-az1: 2 }" or "[a, b]"',
        at: inner.offsets(e.pos[0], e.pos[1]),
      });
      continue;
    }
    const proto = protoKey(doc.contents);
    if (proto) {
      out.push({ code: 'schema', message: `"__proto__" is not allowed as a name in ${ANNOTATION_PREFIX}${a.name}`, hint: 'rename it', at: inner.range(proto) });
      continue;
    }
    const value: unknown = doc.toJS({ maxAliasCount: 0 });
    const parsed = ComponentSchema.shape[field].safeParse(value, { reportInput: true });
    if (!parsed.success || value === null || value === undefined) {
      const issues = parsed.success ? [] : parsed.error.issues;
      const found = issueDiagnostics(issues, (doc.contents ?? a.valueNode) as Node, inner, [field]);
      out.push(
        ...(found.length > 0 ? found : [{ code: 'schema' as const, message: `${ANNOTATION_PREFIX}${a.name} is empty`, at: inner.range(null) }]).map((d) => ({
          ...d,
          message: d.message.replace(new RegExp(`^${field}\\b`), `${ANNOTATION_PREFIX}${a.name}`),
        })),
      );
      continue;
    }
    result.fields.set(field, parsed.data);
    result.keyAt.set(pathKey([field]), a.keyAt);
    recordPositions(doc.contents, [field], inner, result);
    result.fieldSource.set(field, `annotation ${ANNOTATION_PREFIX}${a.name}`);
  }
  for (const a of serviceNames) addServiceName(a, file, result, out);
  return result;
}

/** Adds a `faultline.dev/service-name` value (a plain string, not YAML) to the layer's aliases. */
function addServiceName(a: FaultlineAnnotation, file: SourceFile, result: Layer, out: Diagnostic[]): void {
  const name = a.value.trim();
  if (name === '') {
    out.push({
      code: 'schema',
      message: `${ANNOTATION_PREFIX}${SERVICE_NAME} is empty`,
      hint: 'the service name traces give it, e.g. "product-catalog"',
      at: file.range(a.valueNode),
    });
    return;
  }
  const aliases = [...((result.fields.get('aliases') as string[] | undefined) ?? [])];
  if (aliases.includes(name)) return;
  aliases.push(name);
  result.fields.set('aliases', aliases);
  result.at.set(pathKey(['aliases', aliases.length - 1]), file.range(a.valueNode));
  if (!result.keyAt.has(pathKey(['aliases']))) {
    result.keyAt.set(pathKey(['aliases']), a.keyAt);
    result.fieldSource.set('aliases', `annotation ${ANNOTATION_PREFIX}${SERVICE_NAME}`);
  }
}

/** A `__proto__` map key anywhere in the value (zod records would drop it silently). */
function protoKey(root: unknown): Node | undefined {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      for (const pair of node.items) {
        if (isScalar(pair.key) && pair.key.value === '__proto__') return pair.key as Node;
        stack.push(pair.value);
      }
    } else if (isSeq(node)) append(stack, node.items);
  }
  return undefined;
}

/**
 * Positions inside an annotation's value: offsets in the value's own text,
 * shifted to where that text starts in the catalog file. Exact when the
 * value is written on one line with nothing escaped; otherwise every
 * position is the whole value.
 */
class AnnotationSource extends SourceFile {
  private readonly base: number | undefined;
  private readonly whole: SourceRange;

  constructor(
    private readonly outer: SourceFile,
    node: Scalar,
  ) {
    super(outer.file, new LineCounter());
    this.whole = outer.range(node);
    this.base = contentStart(node, this.whole);
  }

  override range(node: Node | null | undefined): SourceRange {
    return node?.range ? this.offsets(node.range[0], node.range[1]) : this.whole;
  }

  override offsets(start: number, end: number): SourceRange {
    return this.base === undefined ? this.whole : this.outer.offsets(this.base + start, this.base + end);
  }
}

/** Where the characters of a one-line, unescaped scalar start in the file, or undefined. */
function contentStart(node: Scalar, whole: SourceRange): number | undefined {
  const r = node.range;
  if (!r || !isScalar(node) || typeof node.value !== 'string' || whole.line !== whole.endLine) return undefined;
  const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
  if (!quoted && node.type !== 'PLAIN') return undefined;
  const length = r[1] - r[0] - (quoted ? 2 : 0);
  return length === node.value.length ? r[0] + (quoted ? 1 : 0) : undefined;
}
