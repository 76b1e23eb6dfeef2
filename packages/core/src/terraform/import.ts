/**
 * `faultline import terraform`: a plan or state → one native manifest
 * ===================================================================
 *
 * For teams that want to keep the model beside their Terraform, or to edit
 * what the mapping table guessed: the JSON (with any manifest given
 * alongside) is loaded exactly as every command loads it, then written as
 * one `faultline/v1` manifest whose comments cite the resource each
 * component came from, and mark with `# TODO: in:` every resource whose
 * zone is not known.
 */
import { loadForImport, type ImportResult } from '../inputs/import.js';
import type { ManifestSource } from '../load/loader.js';
import type { Component, ComponentId } from '../model.js';
import { manifestText } from '../backstage/manifest-text.js';
import { plural } from '../words.js';
import type { TerraformOptions } from './reader.js';
import { ruleFor } from './mapping.js';

export interface TerraformImport extends ImportResult {
  /** Components that came from Terraform resources. */
  readonly fromResources: number;
  /** Resources of a zonal kind placed only in their region because no zone is known: a `# TODO: in:` each. */
  readonly unzoned: readonly ComponentId[];
}

/** Loads Terraform JSON (and manifests) and writes them as one manifest. */
export function importTerraform(sources: readonly ManifestSource[], options: TerraformOptions = {}): TerraformImport {
  const loaded = loadForImport(
    sources,
    (c) => c.tags.has('terraform'),
    {
      message: 'no Terraform resource in the files given',
      hint: 'pass the output of "terraform show -json plan.out" or "terraform show -json" (a state)',
      file: 'plan.json',
    },
    { terraform: options },
  );
  if (!loaded.model) return { diagnostics: loaded.diagnostics, warnings: loaded.warnings, components: 0, fromResources: 0, unzoned: [] };
  const { model, components } = loaded;
  const unzoned = components.filter((c) => onlyInRegion(c, options.mapping)).map((c) => c.id);
  const text = manifestText(model, {
    header: [
      `Written by "faultline import terraform" from ${sources.map((s) => s.path).join(', ')}.`,
      'Each component cites the Terraform resource it came from (its id is the address; tags.terraform is the type).',
      unzoned.length > 0
        ? `No zone is known for ${plural(unzoned.length, 'resource')}: placed in ${unzoned.length === 1 ? 'its' : 'their'} region (see the TODOs).`
        : 'Zones are as Terraform knows them.',
    ],
    commentFor: (c) => {
      const lines: string[] = [];
      const type = c.tags.get('terraform');
      if (type) lines.push(`${type} (${c.at.file}:${c.at.line})${c.description ? `: ${c.description.replace(/^Terraform [a-z0-9_]+;?\s*/, '')}` : ''}`.replace(/: $/, ''));
      if (unzoned.includes(c.id)) lines.push('TODO: in: { <zone>: <replicas>, … } (where it runs; Terraform did not know its zone)');
      return lines;
    },
  });
  return { text, diagnostics: [], warnings: loaded.warnings, components: components.length, fromResources: loaded.fromInput.length, unzoned };
}

/** A Terraform component of a zonal kind (by the mapping table) placed only in regions. */
function onlyInRegion(c: Component, mapping: TerraformOptions['mapping']): boolean {
  const type = c.tags.get('terraform');
  if (type === undefined || c.placements.length === 0) return false;
  const placement = ruleFor(type, mapping)?.placement ?? 'instances';
  if (placement === 'regional' || placement === 'regional-or-vpc' || placement === 'global') return false;
  return c.placements.every((p) => /^[a-z]{2}(-gov)?-[a-z]+-\d+$/.test(p.domain));
}
