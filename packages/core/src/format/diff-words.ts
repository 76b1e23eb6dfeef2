/**
 * The diff in words
 * =================
 *
 * Sentences the text and Markdown reports share, so both say the same
 * thing: the one-line verdict, a SPOF gained or lost, a blast radius, a
 * changed field. Ids are safe to print as they are (the loader validates
 * them); free text (descriptions, owners, tags) is escaped by each format.
 */
import type { FieldChange } from '../diff/components.js';
import type { ArchitectureDiff } from '../diff/diff.js';
import { unchanged } from '../diff/diff.js';
import { oneDecimal, plural, possessive } from '../words.js';
import type { Blast, SpofChange } from '../diff/spofs.js';

/**
 * The verdict, without its icon: `This change adds 1 SPOF for a critical
 * component and 2 error findings`, or `No new single points of failure and
 * no new error findings`, with what the change removes or fixes.
 */
export function verdict(diff: ArchitectureDiff): { worse: boolean; text: string } {
  const s = diff.summary;
  if (s.newSpofs > 0 || s.newErrors > 0) {
    const parts: string[] = [];
    if (s.newSpofs > 0) {
      const whom = s.componentsWithNewSpofs === 1 ? 'a critical component' : `${s.componentsWithNewSpofs} critical components`;
      parts.push(`${plural(s.newSpofs, 'SPOF')} for ${whom}`);
    }
    if (s.newErrors > 0) parts.push(plural(s.newErrors, 'error finding'));
    return { worse: true, text: `This change adds ${parts.join(' and ')}` };
  }
  if (unchanged(diff)) return { worse: false, text: 'No architecture changes' };
  const better: string[] = [];
  if (s.removedSpofs > 0) better.push(`removes ${plural(s.removedSpofs, 'SPOF')}`);
  if (s.fixedFindings > 0) better.push(`fixes ${plural(s.fixedFindings, 'finding')}`);
  return { worse: false, text: `No new single points of failure and no new error findings${better.length > 0 ? `; this change ${better.join(' and ')}` : ''}` };
}

/** `checkout gains a new SPOF: ix-ashburn (via payments → fraud-db)`; `code` wraps ids (Markdown backticks). */
export function spofSentence(s: SpofChange, gained: boolean, code: (id: string) => string = (id) => id): string {
  const via = s.via.length > 0 ? `via ${s.via.join(' → ')}` : 'directly';
  const hidden = s.defeats
    ? `; hidden: it defeats ${possessive(s.defeats.owner)} ${s.defeats.kind === 'anyOf' ? `anyOf [${s.defeats.members.join(', ')}]` : `placements in ${s.defeats.members.join(', ')}`}`
    : '';
  return `${s.victim} ${gained ? 'gains a new SPOF' : 'loses a SPOF'}: ${code(s.fault)} (${via}${hidden})`;
}

/** `consul: impact 42, 14 others down` (the failure itself not counted), or `none` when no single failure takes the component down. */
export function blastText(b: Blast | undefined, code: (id: string) => string = (id) => id): string {
  return b ? `${code(b.fault)}: impact ${oneDecimal(b.impact)}, ${b.down} ${b.down === 1 ? 'other' : 'others'} down` : 'none';
}

/** `minHealthy 1 → 2`, `owner unset → payments`; a group's members as `members +cache-c, −cache-x`. */
export function fieldText(f: FieldChange, value: (text: string) => string = (t) => t): string {
  if (f.field === 'anyOf') {
    const before = f.before?.split(', ') ?? [];
    const after = f.after?.split(', ') ?? [];
    const moves = [...after.filter((m) => !before.includes(m)).map((m) => `+${m}`), ...before.filter((m) => !after.includes(m)).map((m) => `−${m}`)];
    return `members ${value(moves.join(', '))}`;
  }
  return `${f.field} ${f.before === null ? 'unset' : value(f.before)} → ${f.after === null ? 'unset' : value(f.after)}`;
}
