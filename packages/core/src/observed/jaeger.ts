/**
 * Jaeger dependency links
 * =======================
 *
 * `GET /api/dependencies?endTs=…&lookback=…` answers
 * `{"data": [{"parent": "frontend", "child": "driver", "callCount": 11}]}`;
 * exports and the storage plugins' dumps are often the bare array. Each
 * link is `DependencyLink { Parent, Child, CallCount, Source }` in
 * jaeger-idl's model/v1; `source` (which pipeline computed it) is ignored.
 * Links are read one at a time and summed per pair as they come (`json.ts`).
 *
 * [Reference]: jaeger-idl, model/v1 `DependencyLink`; Jaeger HTTP API `/api/dependencies`
 */
import * as z from 'zod';
import { append } from '../arrays.js';
import type { Diagnostic } from '../diagnostics.js';
import type { JsonReader, Mark } from '../json-reader.js';
import { rangeOf } from '../json-reader.js';
import { entryDiagnostics } from './json.js';
import type { CallTally } from './types.js';

const LinkSchema = z.looseObject({
  parent: z.string().trim().min(1),
  child: z.string().trim().min(1),
  callCount: z.number().int().min(0),
});

/** Reads the array of links at the reader (`path` names it in messages: `[]` or `['data']`) into `tally`; problems go to `out`. */
export function readJaegerLinks(reader: JsonReader, file: string, path: readonly (string | number)[], tally: CallTally, out: Diagnostic[]): void {
  reader.array((i) => {
    const start = reader.mark();
    let parentAt: [Mark, Mark] | undefined;
    let childAt: [Mark, Mark] | undefined;
    const link = reader.value((p, from, to) => {
      if (p.length !== 1) return;
      if (p[0] === 'parent') parentAt = [from, to];
      else if (p[0] === 'child') childAt = [from, to];
    });
    const end = reader.here();
    const fields = link as { parent?: unknown; child?: unknown; callCount?: unknown } | null;
    const parent = typeof fields?.parent === 'string' ? fields.parent.trim() : '';
    const child = typeof fields?.child === 'string' ? fields.child.trim() : '';
    const calls = fields?.callCount;
    if (Array.isArray(link) || parent === '' || child === '' || typeof calls !== 'number' || !Number.isInteger(calls) || calls < 0) {
      const parsed = LinkSchema.safeParse(link, { reportInput: true });
      if (!parsed.success)
        append(
          out,
          entryDiagnostics(file, reader.text, start, end, parsed.error.issues, [...path, i], () => ['parent', 'child', 'callCount']),
        );
      return;
    }
    tally.add(parent, child, calls, undefined, () => ({
      at: rangeOf(file, reader.text, start, end),
      clientAt: parentAt ? rangeOf(file, reader.text, ...parentAt) : rangeOf(file, reader.text, start, end),
      serverAt: childAt ? rangeOf(file, reader.text, ...childAt) : rangeOf(file, reader.text, start, end),
    }));
  });
}
