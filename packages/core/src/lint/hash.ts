/**
 * A small, stable string hash
 * ===========================
 *
 * Two 32-bit FNV-1a passes with different offset bases, printed as 16 hex
 * digits. Pure JavaScript (core runs in the browser too, without
 * `node:crypto`), identical on every platform, and plenty to tell findings
 * apart; it is an identity, not a security measure.
 *
 * [Reference]: http://www.isthe.com/chongo/tech/comp/fnv/
 */

const PRIME = 0x01000193;

/** 16 hex digits identifying `text`. */
export function hash64(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, PRIME);
    b = Math.imul(b ^ c ^ (i & 0xff), PRIME);
  }
  return hex(a) + hex(b);
}

function hex(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}
