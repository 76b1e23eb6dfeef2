/**
 * Formatting a failure ranking (`faultline spof`)
 * ===============================================
 *
 * `text`: the first line answers the question ("3 single points of failure;
 * the worst: consul takes down 31 other components (18 critical) — impact
 * 58"), then a ranked table with the critical victims and, for hidden SPOFs,
 * the redundancy each one defeats. Counts of components down never include
 * the failure itself, and the text says so ("other components", "others
 * down"); the impact does include it, as `simulate`'s does. `markdown`: the same for a PR comment.
 * `json`: the stable contract `{ listed, failures: [{ fault, impact,
 * downCount, degradedCount, criticalCount, down, degraded, critical, hidden }] }`,
 * each list the first `listed` victims (25) in model order, so the output
 * stays linear in the failures. Pure: string out, colour through `Paint`.
 */
import type { Ranking } from '../analyses/rank.js';
import type { RedundancyGate } from '../analyses/redundancy.js';
import { plain, type Paint } from './paint.js';
import { oneDecimal, plural } from '../words.js';
import { formatNames, type Formatter } from './registry.js';
import { maxOf } from '../arrays.js';

/** Options of the `faultline spof` formatters. */
export interface SpofFormatOptions {
  /** List every single failure, not only those that take a critical component down. @default false */
  readonly all?: boolean;
  /** At most this many rows (text and markdown default to 20; json lists everything unless set). */
  readonly top?: number;
  /** @default plain */
  readonly paint?: Paint;
}

/** The ranking positions a report lists, worst first. */
export function listedFailures(ranking: Ranking, options: SpofFormatOptions, defaultTop: number | undefined): number[] {
  const positions: number[] = [];
  const top = options.top ?? defaultTop ?? Infinity;
  for (let i = 0; i < ranking.failures.length && positions.length < top; i++) {
    if (options.all || ranking.failures[i]!.criticalCount > 0) positions.push(i);
  }
  return positions;
}

/** `3 single points of failure; the worst: consul takes down 31 other components (18 critical) — impact 58`. */
export function spofHeadline(ranking: Ranking): string {
  const spofs = ranking.failures.filter((f) => f.criticalCount > 0);
  if (spofs.length === 0) {
    return `No single point of failure: none of the ${ranking.failures.length} single failures takes a critical component down`;
  }
  const worst = spofs[0]!;
  const hidden = spofs.filter((f) => f.hidden).length;
  const hiddenText = hidden > 0 ? ` (${hidden} hidden behind redundancy)` : '';
  return `${plural(spofs.length, 'single point')} of failure${hiddenText}; the worst: ${worst.fault} takes down ${plural(worst.downCount, 'other component')} (${worst.criticalCount} critical) — impact ${oneDecimal(worst.impact)}`;
}

/** Human text: the headline, then the ranked SPOFs (top 20 unless `top`), hidden ones explained. */
export function formatSpofText(ranking: Ranking, options: SpofFormatOptions = {}): string {
  const paint = options.paint ?? plain;
  const lines = [paint('bold', spofHeadline(ranking))];
  const listed = listedFailures(ranking, options, 20);
  if (listed.length > 0) {
    const rows = listed.map((i, r) => {
      const f = ranking.failures[i]!;
      return [String(r + 1), oneDecimal(f.impact), String(f.downCount), String(f.degradedCount), f.fault, victims(f.first.critical, f.criticalCount, 6)];
    });
    const header = ['#', 'impact', 'others down', 'degraded', 'failure', 'critical victims'];
    const width = header.map((h, c) =>
      maxOf(
        rows.map((r) => r[c]!.length),
        h.length,
      ),
    );
    const cell = (text: string, c: number): string => (c < 4 ? text.padStart(width[c]!) : c === 4 ? text.padEnd(width[c]!) : text);
    lines.push('', paint('gray', `  ${header.map(cell).join('  ')}`.trimEnd()));
    listed.forEach((i, r) => {
      const f = ranking.failures[i]!;
      const row = rows[r]!.map(cell);
      row[4] = paint(f.criticalCount > 0 ? 'red' : 'bold', row[4]!);
      lines.push(`  ${row.join('  ')}`.trimEnd());
      if (f.hidden) lines.push(paint('yellow', `  ${' '.repeat(width.slice(0, 4).reduce((a, b) => a + b + 2, 0))}hidden: ${defeatedText(ranking, i)}`));
    });
  }
  const total = options.all ? ranking.failures.length : ranking.failures.filter((f) => f.criticalCount > 0).length;
  if (listed.length < total) {
    lines.push(
      '',
      paint(
        'gray',
        `Showing ${listed.length} of ${total}${options.all ? ' single failures' : ''}; --top N for more, --format json for all${options.all ? '' : ', --all for failures that take no critical component down'}.`,
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** A markdown table for PR comments (top 20 unless `top`). */
export function formatSpofMarkdown(ranking: Ranking, options: SpofFormatOptions = {}): string {
  const listed = listedFailures(ranking, options, 20);
  const lines = [`### faultline spof`, '', spofHeadline(ranking)];
  if (listed.length > 0) {
    lines.push('', '| # | failure | impact | others down | degraded | critical victims | hidden |', '|---:|---|---:|---:|---:|---|---|');
    for (const [r, i] of listed.entries()) {
      const f = ranking.failures[i]!;
      const hidden = f.hidden ? `yes: ${defeatedText(ranking, i)}` : '';
      lines.push(
        `| ${r + 1} | \`${f.fault}\` | ${oneDecimal(f.impact)} | ${f.downCount} | ${f.degradedCount} | ${victims(f.first.critical, f.criticalCount, 8, (id) => `\`${id}\``)} | ${hidden} |`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * How many victims of each kind `spof --format json` lists per failure (the
 * first in model order; the counts are exact): rank with `listed` at least
 * this. Whole lists for every failure were quadratic on a long dependency
 * chain (10,000 failures of up to 10,000 victims each).
 */
export const SPOF_JSON_LISTED = 25;

/** The JSON contract of `faultline spof --format json`. */
export function spofJson(ranking: Ranking, options: SpofFormatOptions = {}): unknown {
  return {
    listed: Math.min(ranking.listed, SPOF_JSON_LISTED),
    failures: listedFailures(ranking, options, undefined).map((i) => {
      const f = ranking.failures[i]!;
      const first = (ids: readonly string[]): readonly string[] => ids.slice(0, SPOF_JSON_LISTED);
      return {
        fault: f.fault,
        impact: f.impact,
        downCount: f.downCount,
        degradedCount: f.degradedCount,
        criticalCount: f.criticalCount,
        down: first(f.first.down),
        degraded: first(f.first.degraded),
        critical: first(f.first.critical),
        hidden: f.hidden,
      };
    }),
  };
}

/** `spofJson` as pretty-printed JSON text. */
export function formatSpofJson(ranking: Ranking, options: SpofFormatOptions = {}): string {
  return `${JSON.stringify(spofJson(ranking, options), null, 2)}\n`;
}

/**
 * "defeats the anyOf [a, b, c] (need 2) of notifications": the defeated gates
 * of critical victims, else of any component that goes down (the first two
 * named, the rest counted, without listing the failure's victims).
 */
function defeatedText(ranking: Ranking, i: number): string {
  const { onCritical, onDown } = ranking.defeatedGates(i, 2);
  const gates = onCritical.count > 0 ? onCritical : onDown;
  const shown = gates.first.slice(0, 2).map(gateText);
  const more = gates.count > 2 ? ` and ${gates.count - 2} more` : '';
  return shown.length > 0 ? `defeats ${shown.join('; ')}${more}` : 'defeats redundancy on the way';
}

function gateText(g: RedundancyGate): string {
  return g.kind === 'anyOf'
    ? `the anyOf [${g.members.join(', ')}] (need ${g.need}) of ${g.owner}`
    : `the placements of ${g.owner} in ${g.members.join(', ')} (minHealthy ${g.need})`;
}

/** The first `max` of `total` victims (`first` holds at least that many, or all). */
function victims(first: readonly string[], total: number, max: number, wrap: (id: string) => string = (id) => id): string {
  const shown = first.slice(0, max).map(wrap).join(', ');
  return total > max ? `${shown}, … (+${total - max})` : shown;
}

/** `faultline spof --format`: each format's formatter, in help order. */
export const SPOF_FORMATTERS = {
  text: formatSpofText,
  json: formatSpofJson,
  markdown: formatSpofMarkdown,
} satisfies Record<string, Formatter<Ranking, SpofFormatOptions>>;

/** A `--format` value of `faultline spof`. */
export type SpofFormatName = keyof typeof SPOF_FORMATTERS;

/** The format names, in help order. */
export const SPOF_FORMAT_NAMES = formatNames(SPOF_FORMATTERS);
