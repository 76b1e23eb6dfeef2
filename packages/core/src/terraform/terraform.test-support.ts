/**
 * Small `terraform show -json` documents for the reader's tests, in the
 * shape Terraform writes them (addresses, `index`, `provider_name`,
 * `planned_values`/`prior_state`/`configuration`, `after_unknown`).
 */

export interface TfResource {
  /** `aws_instance.app[0]`, `module.db.aws_db_instance.main` */
  readonly address: string;
  readonly values: Record<string, unknown>;
  readonly dependsOn?: readonly string[];
  readonly provider?: string;
  /** Attributes known only after apply (left out of the values). */
  readonly unknown?: readonly string[];
}

export interface TfConfigEntry {
  readonly expressions?: Record<string, unknown>;
  /** `aws`, `aws.eu`, `module.x:aws` */
  readonly provider?: string;
}

export interface TfPlanSpec {
  readonly planned: readonly TfResource[];
  readonly prior?: readonly TfResource[];
  /** By base address (module prefix included). */
  readonly config?: Record<string, TfConfigEntry>;
  readonly providers?: Record<string, { region?: unknown; alias?: string }>;
  readonly variables?: Record<string, unknown>;
  /** Module name → its outputs' references, and the call's expressions. */
  readonly modules?: Record<string, { outputs?: Record<string, readonly string[]>; expressions?: Record<string, unknown> }>;
}

const AWS = 'registry.terraform.io/hashicorp/aws';

function parts(address: string): { module?: string; type: string; name: string; index?: number | string } {
  const m = /^((?:module\.[^.]+\.)*)([a-z0-9_]+)\.([A-Za-z0-9_-]+)(?:\[(.+)\])?$/.exec(address);
  if (!m) throw new Error(`bad address ${address}`);
  const index = m[4] === undefined ? undefined : /^\d+$/.test(m[4]) ? Number(m[4]) : (JSON.parse(m[4]) as string);
  return { ...(m[1] ? { module: m[1].slice(0, -1) } : {}), type: m[2]!, name: m[3]!, ...(index !== undefined ? { index } : {}) };
}

function rootModule(resources: readonly TfResource[], withDeps: boolean): Record<string, unknown> {
  const root: Record<string, unknown>[] = [];
  const children = new Map<string, Record<string, unknown>[]>();
  for (const r of resources) {
    const p = parts(r.address);
    const values = Object.fromEntries(Object.entries(r.values).filter(([k]) => !r.unknown?.includes(k)));
    const entry = {
      address: r.address,
      mode: 'managed',
      type: p.type,
      name: p.name,
      ...(p.index !== undefined ? { index: p.index } : {}),
      provider_name: r.provider ?? AWS,
      schema_version: 0,
      values,
      sensitive_values: {},
      ...(withDeps && r.dependsOn ? { depends_on: r.dependsOn } : {}),
    };
    if (p.module) children.set(p.module, [...(children.get(p.module) ?? []), entry]);
    else root.push(entry);
  }
  return { resources: root, ...(children.size > 0 ? { child_modules: [...children].map(([address, rs]) => ({ resources: rs, address })) } : {}) };
}

/** A plan's JSON text. */
export function tfPlan(spec: TfPlanSpec): string {
  const providers = spec.providers ?? { aws: { region: 'us-east-1' } };
  const configResources = new Map<string, Record<string, unknown>[]>();
  for (const [address, entry] of Object.entries(spec.config ?? {})) {
    const p = parts(address);
    const list = configResources.get(p.module ?? '') ?? [];
    list.push({
      address: `${p.type}.${p.name}`,
      mode: 'managed',
      type: p.type,
      name: p.name,
      provider_config_key: entry.provider ?? (p.module ? `${p.module}:aws` : 'aws'),
      expressions: entry.expressions ?? {},
      schema_version: 0,
    });
    configResources.set(p.module ?? '', list);
  }
  const moduleCalls = Object.fromEntries(
    Object.entries(spec.modules ?? {}).map(([name, m]) => [
      name,
      {
        source: `./modules/${name}`,
        expressions: m.expressions ?? {},
        module: {
          outputs: Object.fromEntries(Object.entries(m.outputs ?? {}).map(([o, refs]) => [o, { expression: { references: refs } }])),
          resources: configResources.get(`module.${name}`) ?? [],
        },
      },
    ]),
  );
  const doc = {
    format_version: '1.2',
    terraform_version: '1.9.8',
    ...(spec.variables ? { variables: Object.fromEntries(Object.entries(spec.variables).map(([k, v]) => [k, { value: v }])) } : {}),
    planned_values: { root_module: rootModule(spec.planned, false) },
    resource_changes: spec.planned.map((r) => ({
      address: r.address,
      mode: 'managed',
      type: parts(r.address).type,
      name: parts(r.address).name,
      provider_name: r.provider ?? AWS,
      change: { actions: ['create'], before: null, after: r.values, after_unknown: Object.fromEntries((r.unknown ?? []).map((k) => [k, true])) },
    })),
    ...(spec.prior ? { prior_state: { format_version: '1.0', terraform_version: '1.9.8', values: { root_module: rootModule(spec.prior, true) } } } : {}),
    configuration: {
      provider_config: Object.fromEntries(
        Object.entries(providers).map(([key, p]) => [
          key,
          {
            name: 'aws',
            full_name: AWS,
            ...(p.alias ? { alias: p.alias } : {}),
            expressions: p.region === undefined ? {} : { region: typeof p.region === 'string' ? { constant_value: p.region } : p.region },
          },
        ]),
      ),
      root_module: { resources: configResources.get('') ?? [], ...(Object.keys(moduleCalls).length > 0 ? { module_calls: moduleCalls } : {}) },
    },
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** A state's JSON text (`terraform show -json` without a plan). */
export function tfState(resources: readonly TfResource[]): string {
  return `${JSON.stringify({ format_version: '1.0', terraform_version: '1.9.8', values: { root_module: rootModule(resources, true) } }, null, 2)}\n`;
}

/** Two subnets, one per zone, as a plan's planned values hold them. */
export function subnets(prefix = 'aws_subnet.private', zones: readonly string[] = ['us-east-1a', 'us-east-1b']): TfResource[] {
  return zones.map((az, i) => ({ address: `${prefix}[${i}]`, values: { id: `subnet-${i}${az.slice(-1)}`, availability_zone: az, vpc_id: 'vpc-1' } }));
}
