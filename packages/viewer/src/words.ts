/**
 * The engine's causes and chain links in words, for the panels and the
 * tooltip (the CLI's text formatter says the same things in core).
 */
import type { Cause, ChainStep } from '@faultline/core';
import { plural } from '@faultline/core';

/** How a step of a chain depends on the next one. */
export function linkWords(step: ChainStep): string {
  switch (step.link) {
    case 'fault':
      return step.status === 'down' ? `failed${step.fault ? ` — fault “${step.fault}”` : ' — the fault'}` : `degraded${step.fault ? ` — fault “${step.fault}”` : ' — the fault'}`;
    case 'slow':
      return 'waits on a slow call to';
    case 'hard':
      return 'needs';
    case 'soft':
      return 'degrades without';
    case 'async':
      return 'builds a backlog without';
    case 'anyOf':
      return 'lost too many of its redundant';
    case 'placement':
      return 'lost its placements in';
  }
}

/** One cause in a line. */
export function causeWords(cause: Cause): string {
  switch (cause.type) {
    case 'fault':
      return `fault “${cause.fault}” (${cause.effect})`;
    case 'slow':
      return `${cause.target} is slow and the call has ${cause.guarded ? 'a timeout or bulkhead' : 'no timeout and no bulkhead'}`;
    case 'dependency':
      return `${cause.mode === 'hard' ? 'needs' : cause.mode === 'async' ? 'consumes from' : 'softly needs'} ${cause.target} (${cause.status}${cause.via !== 'call' ? `, via ${cause.via}` : ''})`;
    case 'group':
      return `needs ${cause.need} of ${cause.anyOf.join(', ')}; lost ${cause.lost.join(', ')}`;
    case 'placement':
      return `lost ${cause.replicasLost} of ${plural(cause.replicas, 'replica')} (${cause.lost.join(', ')}); needs ${cause.minHealthy}`;
  }
}

/** The chain as one line: `checkout → iam → dns-use1 → us-east-1 (fault)`. */
export function chainLine(chain: readonly ChainStep[]): string {
  return chain.map((s) => (s.link === 'fault' ? `${s.id} (fault)` : s.id)).join(' → ');
}

/** Formats an impact number like the CLI (no trailing .0). */
export function number(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}
