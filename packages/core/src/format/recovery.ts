/**
 * Formatting a cold-start order (`faultline recovery`)
 * ====================================================
 *
 * `text`: the first line answers the question ("Cold start: 44 of 46
 * components come up in 6 waves; 2 never start (1 hard cycle)"), then the
 * waves, each deadlock with its cycle in the manifest's words and file
 * positions, and what the deadlocks block. `markdown` for PR comments;
 * `json` lists everything. Pure: string out, colour through `Paint`.
 */
import { formatPosition } from '../diagnostics.js';
import { plain, type Paint } from './paint.js';
import type { CycleLink } from '../analyses/component-links.js';
import type { Deadlock, Recovery } from '../analyses/recovery.js';
import { formatNames, type Formatter } from './registry.js';
import { plural } from '../words.js';

/** Options of the `faultline recovery` formatters. */
export interface RecoveryFormatOptions {
  /** Ids shown per wave in text and markdown (json lists all). @default 12 */
  readonly perWave?: number;
  /** @default plain */
  readonly paint?: Paint;
}

/** `Cold start: 44 of 46 components come up in 6 waves; 2 never start (1 hard cycle, 1 blocked)`. */
export function recoveryHeadline(r: Recovery): string {
  const started = r.waves.reduce((n, w) => n + w.length, 0);
  const never = r.heldUpBySimulate.length;
  const waves = `${plural(r.waves.length, 'wave')}`;
  if (never === 0) return `Cold start: all ${started} components come up in ${waves}`;
  const hard = r.deadlocked.filter((d) => d.kind === 'hard-cycle').length;
  const self = r.deadlocked.length - hard;
  const parts = [
    hard > 0 ? `${plural(hard, 'hard cycle')}` : '',
    self > 0 ? `${plural(self, 'self-supported cycle')}` : '',
    r.blocked.length > 0 ? `${r.blocked.length} blocked` : '',
  ].filter(Boolean);
  return `Cold start: ${started} of ${started + never} components come up in ${waves}; ${never} never start (${parts.join(', ')})`;
}

/** Human text: the headline, the waves, each deadlock with its cycle and positions, what they block. */
export function formatRecoveryText(r: Recovery, options: RecoveryFormatOptions = {}): string {
  const paint = options.paint ?? plain;
  const perWave = options.perWave ?? 12;
  const lines = [paint('bold', recoveryHeadline(r)), ''];
  const width = String(Math.max(0, r.waves.length - 1)).length;
  r.waves.forEach((wave, w) => lines.push(`  ${paint('green', `wave ${String(w).padStart(width)}`)}  ${paint('gray', `(${wave.length})`)} ${shown(wave, perWave)}`));
  if (r.deadlocked.length > 0) {
    lines.push('', paint('bold', `Deadlocked: never start (${r.deadlocked.length})`));
    for (const d of r.deadlocked) {
      lines.push(
        `  ${paint('red', '✖')} ${kindText(d)}: ${paint('bold', d.path.join(' → '))}${
          d.members.length > d.path.length - 1
            ? paint(
                'gray',
                ` (with ${d.members.length - d.path.length + 1} more: ${shown(
                  d.members.filter((m) => !d.path.includes(m)),
                  6,
                )})`,
              )
            : ''
        }`,
      );
      for (const l of d.links) lines.push(paint('gray', `      ${linkText(l)}  ${formatPosition(l.at)}`));
    }
  }
  if (r.blocked.length > 0) {
    lines.push('', paint('bold', `Blocked: wait on a deadlock (${r.blocked.length})`));
    for (const b of r.blocked.slice(0, 50)) lines.push(`  ${paint('yellow', '▲')} ${b.id} waits on ${b.waitsOn.join(', ')}`);
    if (r.blocked.length > 50) lines.push(paint('gray', `  … and ${r.blocked.length - 50} more (--format json lists all)`));
  }
  if (r.heldUpBySimulate.length > 0) {
    lines.push(
      '',
      paint(
        'gray',
        `simulate counts these ${r.heldUpBySimulate.length} components up when nothing has failed: a running system holds its cycles up, but it cannot start them from nothing.` +
          (r.deadlocked.some((d) => d.kind === 'self-supported') ? ' Self-supported cycles run only because they support themselves; cycles does not report them.' : ''),
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Markdown for PR comments: a table of waves, then deadlocks and blocked components. */
export function formatRecoveryMarkdown(r: Recovery, options: RecoveryFormatOptions = {}): string {
  const perWave = options.perWave ?? 12;
  const lines = ['### faultline recovery', '', recoveryHeadline(r), '', '| wave | components |', '|---:|---|'];
  r.waves.forEach((wave, w) =>
    lines.push(
      `| ${w} | ${shown(
        wave.map((id) => `\`${id}\``),
        perWave,
      )} |`,
    ),
  );
  if (r.deadlocked.length > 0) {
    lines.push('', '**Deadlocked** (never start):', '');
    for (const d of r.deadlocked) lines.push(`- ${kindText(d)}: ${d.path.map((id) => `\`${id}\``).join(' → ')} (${d.links.map((l) => formatPosition(l.at)).join(', ')})`);
  }
  if (r.blocked.length > 0) {
    lines.push(
      '',
      `**Blocked** by a deadlock: ${shown(
        r.blocked.map((b) => `\`${b.id}\``),
        30,
      )}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The JSON contract of `faultline recovery --format json`. */
export function recoveryJson(r: Recovery): unknown {
  return {
    waves: r.waves,
    deadlocked: r.deadlocked.map((d) => ({
      kind: d.kind,
      members: d.members,
      path: d.path,
      links: d.links.map((l) => ({ from: l.from, to: l.to, via: l.via, file: l.at.file, line: l.at.line, column: l.at.col })),
    })),
    blocked: r.blocked,
    heldUpBySimulate: r.heldUpBySimulate,
  };
}

/** `recoveryJson` as pretty-printed JSON text. */
export function formatRecoveryJson(r: Recovery): string {
  return `${JSON.stringify(recoveryJson(r), null, 2)}\n`;
}

function kindText(d: Deadlock): string {
  return d.kind === 'hard-cycle' ? 'hard cycle' : 'self-supported cycle (through redundancy; simulate holds it up)';
}

function linkText(l: CycleLink): string {
  return l.via === 'in' ? `${l.from} runs in ${l.to}` : l.via === 'anyOf' ? `${l.from} needs a group with ${l.to}` : `${l.from} needs ${l.to}`;
}

function shown(ids: readonly string[], max: number): string {
  return ids.length > max ? `${ids.slice(0, max).join(', ')}, … (+${ids.length - max})` : ids.join(', ');
}

/** `faultline recovery --format`: each format's formatter, in help order. */
export const RECOVERY_FORMATTERS = {
  text: formatRecoveryText,
  json: formatRecoveryJson,
  markdown: formatRecoveryMarkdown,
} satisfies Record<string, Formatter<Recovery, RecoveryFormatOptions>>;

/** A `--format` value of `faultline recovery`. */
export type RecoveryFormatName = keyof typeof RECOVERY_FORMATTERS;

/** The format names, in help order. */
export const RECOVERY_FORMAT_NAMES = formatNames(RECOVERY_FORMATTERS);
