/**
 * Formatting availability estimates (`faultline availability`)
 * ============================================================
 *
 * `text`: the first line answers the question for the least available
 * critical component ("checkout: 99.95 % (3.3 nines), 95 % CI 99.93–99.97 %
 * over 10,000 trials"), then a table of every component asked about with
 * the failures that matter most to each, and the availability assumed
 * where the manifest declares none. `markdown` for PR comments; `json` is
 * the full result (an availability of 1 has `nines: null`). Percentages
 * get enough decimals to tell the interval's ends apart. Pure: string out,
 * colour through `Paint`.
 */
import { plain, type Paint } from './paint.js';
import type { Availability, ComponentAvailability } from '../analyses/availability.js';
import { formatNames, type Formatter } from './registry.js';
import { maxOf } from '../arrays.js';

/** Options of the `faultline availability` formatters. */
export interface AvailabilityFormatOptions {
  /** Components listed in text and markdown (json lists all). @default 20 */
  readonly top?: number;
  /** Failures shown per component in text and markdown. @default 3 */
  readonly importance?: number;
  /** @default plain */
  readonly paint?: Paint;
}

/** `checkout: 99.95 % (3.3 nines), 95 % CI 99.93–99.97 % over 10,000 trials — the least available of 4 critical components`. */
export function availabilityHeadline(r: Availability): string {
  const worst = r.components[0];
  if (!worst) return 'No critical component to estimate: mark components `critical: true`';
  const d = decimals(worst);
  const nines = Number.isFinite(worst.nines) ? `${worst.nines.toFixed(1)} nines` : 'no failure seen';
  const more = r.components.length > 1 ? ` — the least available of ${r.components.length} components` : '';
  return `${worst.id}: ${percent(worst.availability, d)} (${nines}), 95 % CI ${range(worst, d)} over ${r.trials.toLocaleString('en-US')} trials${more}`;
}

/** Human text: the headline, a table with the failures that matter most, and the assumptions. */
export function formatAvailabilityText(r: Availability, options: AvailabilityFormatOptions = {}): string {
  const paint = options.paint ?? plain;
  const top = options.top ?? 20;
  const lines = [paint('bold', availabilityHeadline(r))];
  const listed = r.components.slice(0, top);
  if (listed.length > 0) {
    const rows = listed.map((c) => {
      const d = decimals(c);
      return [c.id, percent(c.availability, d), range(c, d), Number.isFinite(c.nines) ? c.nines.toFixed(1) : '∞', importanceText(c, d, options.importance ?? 3)];
    });
    const header = ['component', 'availability', '95 % CI', 'nines', 'matters most (gain if it never failed)'];
    const width = header.map((h, i) =>
      maxOf(
        rows.map((row) => row[i]!.length),
        h.length,
      ),
    );
    const cell = (text: string, i: number): string => (i === 1 || i === 3 ? text.padStart(width[i]!) : i === 4 ? text : text.padEnd(width[i]!));
    lines.push('', paint('gray', `  ${header.map(cell).join('  ')}`.trimEnd()));
    for (const row of rows) lines.push(`  ${row.map(cell).join('  ')}`.trimEnd());
  }
  if (listed.length < r.components.length) lines.push('', paint('gray', `Showing ${listed.length} of ${r.components.length} components; --top N for more, --format json for all.`));
  lines.push('', paint('gray', assumptions(r)));
  return `${lines.join('\n')}\n`;
}

/** A markdown table for PR comments (top 20 unless `top`). */
export function formatAvailabilityMarkdown(r: Availability, options: AvailabilityFormatOptions = {}): string {
  const listed = r.components.slice(0, options.top ?? 20);
  const lines = ['### faultline availability', '', availabilityHeadline(r)];
  if (listed.length > 0) {
    lines.push('', '| component | availability | 95 % CI | nines | matters most |', '|---|---:|---|---:|---|');
    for (const c of listed) {
      const d = decimals(c);
      const nines = Number.isFinite(c.nines) ? c.nines.toFixed(1) : '∞';
      lines.push(`| \`${c.id}\` | ${percent(c.availability, d)} | ${range(c, d)} | ${nines} | ${importanceText(c, d, options.importance ?? 3, (id) => `\`${id}\``)} |`);
    }
  }
  if (listed.length < r.components.length) lines.push('', `Showing ${listed.length} of ${r.components.length} components.`);
  lines.push('', assumptions(r));
  return `${lines.join('\n')}\n`;
}

/** The JSON contract of `faultline availability --format json`. */
export function availabilityJson(r: Availability): unknown {
  return {
    trials: r.trials,
    seed: r.seed,
    defaults: r.defaults,
    declared: r.declared,
    events: r.events,
    components: r.components.map((c) => ({
      id: c.id,
      availability: c.availability,
      low: c.low,
      high: c.high,
      nines: Number.isFinite(c.nines) ? c.nines : null,
      downTrials: c.downTrials,
      importance: c.importance,
    })),
  };
}

/** `availabilityJson` as pretty-printed JSON text. */
export function formatAvailabilityJson(r: Availability): string {
  return `${JSON.stringify(availabilityJson(r), null, 2)}\n`;
}

/**
 * Decimals that tell the interval's ends apart (2 for ~3 nines, 3 for ~4)
 * and keep an estimate below 1 from reading as 100 %; between 2 and 6.
 */
function decimals(c: ComponentAvailability): number {
  const low = c.low >= 1 ? 6 : Math.floor(-Math.log10(1 - c.low)) - 1;
  const estimate = c.availability >= 1 ? 0 : Math.ceil(-Math.log10((1 - c.availability) * 100));
  return Math.min(6, Math.max(2, low, estimate));
}

/** A percentage with `d` decimals; one that rounds to 100 is written 100. */
function number(x: number, d: number): string {
  const text = (x * 100).toFixed(d);
  return Number(text) >= 100 ? '100' : text;
}

function percent(x: number, d: number): string {
  return `${number(x, d)} %`;
}

function range(c: ComponentAvailability, d: number): string {
  return `${number(c.low, d)}–${number(c.high, d)} %`;
}

function importanceText(c: ComponentAvailability, d: number, n: number, wrap: (id: string) => string = (id) => id): string {
  return c.importance
    .slice(0, n)
    .map((i) => `${wrap(i.failure)} +${(i.gain * 100).toFixed(d)} %`)
    .join(', ');
}

/** `No component declares `availability`: each is assumed 99.99 % (each domain 99.999 %); seed 1, 74 possible failures.` */
function assumptions(r: Availability): string {
  const component = `${+(r.defaults.component * 100).toFixed(6)} %`;
  const domain = `${+(r.defaults.domain * 100).toFixed(6)} %`;
  const declared =
    r.declared === 0
      ? `No component declares \`availability\`: each is assumed ${component} (each domain ${domain})`
      : `${r.declared} component${r.declared === 1 ? ' declares' : 's declare'} \`availability\`; the others are assumed ${component} (domains ${domain})`;
  return `${declared}; seed ${r.seed}, ${r.events.toLocaleString('en-US')} possible failures.`;
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
