/**
 * Trace names → component ids
 * ===========================
 *
 * Service names in traces rarely equal manifest or catalog ids
 * (`payment-gateway` vs `payments.payment-gateway`). A name matches a
 * component when it is the component's id or one of its `aliases`
 * (`faultline.dev/service-name` on an entity adds one); else when it names
 * one component as its input does (refs.ts): the bare `metadata.name` of a
 * Backstage entity or a Kubernetes workload when that name is unique across
 * namespaces, compared without case as Backstage compares names. A name
 * several components answer to matches none of them, and the candidates
 * are reported. Nothing fuzzier, because a wrong match would hide a real
 * finding. An alias that is another component's id or alias is an input
 * error: the match would depend on the order of the files.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { ComponentId, Model } from '../model.js';
import { matchRef } from '../refs.js';

/** A trace name matched: the component, or the candidates of an ambiguous name (none: unknown). */
export interface NameMatch {
  readonly id?: ComponentId;
  readonly candidates: readonly ComponentId[];
}

/** The component a trace name stands for: an id or alias exactly, else a ref (a bare name unique across namespaces). */
export function matchName(model: Model, byName: ReadonlyMap<string, ComponentId>, name: string): NameMatch {
  const id = byName.get(name);
  if (id !== undefined) return { id, candidates: [] };
  return matchRef(model, name);
}

export interface NameIndex {
  /** Every id and alias → its component. */
  readonly byName: ReadonlyMap<string, ComponentId>;
  readonly diagnostics: readonly Diagnostic[];
}

/** Indexes ids and aliases; conflicting aliases are diagnostics. */
export function nameIndex(model: Model): NameIndex {
  const byName = new Map<string, ComponentId>();
  const diagnostics: Diagnostic[] = [];
  for (const id of model.components.keys()) byName.set(id, id);
  for (const c of model.components.values()) {
    for (const alias of c.aliases ?? []) {
      const owner = byName.get(alias);
      if (owner === undefined) byName.set(alias, c.id);
      else if (owner !== c.id) {
        const other = model.components.get(owner)!;
        diagnostics.push({
          code: 'duplicate-id',
          message: `alias "${alias}" of ${c.id} is also ${owner === alias ? 'a component id' : `an alias of ${owner}`}`,
          hint: 'a trace name can match one component only; remove one of them',
          at: c.at,
          related: [other.at],
        });
      }
    }
  }
  return { byName, diagnostics };
}
