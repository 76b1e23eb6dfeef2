/**
 * Words: lists of ids, counts and numbers in plain English
 * ========================================================
 *
 * Shared by the rules' messages, every formatter and the viewer, so a count
 * or an impact reads the same everywhere. Kept short so a message stays one
 * readable line however large the model.
 */

/** `a`, `a and b`, `a, b and c`, or `a, b, c, d, e and 7 more` (with `' or '`: `a or b`). */
export function listIds(ids: readonly string[], last = ' and ', max = 5): string {
  return listFirstIds(ids, ids.length, last, max);
}

/** `listIds` of a list of `total` ids of which only the first are given (at least `max` of them, or all). */
export function listFirstIds(first: readonly string[], total: number, last = ' and ', max = 5): string {
  if (total === 0) return '';
  if (total === 1) return first[0]!;
  if (total > max) return `${first.slice(0, max).join(', ')}${last}${total - max} more`;
  return `${first.slice(0, total - 1).join(', ')}${last}${first[total - 1]}`;
}

/** `checkout's`, `notifications'`. */
/** A redundancy gate in words: `api's anyOf [cache-a, cache-b]`, `web's placements in az1 and az2`. */
export function gateWords(gate: { readonly owner: string; readonly kind: 'anyOf' | 'placements'; readonly members: readonly string[] }): string {
  return `${possessive(gate.owner)} ${gate.kind === 'anyOf' ? `anyOf [${gate.members.join(', ')}]` : `placements in ${listIds(gate.members)}`}`;
}

export function possessive(id: string): string {
  return id.endsWith('s') ? `${id}'` : `${id}'s`;
}

/** `1 component`, `3 components`. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** Integers as they are, fractions with one decimal: `42`, `12.5` (impact counts a degraded component as half). */
export function oneDecimal(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}
