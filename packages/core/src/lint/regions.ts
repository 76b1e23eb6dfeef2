/**
 * Regions: where a component runs, and where it is served from
 * =============================================================
 *
 * The region rules (`global-pinned`, `single-region-critical`,
 * `global-config-push`, `unguarded-cross-region`) need each component's
 * regions: the components of kind `region` reached by walking up its
 * placements (a zone's `in` is its region). A component with no placements
 * (a customer-facing service, a CDN, a journey) is *served from* the regions
 * of its hard dependencies: those a running system needs and whose failure
 * reaches it (the runtime view: no `phase: startup` and no `fallback: true`
 * edge). Walks are iterative and memoised: placements and dependencies may
 * nest deeply.
 */
import { propagates } from '../engine/compile.js';
import type { ComponentId, Model } from '../model.js';
import { append } from '../arrays.js';

const NONE: ReadonlySet<ComponentId> = new Set();

export class Regions {
  /** Every component of kind `region`, in model order. */
  readonly all: readonly ComponentId[];
  private readonly placed = new Map<ComponentId, ReadonlySet<ComponentId>>();
  private readonly served = new Map<ComponentId, ReadonlySet<ComponentId>>();

  constructor(private readonly model: Model) {
    this.all = [...model.components.values()].filter((c) => c.kind === 'region').map((c) => c.id);
  }

  /** The regions `id` runs in, through its placements (transitively); a region runs in itself. */
  placementRegions(id: ComponentId): ReadonlySet<ComponentId> {
    const known = this.placed.get(id);
    if (known) return known;
    const found = new Set<ComponentId>();
    const seen = new Set<ComponentId>([id]);
    const stack = [id];
    while (stack.length > 0) {
      const c = this.model.components.get(stack.pop()!);
      if (!c) continue;
      if (c.kind === 'region') {
        found.add(c.id);
        continue;
      }
      for (const p of c.placements) {
        if (seen.has(p.domain)) continue;
        seen.add(p.domain);
        stack.push(p.domain);
      }
    }
    const result = found.size > 0 ? found : NONE;
    this.placed.set(id, result);
    return result;
  }

  /**
   * The regions `id` is served from: its placement regions, or, for a
   * component without placements, the union of its hard runtime dependencies'.
   */
  servedRegions(id: ComponentId): ReadonlySet<ComponentId> {
    const known = this.served.get(id);
    if (known) return known;
    // Iterative post-order over unplaced components; a cycle contributes nothing more.
    const onPath = new Set<ComponentId>([id]);
    const stack: { id: ComponentId; deps: ComponentId[]; next: number }[] = [{ id, deps: this.hardDependencies(id), next: 0 }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const c = this.model.components.get(top.id);
      if (!c || c.placements.length > 0 || top.next >= top.deps.length) {
        stack.pop();
        onPath.delete(top.id);
        this.served.set(top.id, c && c.placements.length > 0 ? this.placementRegions(top.id) : this.union(top.deps));
        continue;
      }
      const dep = top.deps[top.next++]!;
      if (this.served.has(dep) || onPath.has(dep)) continue;
      onPath.add(dep);
      stack.push({ id: dep, deps: this.hardDependencies(dep), next: 0 });
    }
    return this.served.get(id) ?? NONE;
  }

  private union(ids: readonly ComponentId[]): ReadonlySet<ComponentId> {
    const out = new Set<ComponentId>();
    for (const d of ids) for (const r of this.served.get(d) ?? NONE) out.add(r);
    return out.size > 0 ? out : NONE;
  }

  private hardDependencies(id: ComponentId): ComponentId[] {
    const c = this.model.components.get(id);
    if (!c) return [];
    const out: ComponentId[] = [];
    for (const d of c.dependsOn) {
      if (d.mode !== 'hard' || !propagates(d, 'runtime')) continue;
      if (d.type === 'edge') out.push(d.target);
      else append(out, d.anyOf);
    }
    return out;
  }
}
