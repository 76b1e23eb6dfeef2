/**
 * The page's data: what `faultline view` writes into the HTML
 * ===========================================================
 *
 * One `<script type="application/json" id="faultline-model">` element holds
 * the payload (its `<` escaped as `\u003c`, so manifest text cannot close the
 * tag). It is read with `textContent` and `JSON.parse`, never evaluated. The
 * contract (format id, element, payload shape) is core's viewer-page.ts.
 */
import { fromJson, MODEL_ELEMENT_ID, VIEW_FORMAT, type FaultSpec, type FindingJson, type Model, type ViewPayload } from '@faultline/core';

export interface LoadedPayload {
  readonly model: Model;
  readonly faults: readonly FaultSpec[];
  readonly findings?: readonly FindingJson[];
  /** `faultline view --overview [grouping]` / `--no-overview`: open on the overview with this grouping, or on the graph (false). */
  readonly overview?: string | false;
}

/** Reads the embedded payload; throws an Error with a readable message when it is missing or broken. */
export function readPayload(doc: Document): LoadedPayload {
  const text = doc.getElementById(MODEL_ELEMENT_ID)?.textContent ?? 'null';
  const data = JSON.parse(text) as Partial<ViewPayload> | null;
  if (data === null) throw new Error('This page holds no model. Create one with: faultline view <manifests…> -o faultline.html');
  if (data.format !== VIEW_FORMAT) throw new Error(`Unknown page data format "${String(data.format)}"`);
  const faults = Array.isArray(data.faults) ? data.faults : [];
  const overview = typeof data.overview === 'string' || data.overview === false ? { overview: data.overview } : {};
  return data.findings ? { model: fromJson(data.model), faults, findings: data.findings, ...overview } : { model: fromJson(data.model), faults, ...overview };
}
