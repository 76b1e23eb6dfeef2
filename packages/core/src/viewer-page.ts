/**
 * The viewer page's contract
 * ==========================
 *
 * `faultline view` writes the viewer's HTML template with the model in one
 * `<script type="application/json" id="faultline-model">` element; the page
 * reads it back with `textContent` and `JSON.parse`. Both sides (the CLI's
 * view command, the viewer's payload reader and its dev server) take the
 * format id, the placeholder, the payload's shape and the escaping from here,
 * so they cannot drift apart (docs/architecture.md#the-viewer-page).
 */
import type { FaultSpec } from './engine/faults.js';
import type { Finding } from './lint/finding.js';
import type { Model } from './model.js';
import { toJson, type ModelJson } from './serialize.js';

/** The payload's `format`: bump it when the shape changes. */
export const VIEW_FORMAT = 'faultline.view/1';

/** The id of the element that holds the payload. */
export const MODEL_ELEMENT_ID = 'faultline-model';

/** The element `faultline view` fills; the viewer's index.html holds it with `null`. */
export const MODEL_PLACEHOLDER = `<script type="application/json" id="${MODEL_ELEMENT_ID}">null</script>`;

/** How the page's overview can group components (`faultline view --overview <grouping>`). */
export const OVERVIEW_GROUPINGS = ['region', 'zone', 'system', 'owner', 'kind'] as const;

/** A lint finding as the page needs it (the fields of core's `Finding` it reads). */
export interface FindingJson {
  readonly rule: string;
  readonly severity: 'error' | 'warn';
  readonly message: string;
  /** The component the finding is reported on. */
  readonly target: string;
  /** Other components involved, in the order the message names them. */
  readonly related: readonly string[];
  readonly suppressed?: boolean;
}

/** What `faultline view` embeds. */
export interface ViewPayload {
  readonly format: typeof VIEW_FORMAT;
  readonly model: ModelJson;
  /** Faults applied when the page opens (`--fail`, `--slow`, `--degrade`). */
  readonly faults: readonly FaultSpec[];
  /** Lint findings computed with the project's config; without them the page lints with the default rules. */
  readonly findings?: readonly FindingJson[];
  /** Open on the aggregated overview grouped so (`region`, `zone`, `system`, `owner`, `kind`), or on the graph (false); absent: by the model's size. */
  readonly overview?: string | false;
}

/** The fields of a finding the page reads. */
export function findingJson(f: Finding): FindingJson {
  return { rule: f.rule, severity: f.severity, message: f.message, target: f.target, related: f.related, ...(f.suppressed ? { suppressed: true } : {}) };
}

/** The payload for a model, the faults to open with and, optionally, the findings to list. */
export function viewPayload(model: Model, faults: readonly FaultSpec[], findings?: readonly Finding[]): ViewPayload {
  const payload = { format: VIEW_FORMAT, model: toJson(model), faults } as const;
  return findings ? { ...payload, findings: findings.map(findingJson) } : payload;
}

/** JSON that is safe inside a `<script>` element: no `<`, no line or paragraph separators. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Puts the payload into the viewer template, in place of `MODEL_PLACEHOLDER`'s `null`. */
export function fillTemplate(template: string, payload: unknown): string {
  const at = template.indexOf(MODEL_PLACEHOLDER);
  if (at < 0) throw new Error('faultline/view: the viewer template has no model placeholder (rebuild @faultline/viewer)');
  const filled = MODEL_PLACEHOLDER.replace('null', () => scriptSafeJson(payload));
  return template.slice(0, at) + filled + template.slice(at + MODEL_PLACEHOLDER.length);
}
