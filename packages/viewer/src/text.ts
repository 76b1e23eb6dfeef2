/**
 * Pure helpers for what the page writes and paints: ids cut in the middle
 * (so `session-cache-use1` and `session-cache-usw2` stay distinct when cut),
 * and WCAG contrast ratios (non-text contrast of the canvas's marks ≥ 3:1).
 * No DOM: tested in node.
 */

/**
 * `text` cut in the middle to the longest form `fits` accepts: its start, an
 * ellipsis and its end, the end keeping the larger share (ids differ at the
 * end: `-use1`, `-usw2`, `-c17`). `fits` is monotonic in the length.
 */
export function middleTruncate(text: string, fits: (candidate: string) => boolean): string {
  if (fits(text)) return text;
  const chars = Array.from(text);
  let lo = 0;
  let hi = chars.length - 1;
  const cut = (keep: number): string => {
    const tail = Math.ceil(keep / 2);
    return `${chars.slice(0, keep - tail).join('')}…${chars.slice(chars.length - tail).join('')}`;
  };
  // The largest number of kept characters whose cut form fits (binary search; 0 keeps only "…").
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (fits(cut(mid))) lo = mid;
    else hi = mid - 1;
  }
  return cut(lo);
}

/** `text` cut in the middle to at most `max` characters (the ellipsis counted). */
export function middleTruncateChars(text: string, max: number): string {
  return middleTruncate(text, (s) => Array.from(s).length <= max);
}

/** An sRGB colour as [r, g, b, a] in 0–255 (a in 0–1), from `#rgb(a)`, `#rrggbb(aa)` (as minified CSS writes them) or `rgb(a)(…)`; null when unreadable. */
export function parseColour(css: string): [number, number, number, number] | null {
  const s = css.trim();
  let m = /^#([0-9a-f]{3,4})$/i.exec(s);
  if (m) {
    const [r, g, b, a = 255] = [...m[1]!].map((c) => Number.parseInt(c + c, 16));
    return [r!, g!, b!, a / 255];
  }
  m = /^#([0-9a-f]{6})([0-9a-f]{2})?$/i.exec(s);
  if (m) return [0, 2, 4].map((i) => Number.parseInt(m![1]!.slice(i, i + 2), 16)).concat(m[2] ? Number.parseInt(m[2], 16) / 255 : 1) as [number, number, number, number];
  m = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+))?\s*\)$/i.exec(s);
  if (m) return [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])];
  return null;
}

/** `over` (possibly translucent) composited on the opaque `under`. */
export function composite(over: readonly number[], under: readonly number[]): [number, number, number] {
  const a = over[3] ?? 1;
  return [0, 1, 2].map((i) => over[i]! * a + under[i]! * (1 - a)) as [number, number, number];
}

function luminance(rgb: readonly number[]): number {
  const lin = rgb.slice(0, 3).map((v) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * lin[0]! + 0.7152 * lin[1]! + 0.0722 * lin[2]!;
}

/** WCAG 2 contrast ratio of two CSS colours (the first may be translucent, composited on the second). */
export function contrastRatio(fg: string, bg: string): number {
  const f = parseColour(fg);
  const b = parseColour(bg);
  if (!f || !b) return Number.NaN;
  const a = luminance(composite(f, b));
  const c = luminance(b);
  return (Math.max(a, c) + 0.05) / (Math.min(a, c) + 0.05);
}
