/**
 * The page's data: what `faultline view` writes into the HTML
 * ===========================================================
 *
 * One `<script type="application/json" id="faultline-model">` element holds
 * the payload (its `<` escaped as `\u003c`, so manifest text cannot close the
 * tag). It is read with `textContent` and `JSON.parse`, never evaluated.
 */
import { fromJson, type FaultSpec, type Model, type ModelJson } from '@faultline/core';

export const PAYLOAD_FORMAT = 'faultline.view/1';

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
  readonly format: typeof PAYLOAD_FORMAT;
  readonly model: ModelJson;
  /** Faults applied when the page opens (`--fail`, `--slow`, `--degrade`). */
  readonly faults: readonly FaultSpec[];
  /** Lint findings computed with the project's config; without them the page lints with the default rules. */
  readonly findings?: readonly FindingJson[];
}

export interface LoadedPayload {
  readonly model: Model;
  readonly faults: readonly FaultSpec[];
  readonly findings?: readonly FindingJson[];
}

/** Reads the embedded payload; throws an Error with a readable message when it is missing or broken. */
export function readPayload(doc: Document): LoadedPayload {
  const text = doc.getElementById('faultline-model')?.textContent ?? 'null';
  const data = JSON.parse(text) as Partial<ViewPayload> | null;
  if (data === null) throw new Error('This page holds no model. Create one with: faultline view <manifests…> -o faultline.html');
  if (data.format !== PAYLOAD_FORMAT) throw new Error(`Unknown page data format "${String(data.format)}"`);
  const faults = Array.isArray(data.faults) ? data.faults : [];
  return data.findings ? { model: fromJson(data.model), faults, findings: data.findings } : { model: fromJson(data.model), faults };
}
