/**
 * `faultline import kubernetes`: Kubernetes objects → one native manifest
 * ======================================================================
 *
 * For teams that want to keep the model beside, not inside, their
 * Kubernetes files: the objects (with any manifest given alongside) are
 * loaded exactly as every command loads them, then written as one
 * `faultline/v1` manifest whose comments cite the object each component
 * came from, and mark with `# TODO: in:` every workload placed in the
 * synthetic zone because no zone was known.
 */
import { loadForImport, type ImportResult } from '../inputs/import.js';
import type { ManifestSource } from '../load/loader.js';
import type { ComponentId } from '../model.js';
import { manifestText } from '../backstage/manifest-text.js';
import { plural } from '../words.js';
import { CLUSTER_ZONE } from './reader.js';

export interface KubernetesImport extends ImportResult {
  /** Components that came from workloads. */
  readonly fromWorkloads: number;
  /** Workloads placed in the synthetic zone: a `# TODO: in:` each. */
  readonly unzoned: readonly ComponentId[];
}

/** Loads Kubernetes objects (and manifests) and writes them as one manifest. */
export function importKubernetes(sources: readonly ManifestSource[]): KubernetesImport {
  const loaded = loadForImport(sources, (c) => c.tags.has('kubernetes'), {
    message: 'no Kubernetes workload in the files given',
    hint: 'pass Kubernetes files (Deployments, StatefulSets, DaemonSets, Jobs, CronJobs), e.g. k8s/ or the output of "kubectl get deploy,sts,ds,svc,pdb -o yaml"',
    file: 'k8s.yaml',
  });
  if (!loaded.model) return { diagnostics: loaded.diagnostics, warnings: loaded.warnings, components: 0, fromWorkloads: 0, unzoned: [] };
  const { model, components } = loaded;
  const fromWorkloads = loaded.fromInput.length;
  const unzoned = components.filter((c) => c.tags.has('kubernetes') && c.placements.some((p) => p.domain === CLUSTER_ZONE)).map((c) => c.id);
  // Unless a manifest named it, the model is named after the first file; the directory holding it says more (k8s/, shop/).
  const first = sources[0]?.path.split(/[\\/]/) ?? [];
  const fileName = first.at(-1)?.replace(/\.ya?ml$/, '');
  const name = model.name === fileName && first.length > 1 ? first.at(-2)! : model.name;
  const text = manifestText(
    { ...model, name },
    {
      header: [
        `Written by "faultline import kubernetes" from ${sources.map((s) => s.path).join(', ')}.`,
        'Each component cites the Kubernetes object it came from (also kept in tags.kubernetes).',
        unzoned.length > 0
          ? `No zone is known for ${plural(unzoned.length, 'workload')}: ${unzoned.length === 1 ? 'it runs' : 'they run'} in the synthetic zone "${CLUSTER_ZONE}" (see the TODOs).`
          : 'Every workload is placed in zones.',
      ],
      commentFor: (c) => {
        const lines: string[] = [];
        const ref = c.tags.get('kubernetes');
        if (ref) lines.push(`${ref}${c.tags.get('namespace') === 'default' ? '' : ` in namespace ${c.tags.get('namespace')}`} (${c.at.file}:${c.at.line})`);
        if (unzoned.includes(c.id)) lines.push(`TODO: in: { <zone>: <replicas>, … } (where ${c.id} runs; "${CLUSTER_ZONE}" stands for every zone at once)`);
        return lines;
      },
    },
  );
  return { text, diagnostics: [], warnings: loaded.warnings, components: components.length, fromWorkloads, unzoned };
}
