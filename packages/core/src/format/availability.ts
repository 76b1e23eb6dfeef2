/**
 * Formatting availability answers (`faultline availability`)
 * ==========================================================
 *
 * `text`: the first line answers the question for the least available
 * component ("checkout: 99.878 % (2.9 nines, 642 min down a year), exact —
 * the least available of 5 components"), the second names the cut set that
 * makes up the largest share of its downtime; then a table of every
 * component asked about (availability, nines, downtime per year, what
 * answered and how tight, the largest contributor), the basic events that
 * matter most to each (Fussell–Vesely, Birnbaum, RAW, RRW), and the
 * assumptions. `markdown` for PR comments; `json` is the full result (nines
 * is `null` only when a component can never be down, or when Monte Carlo
 * saw no failure). Pure: string out, colour through `Paint`.
 */
import { plain, type Paint } from './paint.js';
import type { Availability, ComponentAvailability, Contributor, Importance } from '../analyses/availability.js';
import { formatNames, type Formatter } from './registry.js';
import { append, maxOf } from '../arrays.js';

/** Options of the `faultline availability` formatters. */
export interface AvailabilityFormatOptions {
  /** Components listed in text and markdown (json lists all). @default 20 */
  readonly top?: number;
  /** Basic events shown per component in text and markdown. @default 3 */
  readonly importance?: number;
  /** @default plain */
  readonly paint?: Paint;
}

/** `checkout: 99.878 % (2.9 nines, 642 min down a year), exact — the least available of 5 components`. */
export function availabilityHeadline(r: Availability): string {
  const worst = r.components[0];
  if (!worst) return 'No critical component to estimate: mark components `critical: true`';
  const more = r.components.length > 1 ? ` — the least available of ${r.components.length} components` : '';
  const nines = Number.isFinite(worst.nines)
    ? `${worst.nines.toFixed(1)} nines, ${downtime(worst.downtimeMinutes)} down a year`
    : worst.method === 'montecarlo'
      ? 'no failure seen'
      : 'never down';
  return `${worst.id}: ${percent(worst.availability, decimals(worst))} (${nines}), ${answeredBy(worst, r)}${more}`;
}

/** `58 % of checkout's unavailability is {use1-az1, orders-db-2}`, for the least available component (saying so when others tie with it). */
export function availabilityLargestShare(r: Availability): string | undefined {
  const worst = r.components[0];
  const c = worst?.contributors[0];
  if (!worst || !c) return undefined;
  const tied = worst.tied ? ` (and as much for each of ${worst.tied} other cut set${worst.tied === 1 ? '' : 's'})` : '';
  return `${share(c)} of ${worst.id}'s unavailability is ${members(c)}${tied}`;
}

/** Human text: the headline, a table, what matters most to each component, and the assumptions. */
export function formatAvailabilityText(r: Availability, options: AvailabilityFormatOptions = {}): string {
  const paint = options.paint ?? plain;
  const top = options.top ?? 20;
  const n = options.importance ?? 3;
  const lines = [paint('bold', availabilityHeadline(r))];
  const largest = availabilityLargestShare(r);
  if (largest) lines.push(largest);
  const listed = r.components.slice(0, top);
  if (listed.length > 0) {
    const rows = listed.map((c) => [
      c.id,
      percent(c.availability, decimals(c)),
      ninesText(c),
      downtimeText(c),
      answeredBy(c, r),
      c.contributors[0] ? `${share(c.contributors[0])} ${members(c.contributors[0])}` : '',
    ]);
    lines.push('');
    append(lines, table(['component', 'availability', 'nines', 'down/year', 'answered by', 'largest share of downtime'], rows, [1, 2, 3], paint));
    const blocks = listed.filter((c) => c.importance.length > 0);
    if (blocks.length > 0) {
      lines.push('', paint('gray', 'What matters most: Fussell–Vesely (share of the downtime it takes part in), Birnbaum (∂U/∂q), RAW and RRW'));
      const imp = blocks.flatMap((c) =>
        c.importance
          .slice(0, n)
          .map((i, k) => [k === 0 ? c.id : '', i.failure, `FV ${percentOf(i.fussellVesely)}`, `B ${significant(i.birnbaum)}`, `RAW ${worth(i.raw)}`, `RRW ${worth(i.rrw)}`]),
      );
      append(lines, table(['', '', '', '', '', ''], imp, [2, 3, 4, 5], paint).slice(1));
    }
  }
  if (listed.length < r.components.length) lines.push('', paint('gray', `Showing ${listed.length} of ${r.components.length} components; --top N for more, --format json for all.`));
  lines.push('', paint('gray', assumptions(r)));
  return `${lines.join('\n')}\n`;
}

/** A markdown table for PR comments (top 20 unless `top`). */
export function formatAvailabilityMarkdown(r: Availability, options: AvailabilityFormatOptions = {}): string {
  const listed = r.components.slice(0, options.top ?? 20);
  const n = options.importance ?? 3;
  const lines = ['### faultline availability', '', availabilityHeadline(r)];
  const largest = availabilityLargestShare(r);
  if (largest) lines.push('', largest);
  if (listed.length > 0) {
    lines.push('', '| component | availability | nines | down/year | answered by | matters most (Fussell–Vesely) | largest share |', '|---|---:|---:|---:|---|---|---|');
    for (const c of listed) {
      const matters = c.importance
        .slice(0, n)
        .map((i) => `\`${i.failure}\` ${percentOf(i.fussellVesely)}`)
        .join(', ');
      const first = c.contributors[0] ? `${share(c.contributors[0])} ${members(c.contributors[0], (id) => `\`${id}\``)}` : '';
      lines.push(`| \`${c.id}\` | ${percent(c.availability, decimals(c))} | ${ninesText(c)} | ${downtimeText(c)} | ${answeredBy(c, r)} | ${matters} | ${first} |`);
    }
  }
  if (listed.length < r.components.length) lines.push('', `Showing ${listed.length} of ${r.components.length} components.`);
  lines.push('', assumptions(r));
  return `${lines.join('\n')}\n`;
}

/** The JSON contract of `faultline availability --format json`. */
export function availabilityJson(r: Availability): unknown {
  return {
    method: r.method,
    trials: r.trials,
    seed: r.seed,
    defaults: r.defaults,
    declared: r.declared,
    events: r.events,
    components: r.components.map((c) => ({
      id: c.id,
      method: c.method,
      exact: c.exact,
      availability: c.availability,
      unavailability: c.unavailability,
      low: c.low,
      high: c.high,
      nines: Number.isFinite(c.nines) ? c.nines : null,
      downtimeMinutes: c.downtimeMinutes,
      missing: c.missing,
      ...(c.cutSets ? { cutSets: c.cutSets } : {}),
      ...(c.bounds ? { bounds: c.bounds } : {}),
      ...(c.states !== undefined ? { states: c.states } : {}),
      ...(c.bddNodes !== undefined ? { bddNodes: c.bddNodes } : {}),
      ...(c.monteCarlo ? { monteCarlo: c.monteCarlo } : {}),
      importance: c.importance.map((i: Importance) => ({ ...i, rrw: Number.isFinite(i.rrw) ? i.rrw : null })),
      contributors: c.contributors,
      ...(c.tied ? { tied: c.tied } : {}),
    })),
  };
}

/** `availabilityJson` as pretty-printed JSON text. */
export function formatAvailabilityJson(r: Availability): string {
  return `${JSON.stringify(availabilityJson(r), null, 2)}\n`;
}

/** What answered, and how tight: `exact (BDD, 35 cut sets)`, `BDD, ≤ 3.4e-8 unlisted`, `bounds, width 1.2e-6`, `Monte Carlo, 95 % CI 99.79–99.93 %`. */
function answeredBy(c: ComponentAvailability, r: Availability): string {
  const sets = c.cutSets ? `${c.cutSets.found.toLocaleString('en-US')} cut set${c.cutSets.found === 1 ? '' : 's'}` : '';
  if (c.method === 'enumeration') return `exact (all ${c.states?.toLocaleString('en-US')} states)`;
  if (c.method === 'bdd') return c.exact ? `exact (BDD, ${sets})` : `BDD of ${sets}, ≤ ${scientific(c.missing)} unlisted`;
  if (c.method === 'bounds') return `bounds, width ${scientific(c.high - c.low)}`;
  const d = decimals(c);
  return `Monte Carlo, ${r.trials.toLocaleString('en-US')} trials, 95 % CI ${number(c.low, d)}–${number(c.high, d)} %`;
}

/**
 * Decimals that show the unavailability to two or three significant digits
 * (99.878 % for U = 1.22e-3) and, for Monte Carlo, tell the interval's ends
 * apart; between 2 and 10.
 */
function decimals(c: ComponentAvailability): number {
  const u = c.unavailability;
  const estimate = u <= 0 ? 2 : Math.ceil(-Math.log10(u * 100) - 1e-9) + 2;
  const low = c.method === 'montecarlo' ? (c.low >= 1 ? 6 : Math.floor(-Math.log10(1 - c.low)) - 1) : 0;
  return Math.min(10, Math.max(2, low, estimate));
}

/** A percentage with `d` decimals; one that rounds to 100 is written 100 (only an answer of exactly 1 does). */
function number(x: number, d: number): string {
  const text = (x * 100).toFixed(d);
  return Number(text) >= 100 ? '100' : text;
}

function percent(x: number, d: number): string {
  return `${number(x, d)} %`;
}

function ninesText(c: ComponentAvailability): string {
  return Number.isFinite(c.nines) ? c.nines.toFixed(1) : '∞';
}

function downtimeText(c: ComponentAvailability): string {
  return c.unavailability > 0 ? downtime(c.downtimeMinutes) : '0';
}

/** `642 min`, `5.3 min`, `32 s`, `0.53 s`, `<0.01 s`. */
function downtime(minutes: number): string {
  if (minutes >= 100) return `${Math.round(minutes).toLocaleString('en-US')} min`;
  if (minutes >= 1) return `${minutes.toFixed(1)} min`;
  const seconds = minutes * 60;
  if (seconds >= 10) return `${Math.round(seconds)} s`;
  if (seconds >= 0.01) return `${seconds.toPrecision(2)} s`;
  return '<0.01 s';
}

/** `3.4e-8`. */
function scientific(x: number): string {
  return x === 0 ? '0' : x.toExponential(1).replace('e+', 'e');
}

/** Three significant digits, plain or scientific. */
function significant(x: number): string {
  return x >= 1e-3 ? x.toPrecision(3) : scientific(x);
}

/** RAW and RRW: `1.09`, `8,200`, `∞`. */
function worth(x: number): string {
  if (!Number.isFinite(x)) return '∞';
  return x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(2);
}

function percentOf(x: number): string {
  const p = x * 100;
  return `${p >= 10 ? p.toFixed(0) : p >= 0.1 ? p.toFixed(1) : Number(p.toPrecision(1))} %`;
}

function share(c: Contributor): string {
  return percentOf(c.share);
}

function members(c: Contributor, wrap: (id: string) => string = (id) => id): string {
  return `{${c.members.map(wrap).join(', ')}}`;
}

/** Rows padded to columns (right-aligned where `right`), with a gray header line first. */
function table(header: readonly string[], rows: readonly string[][], right: readonly number[], paint: Paint): string[] {
  const width = header.map((h, i) =>
    maxOf(
      rows.map((row) => row[i]!.length),
      h.length,
    ),
  );
  const last = header.length - 1;
  const cell = (text: string, i: number): string => (right.includes(i) ? text.padStart(width[i]!) : i === last ? text : text.padEnd(width[i]!));
  return [paint('gray', `  ${header.map(cell).join('  ')}`.trimEnd()), ...rows.map((row) => `  ${row.map(cell).join('  ')}`.trimEnd())];
}

/** `No component declares `availability`: each is assumed 99.99 % (each domain 99.999 %); 74 possible failures, independent, steady state.` */
function assumptions(r: Availability): string {
  const component = `${+(r.defaults.component * 100).toFixed(6)} %`;
  const domain = `${+(r.defaults.domain * 100).toFixed(6)} %`;
  const declared =
    r.declared === 0
      ? `No component declares \`availability\`: each is assumed ${component} (each domain ${domain})`
      : `${r.declared} component${r.declared === 1 ? ' declares' : 's declare'} \`availability\`; the others are assumed ${component} (domains ${domain})`;
  const seed = r.trials > 0 ? `; Monte Carlo seed ${r.seed}` : '';
  return `${declared}; ${r.events.toLocaleString('en-US')} possible failures, independent, steady state${seed}.`;
}

/** `faultline availability --format`: each format's formatter, in help order. */
export const AVAILABILITY_FORMATTERS = {
  text: formatAvailabilityText,
  json: formatAvailabilityJson,
  markdown: formatAvailabilityMarkdown,
} satisfies Record<string, Formatter<Availability, AvailabilityFormatOptions>>;

/** A `--format` value of `faultline availability`. */
export type AvailabilityFormatName = keyof typeof AVAILABILITY_FORMATTERS;

/** The format names, in help order. */
export const AVAILABILITY_FORMAT_NAMES = formatNames(AVAILABILITY_FORMATTERS);
