/**
 * The engine's causes in words
 * ============================
 *
 * Every surface that explains a failure takes its words from here: the
 * one-line chain (`chainText`) and the extra causes (`causeText`) of the
 * CLI's reports (simulate, cutsets, diff, scenarios), and the viewer's
 * chain steps (`linkWords`), cause list (`causeWords`) and hover line
 * (`chainLine`), which name the same links in the panel's shorter form.
 */
import type { Cause, ChainStep } from '../engine/explain.js';
import { plural } from '../words.js';

/** `checkout needs iam → iam runs in use1-az1 → use1-az1 runs in us-east-1 → us-east-1 failed`. */
export function chainText(chain: readonly ChainStep[]): string {
  const parts: string[] = [];
  for (let i = 0; i < chain.length; i++) {
    const step = chain[i]!;
    const next = chain[i + 1]?.id ?? '?';
    switch (step.link) {
      case 'fault':
        parts.push(`${step.id} ${step.status === 'down' ? 'failed' : 'is degraded'} (fault${step.fault ? `: ${step.fault}` : ''})`);
        break;
      case 'slow':
        parts.push(`${step.id} waits on slow ${next}`);
        break;
      case 'hard':
        parts.push(`${step.id} needs ${next}`);
        break;
      case 'soft':
        parts.push(`${step.id} uses ${next} (soft)`);
        break;
      case 'async':
        parts.push(`${step.id} consumes from ${next} (async: a backlog)`);
        break;
      case 'anyOf':
        parts.push(`${step.id} lost its group member ${next}`);
        break;
      case 'placement':
        parts.push(`${step.id} runs in ${next.startsWith(`${step.id}@`) ? next.slice(step.id.length + 1) : next}`);
        break;
      case 'more':
        parts.push(`${step.id} … (${moreSteps(step)}: see ${step.id})`);
        break;
    }
  }
  return parts.join(' → ');
}

/** One cause in the CLI's words: `iam is down (hard)`, `lost 2 of 3 replicas in az-a, az-b (needs 2)`. */
export function causeText(c: Cause): string {
  switch (c.type) {
    case 'fault':
      return `${c.fault} (fault)`;
    case 'slow':
      return `waits on slow ${c.target}${c.guarded ? ' (guarded by a timeout or bulkhead)' : ''}`;
    case 'dependency':
      return `${c.target} is ${c.status} (${c.mode})`;
    case 'group':
      return `group [${c.anyOf.join(', ')}] lost ${c.lost.join(', ')} (needs ${c.need})`;
    case 'placement':
      return `lost ${c.replicasLost} of ${c.replicas} replicas in ${c.lost.join(', ')} (needs ${c.minHealthy})`;
  }
}

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
    case 'more':
      return `… its chain goes on: ${moreSteps(step)}`;
  }
}

/** `1,234 more steps` of a chain cut short. */
function moreSteps(step: ChainStep): string {
  const n = step.more ?? 0;
  return `${n.toLocaleString('en-US')} more step${n === 1 ? '' : 's'}`;
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
  return chain.map((s) => (s.link === 'fault' ? `${s.id} (fault)` : s.link === 'more' ? `${s.id} …` : s.id)).join(' → ');
}
