/**
 * JSON with positions
 * ===================
 *
 * JSON is YAML 1.2, so the `yaml` parser reads a JSON dump and keeps every
 * value's range: a bad entry in a 5,000-link Jaeger export is reported at
 * its line and column rather than "somewhere in the file".
 */
import { LineCounter, parseDocument, type Node } from 'yaml';
import type { Diagnostic } from '../diagnostics.js';
import { SourceFile } from '../load/yaml-source.js';

export interface JsonDocument {
  readonly root: Node;
  readonly value: unknown;
  readonly file: SourceFile;
}

/** Parses JSON text; a syntax error becomes a diagnostic at its place. */
export function parseJson(path: string, text: string, out: Diagnostic[]): JsonDocument | undefined {
  const lines = new LineCounter();
  const file = new SourceFile(path, lines);
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    out.push({
      code: 'observed-format',
      message: `not valid JSON: ${e.message
        .replace(/ at line \d+, column \d+:?[\s\S]*$/, '')
        .replace(/\s+/g, ' ')
        .trim()}`,
      at: file.offsets(e.pos[0], e.pos[1]),
    });
    return undefined;
  }
  if (!doc.contents) return undefined;
  return { root: doc.contents as Node, value: doc.toJS({ maxAliasCount: 0 }), file };
}
