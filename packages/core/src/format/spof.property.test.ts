/**
 * `spof`'s words for a hidden failure ("hidden: defeats …") come from
 * `Ranking.defeatedGates`, one simulation without victim lists: on random
 * graphs they must be the words the full detail of the failure (every
 * victim, every defeated gate) gives, in text and markdown.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../property-runs.test-support.js';
import { compile } from '../engine/compile.js';
import { model } from '../test-support.js';
import { rankFailures, type Ranking } from '../analyses/rank.js';
import type { RedundancyGate } from '../analyses/redundancy.js';
import { manifest, specArb } from '../analyses/random-manifests.test-support.js';
import { formatSpofMarkdown, formatSpofText } from './spof.js';

const graphArb = fc.integer({ min: 2, max: 18 }).chain((n) => fc.array(specArb(n, { weights: true, maxDeps: 4 }), { minLength: n, maxLength: n }));

/** The words from the failure's whole detail: gates owned by a critical victim, else by any victim down. */
function fromDetail(ranking: Ranking, i: number): string {
  const detail = ranking.detail(i);
  const critical = new Set(detail.critical);
  const down = new Set(detail.down);
  const ofCritical = detail.defeated.filter((g) => critical.has(g.owner));
  const gates = ofCritical.length > 0 ? ofCritical : detail.defeated.filter((g) => down.has(g.owner));
  const text = (g: RedundancyGate): string =>
    g.kind === 'anyOf' ? `the anyOf [${g.members.join(', ')}] (need ${g.need}) of ${g.owner}` : `the placements of ${g.owner} in ${g.members.join(', ')} (minHealthy ${g.need})`;
  const more = gates.length > 2 ? ` and ${gates.length - 2} more` : '';
  return gates.length > 0 ? `defeats ${gates.slice(0, 2).map(text).join('; ')}${more}` : 'defeats redundancy on the way';
}

describe('spof names what a hidden failure defeats', () => {
  it('as the failure’s full detail does, in text and markdown', () => {
    fc.assert(
      fc.property(graphArb, (specs) => {
        const ranking = rankFailures(compile(model(`${manifest(specs)}\n`)));
        const options = { all: true, top: Infinity };
        const hidden = ranking.failures.flatMap((f, i) => (f.hidden ? [fromDetail(ranking, i)] : []));
        const textLines = formatSpofText(ranking, options)
          .split('\n')
          .flatMap((line) => line.match(/^ +hidden: (.*)$/)?.[1] ?? []);
        expect(textLines).toEqual(hidden);
        const markdownCells = formatSpofMarkdown(ranking, options)
          .split('\n')
          .flatMap((line) => line.match(/\| yes: (.*) \|$/)?.[1] ?? []);
        expect(markdownCells).toEqual(hidden);
      }),
      propertyRuns(20261208, 150),
    );
  });
});
