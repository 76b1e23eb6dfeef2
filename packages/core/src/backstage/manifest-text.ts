/**
 * A model written back as a faultline manifest
 * ============================================
 *
 * `faultline import backstage` loads a catalog (with its overlay and
 * annotations) into a model and writes that model as one native manifest,
 * so that loading the result gives the same components, placements, edges
 * and attributes. Defaults are left out (`mode: hard`, `weight: 1`…), and
 * `critical` is written only when not every component counts as critical.
 * Comments carry what YAML data cannot: where each component came from and
 * where a placement is still to be written. Text is produced by the `yaml`
 * package, so ids and descriptions are quoted whenever YAML needs it; ids
 * and tag names stay `Map` keys all the way (never object keys).
 */
import { Document, isMap, isSeq, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { Component, Dependency, Model } from '../model.js';

export interface ManifestTextOptions {
  /** Comment lines at the top of the file (without `#`). */
  readonly header?: readonly string[];
  /** Comment lines above a component (without `#`); none by default. */
  readonly commentFor?: (c: Component) => readonly string[];
}

/** The model as manifest text. */
export function manifestText(model: Model, options: ManifestTextOptions = {}): string {
  const everyComponentCritical = [...model.components.values()].every((c) => c.critical === !c.isDomain);
  const components = new Map<string, Record<string, unknown>>();
  for (const c of model.components.values()) components.set(c.id, componentValue(c, !everyComponentCritical));
  const doc = new Document({ apiVersion: 'faultline/v1', name: model.name, components });
  if (options.header?.length) doc.commentBefore = options.header.map((l) => ` ${l}`.trimEnd()).join('\n');
  const map = doc.get('components') as YAMLMap;
  const list = [...model.components.values()];
  map.items.forEach((pair, i) => style(pair as Pair<Scalar, YAMLMap>, list[i]!, i, options));
  return doc.toString({ lineWidth: 0 });
}

function componentValue(c: Component, writeCritical: boolean): Record<string, unknown> {
  const v: Record<string, unknown> = { kind: c.kind };
  if (c.placements.length > 0) v['in'] = placements(c);
  if (c.minHealthy !== 1) v['minHealthy'] = c.minHealthy;
  if (c.scope) v['scope'] = c.scope;
  if (c.plane) v['plane'] = c.plane;
  if (writeCritical && c.critical) v['critical'] = true;
  if (c.weight !== 1) v['weight'] = c.weight;
  if (c.availability !== undefined) v['availability'] = c.availability;
  if (c.owner !== undefined) v['owner'] = c.owner;
  if (c.description !== undefined) v['description'] = c.description;
  if (c.aliases?.length) v['aliases'] = [...c.aliases];
  if (c.tags.size > 0) v['tags'] = new Map(c.tags);
  if (c.monitors.length > 0) v['monitors'] = [...c.monitors];
  if (c.dependsOn.length > 0) v['dependsOn'] = c.dependsOn.map(dependency);
  return v;
}

function placements(c: Component): unknown {
  if (c.placements.some((p) => p.replicas !== 1)) return new Map(c.placements.map((p) => [p.domain, p.replicas]));
  return c.placements.length === 1 ? c.placements[0]!.domain : c.placements.map((p) => p.domain);
}

function dependency(d: Dependency): unknown {
  const attributes: Record<string, unknown> = {};
  if (d.mode !== 'hard') attributes['mode'] = d.mode;
  if (d.via !== 'call') attributes['via'] = d.via;
  for (const key of ['rollout', 'timeoutMs', 'retries', 'circuitBreaker', 'bulkhead', 'fallback', 'phase'] as const) {
    if (d[key] !== undefined) attributes[key] = d[key];
  }
  if (d.type === 'group') return { anyOf: [...d.anyOf], ...(d.need !== 1 ? { need: d.need } : {}), ...attributes };
  return Object.keys(attributes).length === 0 ? d.target : { target: d.target, ...attributes };
}

/** Flow style for short collections, a blank line between components, the caller's comments. */
function style(pair: Pair<Scalar, YAMLMap>, c: Component, i: number, options: ManifestTextOptions): void {
  const value = pair.value!;
  const comment = options.commentFor?.(c) ?? [];
  if (comment.length > 0) pair.key.commentBefore = comment.map((l) => ` ${l}`.trimEnd()).join('\n');
  if (i > 0) pair.key.spaceBefore = true;
  const short = value.items.every((p) => !isMap(p.value) && !isSeq(p.value)) && value.items.length <= 3;
  if (short && comment.length === 0) {
    value.flow = true;
    return;
  }
  for (const p of value.items) {
    if (isMap(p.value) || (isSeq(p.value) && (p.key as Scalar).value !== 'dependsOn')) p.value.flow = true;
    if (isSeq(p.value) && (p.key as Scalar).value === 'dependsOn') for (const item of p.value.items) if (isMap(item)) item.flow = true;
  }
}
