/**
 * Suppression comments
 * ====================
 *
 * Reads `# faultline-ignore <rule> <reason>` comments (ESLint's
 * `eslint-disable-next-line rule -- reason` idiom; see
 * docs/lint.md#suppressing-one-finding) and
 * gives each to the component it is written on:
 *
 * - on the component's key line (`consul:  # faultline-ignore …`), or inside
 *   its value, indented deeper than its key;
 * - directly above its key, with only comments or blank lines between.
 *
 * Comments are taken from the YAML CST, so `#` inside a quoted string is
 * never one. The CST is only parsed when the text mentions
 * `faultline-ignore`, so manifests without suppressions pay nothing.
 */
import { Parser, type LineCounter } from 'yaml';
import type { ComponentId, SourceRange, Suppression } from '../model.js';

/** The comment marker. */
export const SUPPRESSION_MARKER = 'faultline-ignore';

/** Where a component's key is written. */
export interface ComponentAnchor {
  readonly id: ComponentId;
  readonly line: number;
  readonly col: number;
}

const COMMENT = /^#\s*faultline-ignore(?:\s+(\S+))?(?:\s+(?:--\s*)?(.*))?$/;

/** Suppressions per component id, for the components of one file. */
export function readSuppressions(text: string, lines: LineCounter, file: string, anchors: readonly ComponentAnchor[]): Map<ComponentId, Suppression[]> {
  const out = new Map<ComponentId, Suppression[]>();
  if (!text.includes(SUPPRESSION_MARKER) || anchors.length === 0) return out;
  const sorted = [...anchors].sort((a, b) => a.line - b.line);
  for (const comment of comments(text)) {
    const match = COMMENT.exec(comment.source.trimEnd());
    if (!match) continue;
    const start = lines.linePos(comment.offset);
    const end = lines.linePos(comment.offset + comment.source.trimEnd().length);
    const owner = ownerOf(sorted, start.line, start.col, text, lines);
    if (!owner) continue;
    const at: SourceRange = { file, line: start.line, col: start.col, endLine: end.line, endCol: end.col };
    const list = out.get(owner) ?? [];
    list.push({ rule: match[1] ?? '', reason: (match[2] ?? '').trim(), at });
    out.set(owner, list);
  }
  return out;
}

/** Where a whole object (a Kubernetes object: a document, or an item of a `List`) starts. */
export interface ObjectAnchor {
  /** The component it describes; undefined for an object that is none (a Service): its comments go to nobody. */
  readonly id: ComponentId | undefined;
  readonly line: number;
  readonly col: number;
}

/**
 * Suppressions per component id, for objects that are whole YAML maps: a
 * comment belongs to the object it is written in (from its first line, at
 * its indentation or deeper, up to the next `---`), or to the object that
 * starts right below it, with only comments or blank lines between.
 */
export function readObjectSuppressions(text: string, lines: LineCounter, file: string, anchors: readonly ObjectAnchor[]): Map<ComponentId, Suppression[]> {
  const out = new Map<ComponentId, Suppression[]>();
  if (!text.includes(SUPPRESSION_MARKER) || !anchors.some((a) => a.id !== undefined)) return out;
  const sorted = [...anchors].sort((a, b) => a.line - b.line || a.col - b.col);
  const separators: number[] = [];
  lines.lineStarts.forEach((start, i) => {
    if (/^(---|\.\.\.)(\s|$)/.test(text.slice(start, start + 4))) separators.push(i + 1);
  });
  for (const comment of comments(text)) {
    const match = COMMENT.exec(comment.source.trimEnd());
    if (!match) continue;
    const start = lines.linePos(comment.offset);
    const owner = objectOf(sorted, separators, start.line, start.col, text, lines);
    if (owner === undefined) continue;
    const end = lines.linePos(comment.offset + comment.source.trimEnd().length);
    const list = out.get(owner) ?? [];
    list.push({ rule: match[1] ?? '', reason: (match[2] ?? '').trim(), at: { file, line: start.line, col: start.col, endLine: end.line, endCol: end.col } });
    out.set(owner, list);
  }
  return out;
}

/** The object a comment at (line, col) belongs to (see `readObjectSuppressions`), if any. */
function objectOf(anchors: readonly ObjectAnchor[], separators: readonly number[], line: number, col: number, text: string, lines: LineCounter): ComponentId | undefined {
  let next = anchors.findIndex((a) => a.line > line);
  if (next < 0) next = anchors.length;
  const previous = anchors[next - 1];
  if (previous && (previous.line === line || (col >= previous.col && !separators.some((s) => s > previous.line && s <= line)))) return previous.id;
  const below = anchors[next];
  if (!below) return undefined;
  for (let l = line + 1; l < below.line; l++) {
    const content = lineText(text, lines, l).trim();
    if (content !== '' && !content.startsWith('#')) return undefined;
  }
  return below.id;
}

/** Every comment token of the text, in order. */
function comments(text: string): { offset: number; source: string }[] {
  const found: { offset: number; source: string }[] = [];
  const stack: unknown[] = [...new Parser().parse(text)];
  while (stack.length > 0) {
    const token = stack.pop();
    if (!token || typeof token !== 'object') continue;
    if (Array.isArray(token)) {
      for (const t of token) stack.push(t);
      continue;
    }
    const t = token as { type?: unknown; offset?: unknown; source?: unknown };
    if (t.type === 'comment' && typeof t.offset === 'number' && typeof t.source === 'string') {
      found.push({ offset: t.offset, source: t.source });
      continue;
    }
    for (const value of Object.values(token)) if (value && typeof value === 'object') stack.push(value);
  }
  return found.sort((a, b) => a.offset - b.offset);
}

/** The component a comment at (line, col) belongs to, if any. */
function ownerOf(anchors: readonly ComponentAnchor[], line: number, col: number, text: string, lines: LineCounter): ComponentId | undefined {
  // The last component whose key is on or before the comment's line.
  let lo = 0;
  let hi = anchors.length - 1;
  let before = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (anchors[mid]!.line <= line) {
      before = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const previous = anchors[before];
  if (previous && (previous.line === line || col > previous.col)) return previous.id;
  const next = anchors[before + 1];
  if (!next) return undefined;
  for (let l = line + 1; l < next.line; l++) {
    const content = lineText(text, lines, l).trim();
    if (content !== '' && !content.startsWith('#')) return undefined;
  }
  return next.id;
}

function lineText(text: string, lines: LineCounter, line: number): string {
  const start = lines.lineStarts[line - 1] ?? text.length;
  const end = lines.lineStarts[line] ?? text.length;
  return text.slice(start, end);
}
