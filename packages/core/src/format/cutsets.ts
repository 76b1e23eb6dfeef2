/**
 * Formatting minimal cut sets (`faultline cutsets`)
 * =================================================
 *
 * `text`: the first line answers the question ("checkout: 3 single points
 * of failure and 12 minimal pairs (order ≤ 2)"), then the sets by order,
 * each with the target's chain of causes and, when the target fell through
 * a group or its placements, what that lost. `markdown` for PR comments;
 * `json` lists every set with its chain and causes. A search cut short by
 * its budget says so in every format. Pure: string out, colour through
 * `Paint`.
 */
import type { Cause } from '../engine/explain.js';
import { chainText } from './causes.js';
import { plain, type Paint } from './paint.js';
import type { CutSet, CutSets } from '../analyses/cutsets.js';
import { formatNames, type Formatter } from './registry.js';
import { plural } from '../words.js';

/** Options of the `faultline cutsets` formatters. */
export interface CutSetsFormatOptions {
  /** Sets listed in text and markdown (json lists all). @default 20 */
  readonly top?: number;
  /** @default plain */
  readonly paint?: Paint;
}

/** `checkout: 3 single points of failure and 12 minimal pairs (order ≤ 2)`. */
export function cutSetsHeadline(r: CutSets): string {
  const parts = r.counts.map((n, i) => `${countPhrase(n, i + 1)}${r.truncated && i + 1 > r.completeThrough ? ' found' : ''}`);
  const last = parts.pop()!;
  const phrase = parts.length > 0 ? `${parts.join(', ')} and ${last}` : last;
  return `${r.target}: ${phrase} (order ≤ ${r.maxOrder})${r.truncated ? ` — search cut short, complete up to order ${r.completeThrough}` : ''}`;
}

/** Human text: the headline, then each set with the target's chain of causes. */
export function formatCutSetsText(r: CutSets, options: CutSetsFormatOptions = {}): string {
  const paint = options.paint ?? plain;
  const top = options.top ?? 20;
  const lines = [paint('bold', cutSetsHeadline(r))];
  let shown = 0;
  for (let order = 1; order <= r.maxOrder && shown < top; order++) {
    const sets = r.sets.filter((s) => s.members.length === order);
    if (sets.length === 0) continue;
    lines.push('', paint('bold', `${title(order)} (${sets.length})`));
    for (const set of sets) {
      if (shown === top) break;
      shown++;
      lines.push(`  ${paint('red', set.members.join(' + '))}`, `      ${chainText(set.chain)}`);
      const lost = lostText(set);
      if (lost) lines.push(paint('gray', `      ${lost}`));
    }
  }
  if (shown < r.sets.length) lines.push('', paint('gray', `Showing ${shown} of ${r.sets.length} cut sets; --top N for more, --format json for all.`));
  if (r.truncated) lines.push('', paint('yellow', `Search cut short: ${r.message}.`));
  if (r.sets.length === 0 && !r.truncated) lines.push('', `No set of up to ${plural(r.maxOrder, 'failure')} takes ${r.target} down, apart from its own failure.`);
  return `${lines.join('\n')}\n`;
}

/** A markdown table for PR comments (top 20 unless `top`). */
export function formatCutSetsMarkdown(r: CutSets, options: CutSetsFormatOptions = {}): string {
  const top = options.top ?? 20;
  const lines = [`### faultline cutsets \`${r.target}\``, '', cutSetsHeadline(r)];
  const listed = r.sets.slice(0, top);
  if (listed.length > 0) {
    lines.push('', '| # | failures | order | chain |', '|---:|---|---:|---|');
    listed.forEach((s, i) => lines.push(`| ${i + 1} | ${s.members.map((m) => `\`${m}\``).join(' + ')} | ${s.members.length} | ${chainText(s.chain)} |`));
  }
  if (listed.length < r.sets.length) lines.push('', `Showing ${listed.length} of ${r.sets.length} cut sets.`);
  if (r.truncated) lines.push('', `> **Search cut short:** ${r.message}.`);
  return `${lines.join('\n')}\n`;
}

/** The JSON contract of `faultline cutsets --format json`. */
export function cutSetsJson(r: CutSets): unknown {
  return {
    target: r.target,
    maxOrder: r.maxOrder,
    truncated: r.truncated,
    completeThrough: r.completeThrough,
    ...(r.message !== undefined ? { message: r.message } : {}),
    counts: r.counts,
    steps: r.steps,
    cutSets: r.sets.map((s) => ({ failures: s.members, order: s.members.length, chain: s.chain, because: s.because })),
  };
}

/** `cutSetsJson` as pretty-printed JSON text. */
export function formatCutSetsJson(r: CutSets): string {
  return `${JSON.stringify(cutSetsJson(r), null, 2)}\n`;
}

function countPhrase(n: number, order: number): string {
  if (order === 1) return n === 0 ? 'no single point of failure' : `${plural(n, 'single point')} of failure`;
  const noun = order === 2 ? 'pair' : order === 3 ? 'triple' : `set of ${order}`;
  return n === 0 ? `no minimal ${noun}` : plural(n, `minimal ${noun}`, `minimal ${order <= 3 ? `${noun}s` : `sets of ${order}`}`);
}

function title(order: number): string {
  return order === 1 ? 'Single points of failure' : order === 2 ? 'Pairs' : order === 3 ? 'Triples' : `Sets of ${order}`;
}

/** What the group or placements the target fell through lost, when that is how it fell. */
function lostText(set: CutSet): string | undefined {
  const cause: Cause | undefined = set.because.find((c) => c.type === 'group' || c.type === 'placement');
  if (!cause) return undefined;
  if (cause.type === 'group') return `anyOf [${cause.anyOf.join(', ')}] lost ${cause.lost.join(', ')} (needs ${cause.need})`;
  if (cause.type === 'placement') return `lost ${cause.replicasLost} of ${cause.replicas} replicas in ${cause.lost.join(', ')} (needs ${cause.minHealthy})`;
  return undefined;
}

/** `faultline cutsets --format`: each format's formatter, in help order. */
export const CUTSETS_FORMATTERS = {
  text: formatCutSetsText,
  json: formatCutSetsJson,
  markdown: formatCutSetsMarkdown,
} satisfies Record<string, Formatter<CutSets, CutSetsFormatOptions>>;

/** A `--format` value of `faultline cutsets`. */
export type CutSetsFormatName = keyof typeof CUTSETS_FORMATTERS;

/** The format names, in help order. */
export const CUTSETS_FORMAT_NAMES = formatNames(CUTSETS_FORMATTERS);
