/**
 * Random small manifests for the analyses' property tests: placements with
 * replica counts and minHealthy, hard and soft edges, anyOf/quorum groups,
 * cycles allowed. Only tests import this (it needs fast-check).
 */
import fc from 'fast-check';

export interface Spec {
  readonly critical?: boolean | undefined;
  readonly weight?: number;
  readonly placements: readonly (readonly [number, number])[];
  readonly minHealthy: number;
  readonly deps: readonly { readonly targets: readonly number[]; readonly need: number; readonly soft: boolean; readonly group: boolean }[];
}

export interface SpecOptions {
  /** Draw `critical` and `weight` too. @default false */
  readonly weights?: boolean;
  /** Dependency entries per component, at most. @default 3 */
  readonly maxDeps?: number;
}

/** One component of an n-component manifest (ids c0 … c{n−1}). */
export function specArb(n: number, options: SpecOptions = {}): fc.Arbitrary<Spec> {
  const shape = {
    placements: fc.array(fc.tuple(fc.nat(n - 1), fc.integer({ min: 1, max: 3 })), { maxLength: 3 }),
    minHealthy: fc.integer({ min: 1, max: 6 }),
    deps: fc.array(
      fc.record({ targets: fc.array(fc.nat(n - 1), { minLength: 1, maxLength: 4 }), need: fc.integer({ min: 1, max: 4 }), soft: fc.boolean(), group: fc.boolean() }),
      { maxLength: options.maxDeps ?? 3 },
    ),
  };
  if (!options.weights) return fc.record(shape);
  return fc.record({ ...shape, critical: fc.option(fc.boolean(), { nil: undefined }), weight: fc.constantFrom(0, 0.5, 1, 2, 3.25) });
}

/** The `components:` body of a valid manifest: no self references, no duplicates, need and minHealthy within range. */
export function manifest(specs: readonly Spec[]): string {
  const anyCritical = specs.some((s) => s.critical === true);
  return specs
    .map((s, i) => {
      const fields = [`kind: ${i % 5 === 0 ? 'zone' : 'service'}`];
      if (s.weight !== undefined) fields.push(`weight: ${s.weight}`);
      if (anyCritical && s.critical !== undefined) fields.push(`critical: ${s.critical}`);
      const placements = new Map<number, number>();
      for (const [d, r] of s.placements) if (d !== i && !placements.has(d)) placements.set(d, r);
      if (placements.size > 0) {
        let total = 0;
        for (const r of placements.values()) total += r;
        fields.push(`in: { ${[...placements].map(([d, r]) => `c${d}: ${r}`).join(', ')} }`, `minHealthy: ${Math.min(s.minHealthy, total)}`);
      }
      const deps: string[] = [];
      for (const d of s.deps) {
        const targets = [...new Set(d.targets.filter((t) => t !== i))];
        if (targets.length === 0) continue;
        const mode = d.soft ? ', mode: soft' : '';
        if (d.group) deps.push(`{ anyOf: [${targets.map((t) => `c${t}`).join(', ')}], need: ${Math.min(d.need, targets.length)}${mode} }`);
        else deps.push(`{ target: c${targets[0]}${mode} }`);
      }
      if (deps.length > 0) fields.push(`dependsOn: [${deps.join(', ')}]`);
      return `  c${i}: { ${fields.join(', ')} }`;
    })
    .join('\n');
}
