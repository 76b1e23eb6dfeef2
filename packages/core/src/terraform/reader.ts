/**
 * Terraform plans and states as faultline input
 * =============================================
 *
 * The loader hands every `terraform show -json` document to a
 * `TerraformReader` (document.ts reads it); once all files are read,
 * `components` turns each document into raw components:
 *
 * 1. the resource instances of the state read (a plan's `planned_values`,
 *    or its `prior_state` for the base of `faultline diff plan.json`, or a
 *    state's `values`) are grouped by address without instance keys: the
 *    `count`/`for_each` instances of one resource are one component, its id
 *    the Terraform address (`aws_instance.app`, `module.db.aws_db_instance.main`);
 * 2. the mapping table (mapping.ts, extended by faultline.config.yaml) says
 *    what each type becomes, and how its replicas are placed in the region
 *    and zone domains, named as AWS names them (`us-east-1`, `us-east-1a`);
 * 3. dependencies come from the configuration's `references` (a plan) or
 *    the state's `depends_on` (a state, a plan's prior state): a reference
 *    to a component is a hard edge, to a subnet a placement, to IAM a
 *    start-up edge to the shared `aws-iam`; folded resources (target groups,
 *    listeners, launch templates, task definitions) pass their references on;
 * 4. `faultline.dev/…` tags on a resource override or add to all of it, as
 *    annotations do on Backstage entities.
 *
 * Nothing is made up: a zone that cannot be known is not guessed (the
 * replica is placed in the region, and a warning says so). The rules are in
 * docs/terraform.md.
 */
import type { Node, YAMLMap } from 'yaml';
import { isMap } from 'yaml';
import type { Diagnostic } from '../diagnostics.js';
import { append } from '../arrays.js';
import type { RawComponent } from '../load/resolve.js';
import { nodeAt, pairOf, type SourceFile } from '../load/yaml-source.js';
import type { SourceRange } from '../model.js';
import { ID_PATTERN } from '../schema.js';
import { listIds, plural } from '../words.js';
import { annotationLayer } from '../backstage/annotations.js';
import { ANNOTATION_PREFIX, type FaultlineAnnotation } from '../backstage/entity.js';
import { layer, pathKey } from '../backstage/layer.js';
import { mergeLayers } from '../backstage/merge.js';
import { toRawComponent } from '../backstage/synthetic.js';
import { evenly } from '../kubernetes/reader.js';
import { isRawState, isTerraformJson, readDocument, type PlanSide, type TfDocument, type TfInstance, type TfScope } from './document.js';
import {
  AWS_PROVIDER,
  CLUSTER_INSTANCES,
  IAM_ID,
  IAM_REGION,
  INVERTED,
  LINKS,
  ruleFor,
  SOFT_ATTRIBUTES,
  UTILITY_PROVIDERS,
  type ResourceRule,
  type TerraformMapping,
} from './mapping.js';

export interface TerraformOptions {
  /** A plan's state to read. @default 'planned' */
  readonly side?: PlanSide;
  /** The user's rows of the mapping table. */
  readonly mapping?: TerraformMapping;
}

/** The Terraform `InputReader` (`load/inputs.ts`; structural, so that module can import this one without a cycle). */
export class TerraformReader {
  readonly name = 'Terraform';
  private readonly documents: TfDocument[] = [];

  constructor(private readonly options: TerraformOptions = {}) {}

  recognises(document: Record<string, unknown>): boolean {
    return isTerraformJson(document) || isRawState(document);
  }

  addDocument(root: YAMLMap, document: Record<string, unknown>, file: SourceFile, errors: Diagnostic[], warnings: Diagnostic[], found = false): void {
    if (isRawState(document) && !isTerraformJson(document)) {
      const problem: Diagnostic = {
        code: 'not-a-manifest',
        message: 'a raw Terraform state file: faultline reads the JSON that terraform show -json prints',
        hint: 'run "terraform show -json > state.json" (or "terraform show -json plan.out > plan.json" for a plan) and pass that file',
        at: file.range((pairOf(root, 'version')?.key as Node | undefined) ?? root),
      };
      if (found) warnings.push({ ...problem, code: 'skipped-input', severity: 'warning', message: `skipped: ${problem.message}` });
      else errors.push(problem);
      return;
    }
    const version = document['format_version'];
    if (typeof version === 'string' && !/^1\./.test(version)) {
      warnings.push({
        code: 'schema',
        severity: 'warning',
        message: `format_version ${version}: faultline reads format 1.x of terraform show -json; read as 1.x, fields may be missed`,
        hint: 'tell us which Terraform version wrote it',
        at: file.range(pairOf(root, 'format_version')?.value as Node),
      });
    }
    if (document['errored'] === true) {
      warnings.push({
        code: 'schema',
        severity: 'warning',
        message: 'the plan errored: its planned values may be incomplete',
        hint: 'fix the errors terraform plan reports and plan again',
        at: file.range((pairOf(root, 'errored')?.key as Node | undefined) ?? root),
      });
    }
    const doc = readDocument(root, document, file, this.options.side ?? 'planned');
    if (doc.instances.length === 0 && this.options.side !== 'prior') {
      warnings.push({
        code: 'skipped-input',
        severity: 'warning',
        message: `no resource in this Terraform ${doc.kind}${doc.kind === 'plan' ? "'s planned_values" : "'s values"}: nothing of it to analyse`,
        hint: doc.kind === 'plan' ? 'the plan destroys everything, or was written before any resource existed' : 'the state is empty: apply first, or pass a plan',
        at: doc.at,
      });
    }
    this.documents.push(doc);
  }

  components(errors: Diagnostic[], warnings: Diagnostic[]): readonly RawComponent[] {
    const domains = new Domains();
    const out: RawComponent[] = [];
    const warnedTypes = new Set<string>();
    for (const doc of this.documents) append(out, new DocumentResolver(doc, this.options.mapping, domains, warnedTypes, errors, warnings).components());
    append(out, domains.components(errors));
    return out;
  }
}

/** Regions, zones, the provider and aws-iam: created once for every document, at the first place that needs each. */
class Domains {
  private readonly zones = new Map<string, SourceRange>();
  private readonly regions = new Map<string, SourceRange>();
  private iam: SourceRange | undefined;

  zone(az: string, at: SourceRange): string {
    if (!this.zones.has(az)) this.zones.set(az, at);
    const region = regionOfZone(az);
    if (region) this.region(region, at);
    return az;
  }

  region(region: string, at: SourceRange): string {
    if (!this.regions.has(region)) this.regions.set(region, at);
    return region;
  }

  useIam(at: SourceRange): void {
    if (this.iam) return;
    this.iam = at;
    this.region(IAM_REGION, at);
  }

  components(errors: Diagnostic[]): RawComponent[] {
    const out: RawComponent[] = [];
    const make = (id: string, at: SourceRange, fields: Record<string, unknown>): void => {
      const l = layer('Terraform');
      l.keyAt.set(pathKey([]), at);
      for (const [k, v] of Object.entries(fields)) l.fields.set(k, v);
      const c = toRawComponent(id, at, l, errors);
      if (c) out.push({ ...c, shared: true });
    };
    const first = this.regions.values().next().value;
    if (first) make(AWS_PROVIDER, first, { kind: 'provider', description: 'Amazon Web Services' });
    for (const [region, at] of this.regions) make(region, at, { kind: 'region', in: AWS_PROVIDER });
    for (const [zone, at] of this.zones) make(zone, at, { kind: 'zone', in: regionOfZone(zone) ?? AWS_PROVIDER });
    if (this.iam) {
      make(IAM_ID, this.iam, {
        kind: 'auth',
        plane: 'control',
        critical: false,
        in: IAM_REGION,
        description: 'AWS IAM: global, with its control plane in us-east-1 (docs/incidents.md#aws-2021); every IAM role, policy and profile of the Terraform files',
      });
    }
    return out;
  }
}

/** `us-east-1a` → `us-east-1`; a Local Zone `us-east-1-bos-1a` → `us-east-1`. */
export function regionOfZone(az: string): string | undefined {
  return /^([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d+)/.exec(az)?.[1];
}

const ARN_REGION = /^arn:aws[a-z-]*:[^:]*:([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d+):/;

/** A reference resolved to a resource: its base address, and the instance key when the reference names one. */
interface Target {
  readonly base: string;
  readonly key?: string;
}

/** An outgoing relation of a resource (a reference, a `depends_on`, or an inverted one). */
interface Relation {
  readonly target: string;
  readonly attribute: string;
  readonly at: SourceRange;
}

interface Edge {
  target: string;
  mode: 'hard' | 'soft' | 'async';
  phase?: 'startup';
  via?: 'auth';
  attribute: string;
  at: SourceRange;
}

/** The attributes that name subnets, or zones, per resource (values paths, then the configuration attribute). */
const SUBNET_LISTS: readonly { readonly path: readonly (string | number)[]; readonly attribute: string; readonly zones?: true }[] = [
  { path: ['subnets'], attribute: 'subnets' },
  { path: ['subnet_ids'], attribute: 'subnet_ids' },
  { path: ['vpc_zone_identifier'], attribute: 'vpc_zone_identifier' },
  { path: ['vpc_config', 0, 'subnet_ids'], attribute: 'vpc_config.subnet_ids' },
  { path: ['network_configuration', 0, 'subnets'], attribute: 'network_configuration.subnets' },
  { path: ['broker_node_group_info', 0, 'client_subnets'], attribute: 'broker_node_group_info.client_subnets' },
  { path: ['availability_zones'], attribute: 'availability_zones', zones: true },
  { path: ['preferred_availability_zones'], attribute: 'preferred_availability_zones', zones: true },
];

/** One document's resources → raw components. */
class DocumentResolver {
  private readonly groups = new Map<string, TfInstance[]>();
  private readonly subnetZone = new Map<string, string>();
  private readonly subnetGroups = new Map<string, string[]>();
  private readonly outgoing = new Map<string, Relation[]>();
  private readonly links: { consumer: string; source: string; attribute: string; at: SourceRange }[] = [];
  /** Every instance read (either state, data sources too) by base address. */
  private readonly lookupByBase = new Map<string, TfInstance[]>();
  /** Resolved references by scope and text: each is followed once, and a module output naming itself ends there. */
  private readonly resolved = new Map<string, Target[]>();

  constructor(
    private readonly doc: TfDocument,
    private readonly mapping: TerraformMapping | undefined,
    private readonly domains: Domains,
    private readonly warnedTypes: Set<string>,
    private readonly errors: Diagnostic[],
    private readonly warnings: Diagnostic[],
  ) {
    for (const i of doc.instances) {
      if (i.mode !== 'managed') continue;
      const list = this.groups.get(i.base);
      if (list) list.push(i);
      else this.groups.set(i.base, [i]);
    }
    for (const i of doc.lookup) {
      const list = this.lookupByBase.get(i.base);
      if (list) list.push(i);
      else this.lookupByBase.set(i.base, [i]);
    }
    for (const i of doc.lookup) {
      if ((i.type === 'aws_subnet' || i.type === 'aws_default_subnet') && typeof i.values['id'] === 'string' && typeof i.values['availability_zone'] === 'string')
        this.subnetZone.set(i.values['id'], i.values['availability_zone']);
      if (i.type.endsWith('subnet_group') && typeof i.values['name'] === 'string' && Array.isArray(i.values['subnet_ids']))
        this.subnetGroups.set(
          i.values['name'],
          i.values['subnet_ids'].filter((s): s is string => typeof s === 'string'),
        );
    }
    this.relations();
  }

  private typeOf(base: string): string | undefined {
    return this.groups.get(base)?.[0]?.type ?? this.doc.config.get(base)?.type;
  }

  private rule(type: string): ResourceRule | undefined {
    return ruleFor(type, this.mapping);
  }

  /** Every resource's outgoing relations: the configuration's references (a planned state) or `depends_on`, some inverted. */
  private relations(): void {
    const forward = new Map<string, Relation[]>();
    const useConfig = this.doc.source === 'planned' && this.doc.config.size > 0;
    const add = (source: string, r: Relation): void => {
      const list = forward.get(source);
      if (list) list.push(r);
      else forward.set(source, [r]);
    };
    if (useConfig) {
      for (const [base, config] of this.doc.config) {
        for (const e of config.expressions) {
          const seen = new Set<string>();
          for (const t of this.resolveAll(e.references, config.scope)) {
            if (t.base === base || seen.has(t.base)) continue;
            seen.add(t.base);
            add(base, { target: t.base, attribute: e.attribute, at: e.at });
          }
        }
      }
    } else {
      const seen = new Set<string>();
      // A planned state without configuration: the prior state's depends_on, for what existed before.
      for (const i of this.doc.lookup) {
        if (seen.has(i.base)) continue;
        seen.add(i.base);
        for (const d of i.dependsOn) if (d.address !== i.base && !isDataAddress(d.address)) add(i.base, { target: d.address, attribute: 'depends_on', at: d.at });
      }
    }
    for (const [source, relations] of forward) {
      const sourceType = this.typeOf(source);
      const inverted = sourceType ? INVERTED.get(sourceType) : undefined;
      const consumers = sourceType ? LINKS.get(sourceType) : undefined;
      if (consumers) {
        const targets = relations.filter((r) => this.rule(this.typeOf(r.target) ?? '')?.role === 'component');
        const consumer = targets.find((r) => consumers.has(this.typeOf(r.target) ?? ''));
        for (const r of targets) if (consumer && r.target !== consumer.target) this.links.push({ consumer: consumer.target, source: r.target, attribute: r.attribute, at: r.at });
        continue;
      }
      for (const r of relations) {
        const targetType = this.typeOf(r.target);
        if (inverted && targetType && inverted.has(targetType)) {
          const list = this.outgoing.get(r.target) ?? [];
          list.push({ target: source, attribute: r.attribute, at: r.at });
          this.outgoing.set(r.target, list);
        } else {
          const list = this.outgoing.get(source) ?? [];
          list.push(r);
          this.outgoing.set(source, list);
        }
      }
    }
  }

  /** References → the resources they name, through `var.` and `module.x.output`, by base address (instance key kept when written). */
  private resolveAll(references: readonly string[], scope: TfScope, depth = 0): Target[] {
    const out = new Map<string, Target>();
    for (const ref of references) {
      for (const t of this.resolve(ref, scope, depth)) {
        const key = `${t.base}\u0000${t.key ?? ''}`;
        if (!out.has(key)) out.set(key, t);
      }
    }
    // `aws_subnet.a[0]` and `aws_subnet.a` both listed: the keyed one says more.
    const keyed = new Set([...out.values()].filter((t) => t.key !== undefined).map((t) => t.base));
    return [...out.values()].filter((t) => t.key !== undefined || !keyed.has(t.base));
  }

  private resolve(ref: string, scope: TfScope, depth: number): Target[] {
    const key = `${scope.prefix}\u0000${ref}`;
    const done = this.resolved.get(key);
    if (done) return done;
    this.resolved.set(key, []);
    const targets = this.resolveOnce(ref, scope, depth);
    this.resolved.set(key, targets);
    return targets;
  }

  private resolveOnce(ref: string, scope: TfScope, depth: number): Target[] {
    if (depth > 32) return [];
    const parts = splitReference(ref);
    const [head, second, third] = parts;
    if (head === undefined || second === undefined) return [];
    const name = second.replace(/\[.*$/, '');
    if (head === 'var') {
      const e = scope.callExpressions.get(name);
      return e && scope.parent ? this.resolveAll(e.references, scope.parent, depth + 1) : [];
    }
    if (head === 'module') {
      const child = scope.calls.get(name);
      const output = third ? child?.outputs.get(third.replace(/\[.*$/, '')) : undefined;
      return child && output ? this.resolveAll(output.references, child, depth + 1) : [];
    }
    if (['data', 'local', 'count', 'each', 'path', 'terraform', 'self'].includes(head) || !/^[a-z][a-z0-9_]*$/.test(head)) return [];
    const key = /\[(.*)\]$/.exec(second)?.[1];
    return [{ base: `${scope.prefix}${head}.${name}`, ...(key !== undefined ? { key } : {}) }];
  }

  components(): RawComponent[] {
    const out: RawComponent[] = [];
    const unknownZone: string[] = [];
    let unknownZoneAt: SourceRange | undefined;
    for (const [base, instances] of this.groups) {
      const first = instances[0]!;
      if (UTILITY_PROVIDERS.has(first.provider)) continue;
      let rule = this.rule(first.type);
      const known = rule !== undefined;
      if (!rule) {
        rule = { role: 'component', kind: 'unknown', placement: first.provider === 'aws' ? 'instances' : 'global' };
        this.warnUnknownType(first);
      }
      if (rule.role !== 'component') continue;
      if (!ID_PATTERN.test(base)) {
        this.errors.push({ code: 'invalid-id', message: `the Terraform address "${base}" is not a valid id`, hint: 'ids are letters, digits, ".", "_" and "-"', at: first.at });
        continue;
      }
      const l = layer(`Terraform (${first.type})`);
      l.keyAt.set(pathKey([]), first.at);
      l.fields.set('kind', rule.kind ?? 'unknown');
      if (rule.scope) l.fields.set('scope', rule.scope);
      if (rule.plane) l.fields.set('plane', rule.plane);
      const placed = this.place(base, instances, rule);
      if (placed.in.size > 0) {
        l.fields.set('in', Object.fromEntries(placed.in));
        l.keyAt.set(pathKey(['in']), placed.at);
        for (const d of placed.in.keys()) l.at.set(pathKey(['in', d]), placed.at);
      }
      // An unknown type's warning already says it is placed by what its values say.
      if (placed.unknownZone && known) {
        unknownZone.push(base);
        unknownZoneAt ??= first.at;
      }
      const edges = this.dependencies(base);
      if (edges.length > 0) {
        l.fields.set(
          'dependsOn',
          edges.map((e) => {
            const extra = { ...(e.mode !== 'hard' ? { mode: e.mode } : {}), ...(e.phase ? { phase: e.phase } : {}), ...(e.via ? { via: e.via } : {}) };
            return Object.keys(extra).length > 0 ? { target: e.target, ...extra } : e.target;
          }),
        );
        edges.forEach((e, i) => l.at.set(pathKey(['dependsOn', i]), e.at));
      }
      const described = [`Terraform ${first.type}${instances.length > 1 ? ` (${plural(instances.length, 'instance')})` : ''}`];
      if (placed.note) described.push(placed.note);
      l.fields.set('description', described.join('; '));
      l.fields.set('tags', { terraform: first.type });
      l.keyAt.set(pathKey(['tags', 'terraform']), first.at);
      const annotations = annotationLayer(tagAnnotations(first), first.file, this.errors);
      for (const field of annotations.fields.keys()) {
        if (['dependsOn', 'tags', 'monitors', 'aliases'].includes(field)) continue;
        l.fields.delete(field);
        if (field === 'in') l.fields.delete('minHealthy');
      }
      const component = toRawComponent(base, first.at, mergeLayers(base, [l, annotations], this.errors), this.errors);
      if (component) out.push(component);
    }
    if (unknownZone.length > 0) {
      this.warnings.push({
        code: 'schema',
        severity: 'warning',
        message: `no availability zone is known for ${plural(unknownZone.length, 'resource')} (${listIds(unknownZone, ', ', 3)}): placed in their region, so a zone failure does not reach them here`,
        hint: 'their availability_zone or subnet is known only after apply, or not at all; plan again once it exists, or say where they run with a faultline.dev/in tag (docs/terraform.md)',
        at: unknownZoneAt!,
      });
    }
    return out;
  }

  private warnUnknownType(first: TfInstance): void {
    if (this.warnedTypes.has(first.type)) return;
    this.warnedTypes.add(first.type);
    const count = this.doc.instances.filter((i) => i.type === first.type && i.mode === 'managed').length;
    this.warnings.push(
      first.provider === 'aws'
        ? {
            code: 'unknown-field',
            severity: 'warning',
            message: `${first.type} is not in faultline's mapping table: ${plural(count, 'resource')} of it kept as components of kind "unknown", placed by zone or region when their values say`,
            hint: `add a row to faultline.config.yaml: "terraform: { resources: { ${first.type}: { kind: …, placement: … } } }" (docs/terraform.md)`,
            at: first.at,
          }
        : {
            code: 'unknown-field',
            severity: 'warning',
            message: `${first.type}: faultline maps AWS resources only; ${plural(count, 'resource')} of it kept as components of kind "unknown", placed nowhere`,
            hint: `say what it is and where it runs with a row in faultline.config.yaml (terraform.resources.${first.type}) or faultline.dev/ tags (docs/terraform.md)`,
            at: first.at,
          },
    );
  }

  /** The region of an instance: its own `region`, its provider configuration's, its ARN's, or its zone's (a name that is no valid id is no region). */
  private regionOf(i: TfInstance): string | undefined {
    const region = this.regionWritten(i);
    return region !== undefined && ID_PATTERN.test(region) ? region : undefined;
  }

  private regionWritten(i: TfInstance): string | undefined {
    if (typeof i.values['region'] === 'string' && i.values['region'] !== '') return i.values['region'];
    const config = this.doc.config.get(i.base);
    const key = config?.providerKey;
    const provider = key !== undefined ? (this.doc.providers.get(key) ?? this.doc.providers.get(key.split(':').pop()!)) : this.doc.providers.get('aws');
    const region = provider?.region;
    if (region?.value) return region.value;
    for (const ref of region?.references ?? []) {
      const [head, name] = splitReference(ref);
      const v = head === 'var' && name ? this.doc.variables.get(name) : undefined;
      if (typeof v === 'string') return v;
    }
    const arn = typeof i.values['arn'] === 'string' ? ARN_REGION.exec(i.values['arn'])?.[1] : undefined;
    if (arn) return arn;
    const az = typeof i.values['availability_zone'] === 'string' ? i.values['availability_zone'] : undefined;
    return az ? regionOfZone(az) : undefined;
  }

  /** The zones an instance runs in, from its values, else from the subnets its configuration references (names that are no valid id are not zones). */
  private zonesOf(i: TfInstance, single = false): { zones: string[]; at: SourceRange } | undefined {
    const found = this.zonesWritten(i, single);
    const zones = found?.zones.filter((z) => ID_PATTERN.test(z)) ?? [];
    return found && zones.length > 0 ? { zones, at: found.at } : undefined;
  }

  private zonesWritten(i: TfInstance, single: boolean): { zones: string[]; at: SourceRange } | undefined {
    const values = i.values;
    const at = (path: readonly (string | number)[]): SourceRange => i.file.range(nodeAt(i.node, ['values', ...path]));
    if (typeof values['availability_zone'] === 'string' && values['availability_zone'] !== '') return { zones: [values['availability_zone']], at: at(['availability_zone']) };
    if (typeof values['subnet_id'] === 'string') {
      const z = this.subnetZone.get(values['subnet_id']);
      if (z) return { zones: [z], at: at(['subnet_id']) };
    }
    if (!single) {
      for (const list of SUBNET_LISTS) {
        const v = get(values, list.path);
        if (!Array.isArray(v) || v.length === 0) continue;
        const zones = v.map((s) => (list.zones ? s : this.subnetZone.get(String(s)))).filter((z): z is string => typeof z === 'string');
        if (zones.length === v.length) return { zones: unique(zones), at: at(list.path) };
      }
      const mapping = values['subnet_mapping'];
      if (Array.isArray(mapping) && mapping.length > 0) {
        const zones = mapping.map((m) => this.subnetZone.get(String((m as Record<string, unknown>)?.['subnet_id']))).filter((z): z is string => typeof z === 'string');
        if (zones.length === mapping.length) return { zones: unique(zones), at: at(['subnet_mapping']) };
      }
    }
    return this.zonesFromConfig(i, single);
  }

  /** The zones of the subnets a resource's configuration references (an unknown subnet_id in a plan). */
  private zonesFromConfig(i: TfInstance, single: boolean): { zones: string[]; at: SourceRange } | undefined {
    const config = this.doc.config.get(i.base);
    if (!config) return undefined;
    const attributes = single ? ['subnet_id'] : ['subnet_id', 'availability_zone', ...SUBNET_LISTS.map((l) => l.attribute), 'subnet_mapping.subnet_id'];
    for (const e of config.expressions) {
      if (!attributes.includes(e.attribute)) continue;
      const zones: string[] = [];
      const index = /\[(\d+)\]$/.exec(i.address)?.[1];
      for (const t of this.resolveAll(e.references, config.scope)) {
        const subnets = (this.groups.get(t.base) ?? this.lookupByBase.get(t.base) ?? []).filter((s) => s.type === 'aws_subnet' || s.type === 'aws_default_subnet');
        let chosen = subnets;
        if (t.key !== undefined) chosen = subnets.filter((s) => s.address.endsWith(`[${t.key}]`));
        else if (e.references.includes('count.index') && index !== undefined) chosen = subnets.filter((s) => s.address.endsWith(`[${index}]`));
        else if (e.attribute === 'subnet_id' && subnets.length > 1) return undefined;
        for (const s of chosen) if (typeof s.values['availability_zone'] === 'string') zones.push(s.values['availability_zone']);
        if (chosen.length === 0 || zones.length < chosen.length) return undefined;
      }
      if (zones.length > 0) return { zones: unique(zones), at: e.at };
    }
    return undefined;
  }

  /** Where a component's replicas run. */
  private place(base: string, instances: readonly TfInstance[], rule: ResourceRule): { in: Map<string, number>; at: SourceRange; unknownZone?: boolean; note?: string } {
    const first = instances[0]!;
    const placement = new Map<string, number>();
    const add = (domain: string, n = 1): void => {
      if (n > 0) placement.set(domain, (placement.get(domain) ?? 0) + n);
    };
    let at = first.at;
    let unknownZone = false;
    let note: string | undefined;
    const inRegion = (i: TfInstance, n = 1): boolean => {
      const region = this.regionOf(i);
      if (!region) return false;
      add(this.domains.region(region, i.at), n);
      return true;
    };
    const inZones = (zones: readonly string[], where: SourceRange, n = 1): void => {
      for (const z of zones) add(this.domains.zone(z, where), n);
    };
    switch (rule.placement ?? 'instances') {
      case 'global':
        break;
      case 'regional':
        for (const i of instances) inRegion(i);
        break;
      case 'regional-or-vpc':
        for (const i of instances) {
          const z =
            get(i.values, ['vpc_config', 0, 'subnet_ids']) !== undefined || this.doc.config.get(i.base)?.expressions.some((e) => e.attribute === 'vpc_config.subnet_ids')
              ? this.zonesOf(i)
              : undefined;
          if (z) {
            inZones(z.zones, z.at);
            at = z.at;
          } else inRegion(i);
        }
        break;
      case 'nodes':
        for (const i of instances) {
          const z = this.zonesOf(i);
          if (z) {
            inZones(z.zones, z.at);
            at = z.at;
          } else if (inRegion(i)) unknownZone = true;
        }
        for (const d of placement.keys()) placement.set(d, 1);
        break;
      case 'spread':
        for (const i of instances) {
          const desired = firstNumber(i.values, [['desired_capacity'], ['min_size'], ['desired_count'], ['scaling_config', 0, 'desired_size']]) ?? 1;
          const z = this.zonesOf(i);
          if (z) {
            for (const [zone, n] of evenly(Math.max(1, desired), z.zones)) add(this.domains.zone(zone, z.at), n);
            at = z.at;
            note = `${desired} desired over ${plural(z.zones.length, 'zone')}`;
          } else if (inRegion(i, Math.max(1, desired))) unknownZone = true;
        }
        break;
      case 'rds':
        for (const i of instances) {
          const z = this.zonesOf(i, true);
          const multi = i.values['multi_az'] === true;
          if (z) {
            inZones(z.zones, z.at);
            at = z.at;
          }
          if (multi) {
            const standby = this.standbyZone(i, z?.zones[0]);
            if (standby) inZones([standby], i.file.range(nodeAt(i.node, ['values', 'multi_az'])));
            else inRegion(i, z ? 1 : 2);
            note = `multi_az: a standby in another zone${standby ? ` (${standby})` : ''}`;
          } else {
            note = 'single-AZ (multi_az: false)';
            if (!z && inRegion(i)) unknownZone = true;
          }
        }
        break;
      case 'cluster': {
        const members = this.clusterInstances(base, instances, first.type);
        for (const m of members) {
          const z = this.zonesOf(m, true);
          if (z) {
            inZones(z.zones, z.at);
            at = z.at;
          } else if (inRegion(m)) unknownZone = true;
        }
        note = `${plural(members.length, 'cluster instance')}`;
        if (members.length === 0) {
          this.warnings.push({
            code: 'schema',
            severity: 'warning',
            message: `${base} has no cluster instance in this ${this.doc.kind}: it serves nothing, placed in its region`,
            hint: `add ${CLUSTER_INSTANCES.get(first.type) ?? 'cluster instance'} resources with cluster_identifier = ${base}.id`,
            at: first.at,
          });
          for (const i of instances) inRegion(i);
        }
        break;
      }
      case 'cache-group':
        for (const i of instances) {
          const failover = i.values['automatic_failover_enabled'] === true || i.values['multi_az_enabled'] === true;
          const azs = Array.isArray(i.values['preferred_cache_cluster_azs']) ? i.values['preferred_cache_cluster_azs'].filter((z): z is string => typeof z === 'string') : [];
          const n = firstNumber(i.values, [['num_cache_clusters'], ['number_cache_clusters']]) ?? Math.max(1, azs.length);
          const where = i.file.range(nodeAt(i.node, ['values', 'preferred_cache_cluster_azs']));
          if (azs.length > 0) {
            at = where;
            if (failover) for (const z of azs.slice(0, n)) add(this.domains.zone(z, where));
            else add(this.domains.zone(azs[0]!, where));
          } else if (inRegion(i, failover ? n : 1)) unknownZone = true;
          note = failover ? `${plural(n, 'cache cluster')} with automatic failover` : 'no automatic failover: the primary alone serves writes';
        }
        break;
      default:
        // Each instance in its one zone; an instance whose values name several zones could be in any of them: its region.
        for (const i of instances) {
          const z = this.zonesOf(i);
          if (z && z.zones.length === 1) {
            inZones(z.zones, z.at);
            if (i === first) at = z.at;
          } else if (first.provider === 'aws' && inRegion(i)) unknownZone = true;
        }
    }
    return { in: placement, at, ...(unknownZone ? { unknownZone } : {}), ...(note ? { note } : {}) };
  }

  /** A multi-AZ database's standby zone: the one other zone of its DB subnet group, when there is exactly one. */
  private standbyZone(i: TfInstance, primary: string | undefined): string | undefined {
    const group = i.values['db_subnet_group_name'];
    const subnets = typeof group === 'string' ? this.subnetGroups.get(group) : undefined;
    if (!subnets || !primary) return undefined;
    const zones = unique(subnets.map((s) => this.subnetZone.get(s)).filter((z): z is string => typeof z === 'string')).filter((z) => z !== primary);
    return zones.length === 1 ? zones[0] : undefined;
  }

  /** The instances of a cluster: by `cluster_identifier`, else by their configuration's reference to it. */
  private clusterInstances(base: string, instances: readonly TfInstance[], type: string): TfInstance[] {
    const memberType = CLUSTER_INSTANCES.get(type);
    const ids = new Set(instances.flatMap((i) => [i.values['cluster_identifier'], i.values['id']]).filter((v): v is string => typeof v === 'string'));
    const byValue = this.doc.instances.filter((m) => m.type === memberType && typeof m.values['cluster_identifier'] === 'string' && ids.has(m.values['cluster_identifier']));
    if (byValue.length > 0) return byValue;
    const referencing = new Set((this.outgoing.get(base) ?? []).map((r) => r.target));
    return this.doc.instances.filter((m) => m.type === memberType && referencing.has(m.base));
  }

  /** A component's dependencies: its relations to components, through folded resources, IAM as a start-up edge. */
  private dependencies(base: string): Edge[] {
    const edges = new Map<string, Edge>();
    const visited = new Set<string>([base]);
    const stack: { source: string; first?: Relation }[] = [{ source: base }];
    while (stack.length > 0) {
      const { source, first } = stack.pop()!;
      const relations = this.outgoing.get(source) ?? [];
      for (let k = relations.length - 1; k >= 0; k--) {
        const r = relations[k]!;
        const via = first ?? r;
        if (r.target === base) continue;
        const type = this.typeOf(r.target);
        const rule = type ? this.rule(type) : undefined;
        if (!type || UTILITY_PROVIDERS.has(type.split('_')[0]!)) continue;
        const role = rule?.role ?? (this.groups.has(r.target) ? 'component' : 'ignore');
        if (role === 'fold') {
          if (!visited.has(r.target)) {
            visited.add(r.target);
            stack.push({ source: r.target, first: via });
          }
          continue;
        }
        if (role === 'iam') {
          this.domains.useIam(via.at);
          if (!edges.has(IAM_ID) && rule?.edge !== 'none') edges.set(IAM_ID, edgeFor(IAM_ID, rule?.edge ?? 'startup', via, 'auth'));
          continue;
        }
        if (role !== 'component' || !this.groups.has(r.target) || edges.has(r.target)) continue;
        const edge = rule?.edge ?? 'hard';
        if (edge === 'none') continue;
        const soft = SOFT_ATTRIBUTES.has(via.attribute.split('.').pop() ?? '');
        edges.set(r.target, edgeFor(r.target, soft ? 'soft' : edge, via));
      }
    }
    for (const link of this.links) {
      if (link.consumer !== base || edges.has(link.source) || !this.groups.has(link.source)) continue;
      edges.set(link.source, { target: link.source, mode: 'async', attribute: link.attribute, at: link.at });
    }
    // In the order written (IAM last): positions of the first hop.
    return [...edges.values()].sort((a, b) => (a.target === IAM_ID ? 1 : 0) - (b.target === IAM_ID ? 1 : 0) || a.at.line - b.at.line || a.at.col - b.at.col);
  }
}

function edgeFor(target: string, rule: 'hard' | 'soft' | 'startup', via: Relation, how?: 'auth'): Edge {
  return {
    target,
    mode: rule === 'soft' ? 'soft' : 'hard',
    ...(rule === 'startup' ? { phase: 'startup' as const } : {}),
    ...(how ? { via: how } : {}),
    attribute: via.attribute,
    at: via.at,
  };
}

/** `aws_subnet.a[0].id` → [`aws_subnet`, `a[0]`, `id`]; keys in brackets are not split. */
function splitReference(ref: string): string[] {
  const out: string[] = [];
  let current = '';
  let depth = 0;
  let quoted = false;
  for (let k = 0; k < ref.length; k++) {
    const ch = ref[k]!;
    if (quoted) {
      current += ch;
      if (ch === '\\') current += ref[++k] ?? '';
      else if (ch === '"') quoted = false;
      continue;
    }
    if (ch === '"') quoted = true;
    else if (ch === '[') depth++;
    else if (ch === ']') depth--;
    if (ch === '.' && depth === 0) {
      out.push(current);
      current = '';
    } else current += ch;
  }
  out.push(current);
  return out;
}

/** `data.aws_ami.x`, `module.a.module.b.data.aws_subnet.y`: a data source, not a resource. */
export function isDataAddress(address: string): boolean {
  return /^(module\.[^.]+\.)*data\./.test(address);
}

function get(value: unknown, path: readonly (string | number)[]): unknown {
  let v = value;
  for (const step of path) {
    if (v === null || typeof v !== 'object') return undefined;
    if (Array.isArray(v)) v = typeof step === 'number' ? v[step] : undefined;
    else v = Object.hasOwn(v, step) ? (v as Record<string, unknown>)[step] : undefined;
  }
  return v;
}

function firstNumber(values: Record<string, unknown>, paths: readonly (readonly (string | number)[])[]): number | undefined {
  for (const p of paths) {
    const v = get(values, p);
    if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
  }
  return undefined;
}

function unique(xs: readonly string[]): string[] {
  return [...new Set(xs)];
}

/** `faultline.dev/…` keys of a resource's `tags`, as annotations. */
function tagAnnotations(i: TfInstance): FaultlineAnnotation[] {
  const tags = nodeAt(i.node, ['values', 'tags']);
  if (!isMap(tags) || !pairOf(nodeAt(i.node, ['values']), 'tags')) return [];
  const out: FaultlineAnnotation[] = [];
  for (const pair of tags.items) {
    const key = String((pair.key as { value: unknown }).value);
    if (!key.startsWith(ANNOTATION_PREFIX)) continue;
    const valueNode = pair.value as Node;
    out.push({ name: key.slice(ANNOTATION_PREFIX.length), value: String((valueNode as { value: unknown }).value), keyAt: i.file.range(pair.key as Node), valueNode });
  }
  return out;
}
