/**
 * What the `yaml` package reports, in faultline's words
 * =====================================================
 *
 * One place for every YAML file faultline reads with the `yaml` package
 * (manifests, scenario files, the config): syntax errors with a hint where
 * the fix is obvious, a quote left open reported where it opens (the parser
 * says where the text ends: line 504 of a 500-line file), a value nested too
 * deeply said once in words, and tags faultline does not know.
 */
import { CST, Lexer, type YAMLError, type YAMLWarning } from 'yaml';
import type { Diagnostic } from '../diagnostics.js';
import { unclosedQuote, type SourceFile } from './yaml-source.js';

/** What to do about a string never closed, by its quote. */
const QUOTE_HINTS: ReadonlyMap<string, string> = new Map([
  ['"', 'end the string with " on the line it belongs to, and write a " inside it as \\"'],
  ["'", "end the string with ' on the line it belongs to, and write a ' inside it as ''"],
]);

/** Hints for the `yaml` package's error codes that have an obvious fix. */
const YAML_HINTS: ReadonlyMap<string, string> = new Map([
  ['TAB_AS_INDENT', 'indent with spaces'],
  ['BAD_INDENT', 'check the indentation, and that every "{" and "[" is closed'],
  ['BLOCK_AS_IMPLICIT_KEY', 'quote a value that contains ": "'],
  ['MULTILINE_IMPLICIT_KEY', 'check the indentation of this line and the one before'],
]);

/** A document's syntax errors as diagnostics at their places. */
export function yamlErrors(errors: readonly YAMLError[], file: SourceFile): Diagnostic[] {
  const out: Diagnostic[] = [];
  let consequence = -1;
  for (const e of errors) {
    // The parser nests one call per bracket: a value nested thousands deep
    // exhausts the stack. Said once, in words, with what to do, where the
    // value starts: where the stack ran out depends on the stack (and on how
    // the code was compiled), so it would move between runs.
    if (/maximum call stack/i.test(e.message)) {
      const start = file.text === undefined ? e.pos[0] : deepValueStart(file.text, e.pos[0]);
      out.push({
        code: 'yaml-syntax',
        message: 'nested too deeply to read: the parser ran out of stack',
        hint: 'no manifest nests this deep; look for a run of unclosed or stray "[" or "{"',
        at: file.offsets(start, start + 1),
      });
      break;
    }
    const quote = e.code === 'MISSING_CHAR' ? /closing (["'])quote/.exec(e.message)?.[1] : undefined;
    const opens = quote && file.text !== undefined ? unclosedQuote(file.text, e.pos[0], quote) : undefined;
    if (quote && opens !== undefined) {
      // Said where the string opens; what the parser then says at the end of the text follows from it.
      out.push({
        code: 'yaml-syntax',
        message: `missing closing ${quote}: the quoted string that starts here never ends`,
        hint: QUOTE_HINTS.get(quote)!,
        at: file.offsets(opens, opens + 1),
      });
      consequence = e.pos[0];
      continue;
    }
    if (e.pos[0] === consequence) continue;
    const hint = YAML_HINTS.get(e.code);
    out.push({ code: 'yaml-syntax', message: yamlMessage(e.message), ...(hint ? { hint } : {}), at: file.offsets(e.pos[0], e.pos[1]) });
  }
  return out;
}

/**
 * Tags the parser could not resolve (`!foo`, `!!str` on a map): it drops
 * them and reads the value as written. A warning in manifests, which other
 * tools may have written; an error in scenario and config files, which are
 * faultline's alone and have no other channel to say it on.
 */
export function unknownTags(warnings: readonly YAMLWarning[], file: SourceFile, severity: 'warning' | 'error'): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const w of warnings) {
    if (w.code !== 'TAG_RESOLVE_FAILED') continue;
    const tag = file.text?.slice(w.pos[0], w.pos[1]) || w.message.replace(/^Unresolved tag: /, '');
    out.push({
      code: 'yaml-tag',
      ...(severity === 'warning' ? { severity } : {}),
      message: severity === 'warning' ? `unknown tag ${tag} ignored: the value is read as if it had none` : `unknown tag ${tag}`,
      hint: 'remove the tag; faultline reads plain YAML values',
      at: file.offsets(w.pos[0], w.pos[1]),
    });
  }
  return out;
}

/** Brackets that open one right inside another this many times make a run: the value a deep nesting starts at. */
const RUN = 16;

/**
 * Where the value nested too deeply at `pos` starts: the first bracket of the
 * run of `[`/`{` opened one right inside another that holds `pos` (in
 * `description: [[[[…`, the first `[`), or, when there is no such run, the
 * outermost bracket still open there. Neither moves with where the stack ran
 * out. The `yaml` package's lexer counts flow levels without recursion and
 * skips quoted strings and comments.
 */
function deepValueStart(text: string, pos: number): number {
  const open: number[] = [];
  // Per open bracket: opened right inside the one before (only blanks, commas and comments between).
  const inside: boolean[] = [];
  let offset = 0;
  let adjacent = false;
  for (const token of new Lexer().lex(text)) {
    if (offset > pos) break;
    const type = CST.tokenType(token);
    if (type === 'flow-map-start' || type === 'flow-seq-start') {
      inside.push(adjacent && open.length > 0);
      open.push(offset);
      adjacent = true;
    } else if (type === 'flow-map-end' || type === 'flow-seq-end') {
      open.pop();
      inside.pop();
      adjacent = false;
    } else if (type !== 'space' && type !== 'newline' && type !== 'comma' && type !== 'comment' && type !== 'scalar') adjacent = false;
    // Markers the lexer adds hold no text.
    if (type !== 'doc-mode' && type !== 'flow-error-end' && type !== 'scalar') offset += token.length;
  }
  if (open.length === 0) return pos;
  let first = open.length - 1;
  while (first > 0 && inside[first]) first--;
  return open.length - 1 - first >= RUN ? open[first]! : open[0]!;
}

function yamlMessage(message: string): string {
  const text = message
    .replace(/ at line \d+, column \d+:?[\s\S]*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
  return text.charAt(0).toLowerCase() + text.slice(1);
}
