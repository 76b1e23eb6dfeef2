/**
 * Serializing a model to JSON and back
 * ====================================
 *
 * The viewer receives the model as JSON inside its HTML file (docs/architecture.md#the-viewer-page), so the CLI writes it with `toJson` and the page reads it with
 * `fromJson`. Maps become arrays (components in model order, tags as
 * `[key, value]` pairs): a component id or a tag name is never an object key,
 * so `__proto__`-like text cannot reach a prototype (docs/architecture.md#ids-and-maps). Keys are written
 * in a fixed order, so the same model always gives the same JSON.
 */
import { JOURNEY_KIND } from './journey.js';
import { EDGE_ATTRIBUTE_KEYS, type Component, type Dependency, type Model, type Placement, type SourceRange } from './model.js';

/** The format tag every serialized model carries. */
export const MODEL_JSON_FORMAT = 'faultline.model/1';

/** A component as JSON: the `Component` fields, with `tags` as `[name, value]` pairs. */
export type ComponentJson = Omit<Component, 'tags'> & { readonly tags: readonly (readonly [string, string])[] };

/** A model as JSON (`JSON.stringify`-safe, Map-free). */
export interface ModelJson {
  readonly format: typeof MODEL_JSON_FORMAT;
  readonly name: string;
  readonly files: readonly string[];
  readonly components: readonly ComponentJson[];
}

/** A JSON value that is not a serialized model. */
export class ModelJsonError extends Error {
  constructor(message: string) {
    super(`faultline/serialize: ${message}`);
    this.name = 'ModelJsonError';
  }
}

/** Turns a model into plain JSON data, in model order. */
export function toJson(model: Model): ModelJson {
  return {
    format: MODEL_JSON_FORMAT,
    name: model.name,
    files: [...model.files],
    components: [...model.components.values()].map(componentJson),
  };
}

/** Rebuilds a model from `toJson` output (parsed), checking its shape. */
export function fromJson(json: unknown): Model {
  const data = json as Partial<ModelJson> | null;
  if (typeof data !== 'object' || data === null || data.format !== MODEL_JSON_FORMAT) {
    throw new ModelJsonError(`expected an object with format "${MODEL_JSON_FORMAT}"`);
  }
  if (typeof data.name !== 'string' || !Array.isArray(data.files) || !Array.isArray(data.components)) {
    throw new ModelJsonError('expected "name", "files" and "components"');
  }
  const components = new Map<string, Component>();
  for (const c of data.components as readonly ComponentJson[]) {
    if (typeof c?.id !== 'string' || typeof c.kind !== 'string') throw new ModelJsonError('a component without an id or a kind');
    if (components.has(c.id)) throw new ModelJsonError(`component "${c.id}" appears twice`);
    if (!Array.isArray(c.placements) || !Array.isArray(c.dependsOn) || !Array.isArray(c.tags)) {
      throw new ModelJsonError(`component "${c.id}" lacks placements, dependsOn or tags`);
    }
    const { tags, ...rest } = c;
    // Model JSON written before journeys existed has no isJourney.
    components.set(c.id, { ...rest, isJourney: rest.isJourney ?? rest.kind === JOURNEY_KIND, tags: new Map(tags.map(([k, v]) => [String(k), String(v)])) });
  }
  return { name: data.name, files: data.files.map(String), components };
}

function componentJson(c: Component): ComponentJson {
  const out: Record<string, unknown> = {
    id: c.id,
    kind: c.kind,
    isDomain: c.isDomain,
    isJourney: c.isJourney,
    placements: c.placements.map(placementJson),
    minHealthy: c.minHealthy,
  };
  if (c.scope !== undefined) out['scope'] = c.scope;
  if (c.plane !== undefined) out['plane'] = c.plane;
  out['critical'] = c.critical;
  out['weight'] = c.weight;
  if (c.availability !== undefined) out['availability'] = c.availability;
  out['dependsOn'] = c.dependsOn.map(dependencyJson);
  out['monitors'] = [...c.monitors];
  out['monitorsAt'] = c.monitorsAt.map(rangeJson);
  if (c.owner !== undefined) out['owner'] = c.owner;
  out['tags'] = [...c.tags].map(([k, v]) => [k, v]);
  if (c.description !== undefined) out['description'] = c.description;
  if (c.aliases?.length) out['aliases'] = [...c.aliases];
  if (c.refs?.length) out['refs'] = c.refs.map((r) => ({ input: r.input, kind: r.kind, namespace: r.namespace, name: r.name }));
  if (c.suppressions?.length) out['suppressions'] = c.suppressions.map((s) => ({ ...s, at: rangeJson(s.at) }));
  out['at'] = rangeJson(c.at);
  return out as unknown as ComponentJson;
}

function placementJson(p: Placement): Placement {
  return { domain: p.domain, replicas: p.replicas, at: rangeJson(p.at) };
}

function dependencyJson(d: Dependency): Dependency {
  const out: Record<string, unknown> = { type: d.type };
  if (d.type === 'edge') out['target'] = d.target;
  else {
    out['anyOf'] = [...d.anyOf];
    out['need'] = d.need;
    out['memberAt'] = d.memberAt.map(rangeJson);
  }
  for (const k of EDGE_ATTRIBUTE_KEYS) if (d[k] !== undefined) out[k] = d[k];
  out['at'] = rangeJson(d.at);
  return out as unknown as Dependency;
}

function rangeJson(r: SourceRange): SourceRange {
  return { file: r.file, line: r.line, col: r.col, endLine: r.endLine, endCol: r.endCol };
}
