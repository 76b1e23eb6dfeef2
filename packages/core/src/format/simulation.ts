/**
 * Formatting a simulation
 * =======================
 *
 * `text`: the first line answers the question ("If us-east-1 fails: 14 down
 * (3 critical), 5 degraded — impact 42"), then each victim, critical ones
 * first, with its chain of causes in words. `json`: the stable contract
 * (`faults`, `summary`, `nodes`), where `nodes` lists every worsened component,
 * the faulted ones included, and nothing else; `fellBack` the fallbacks in
 * use (`{ id, target }`). `markdown`: the headline as a heading and a table of
 * the victims with their chains, for a pull-request comment or a job summary
 * (every cell escaped: ids and chains are manifest text).
 */
import type { Model } from '../model.js';
import type { Simulation } from '../engine/simulate.js';
import { causeText, chainText } from './causes.js';
import { plain, type Paint } from './paint.js';
import { oneDecimal, plural } from '../words.js';
import { formatNames, type Formatter } from './registry.js';
import { cell } from './lint-markdown.js';

export interface SimulationFormatOptions {
  /** @default plain */
  readonly paint?: Paint;
}

/** The headline: `If us-east-1 fails: 14 down (3 critical), 5 degraded — impact 42`. */
export function headline(sim: Simulation): string {
  const s = sim.summary;
  const critical = s.criticalDown > 0 ? ` (${s.criticalDown} critical)` : '';
  const degradedCritical = s.criticalDegraded > 0 ? ` (${s.criticalDegraded} critical)` : '';
  return `If ${faultPhrase(sim)}: ${s.down} down${critical}, ${s.degraded} degraded${degradedCritical} — impact ${oneDecimal(s.impact)}`;
}

function faultPhrase(sim: Simulation): string {
  const parts = sim.faults.map((f) => {
    const verb = f.effect === 'slow' ? 'is slow' : f.effect === 'degraded' ? 'degrades' : sim.faults.length > 1 ? 'fail' : 'fails';
    return { spec: f.spec, verb };
  });
  if (parts.every((p) => p.verb === 'fail')) return `${joinAnd(parts.map((p) => p.spec))} fail`;
  return joinAnd(parts.map((p) => `${p.spec} ${p.verb === 'fail' ? 'fails' : p.verb}`));
}

export function formatSimulationText(sim: Simulation, model: Model, options: SimulationFormatOptions = {}): string {
  const paint = options.paint ?? plain;
  const lines: string[] = [paint('bold', headline(sim))];
  const hits = sim.faults.filter((f) => f.hits.length !== 1 || f.hits[0] !== f.spec);
  for (const f of hits) lines.push(paint('gray', `  ${f.spec} hits ${f.hits.join(', ')}`));
  const sections: [string, (n: Simulation['nodes'][number]) => boolean][] = [
    ['Critical', (n) => n.critical],
    ['Other components', (n) => !n.critical],
  ];
  for (const [title, keep] of sections) {
    const nodes = sim.nodes.filter(keep);
    if (nodes.length === 0) continue;
    lines.push('', paint('bold', `${title} (${nodes.length})`));
    for (const n of nodes) {
      const c = model.components.get(n.id)!;
      const mark = n.status === 'down' ? paint('red', '✖ down    ') : paint('yellow', '▲ degraded');
      const weight = n.critical && n.weight !== 1 ? paint('gray', ` weight ${oneDecimal(n.weight)}`) : '';
      lines.push(`  ${mark} ${paint('bold', n.id)}${weight}  ${paint('gray', `${c.at.file}:${c.at.line}:${c.at.col}`)}`);
      if (n.chain.length > 1 || n.chain[0]?.link !== 'fault') lines.push(`      ${chainText(n.chain)}`);
      const more = n.because.slice(1).filter((b) => b.type !== 'fault');
      if (more.length > 0) lines.push(paint('gray', `      also: ${more.map(causeText).join('; ')}`));
    }
  }
  if (sim.partial.length > 0) {
    lines.push('', paint('bold', `Still up after losing placements (${sim.partial.length})`));
    for (const p of sim.partial) {
      lines.push(`  ${paint('green', '●')} ${p.id} lost ${p.lost.join(', ')}: ${plural(p.replicasLeft, 'replica')} left, needs ${p.minHealthy}`);
    }
  }
  if (sim.fellBack.length > 0) {
    lines.push('', paint('bold', `Fell back (${sim.fellBack.length})`));
    for (const f of sim.fellBack) lines.push(`  ${paint('green', '↺')} ${f.id} fell back from ${f.target}`);
  }
  if (sim.nodes.length === 0 && sim.partial.length === 0) lines.push('', 'Nothing goes down or degrades.');
  return `${lines.join('\n')}\n`;
}

/** The JSON contract of `faultline simulate --format json`. */
export function simulationJson(sim: Simulation, model: Model): unknown {
  return {
    faults: sim.faults.map((f) => ({ spec: f.spec, effect: f.effect, hits: f.hits })),
    summary: {
      down: sim.summary.down,
      degraded: sim.summary.degraded,
      impact: sim.summary.impact,
      criticalDown: sim.summary.criticalDown,
      criticalDegraded: sim.summary.criticalDegraded,
    },
    nodes: sim.nodes.map((n) => {
      const at = model.components.get(n.id)!.at;
      return { id: n.id, status: n.status, kind: n.kind, critical: n.critical, weight: n.weight, because: n.because, chain: n.chain, file: at.file, line: at.line, column: at.col };
    }),
    partial: sim.partial,
    fellBack: sim.fellBack,
  };
}

export function formatSimulationJson(sim: Simulation, model: Model): string {
  return `${JSON.stringify(simulationJson(sim, model), null, 2)}\n`;
}

/** `faultline simulate --format markdown`. */
export function formatSimulationMarkdown(sim: Simulation, model: Model): string {
  const lines: string[] = [`### ${cell(headline(sim))}`, ''];
  if (sim.nodes.length === 0 && sim.partial.length === 0) lines.push('Nothing goes down or degrades.', '');
  if (sim.nodes.length > 0) {
    lines.push('| | component | critical | where | why |', '|---|---|---|---|---|');
    const ordered = [...sim.nodes.filter((n) => n.critical), ...sim.nodes.filter((n) => !n.critical)];
    for (const n of ordered) {
      const at = model.components.get(n.id)!.at;
      const why = n.chain.length > 1 || n.chain[0]?.link !== 'fault' ? chainText(n.chain) : 'fault';
      lines.push(`| ${n.status === 'down' ? '✖ down' : '▲ degraded'} | ${cell(n.id)} | ${n.critical ? 'yes' : ''} | ${cell(`${at.file}:${at.line}`)} | ${cell(why)} |`);
    }
    lines.push('');
  }
  if (sim.partial.length > 0) {
    lines.push(`**Still up after losing placements (${sim.partial.length})**`, '');
    for (const p of sim.partial) lines.push(`- ${cell(p.id)} lost ${cell(p.lost.join(', '))}: ${plural(p.replicasLeft, 'replica')} left, needs ${p.minHealthy}`);
    lines.push('');
  }
  if (sim.fellBack.length > 0) {
    lines.push(`**Fell back (${sim.fellBack.length})**`, '');
    for (const f of sim.fellBack) lines.push(`- ${cell(f.id)} fell back from ${cell(f.target)}`);
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** What `faultline simulate` prints: a simulation and the model it ran on (for positions). */
export interface SimulationReport {
  readonly simulation: Simulation;
  readonly model: Model;
}

/** `faultline simulate --format`: each format's formatter, in help order. */
export const SIMULATION_FORMATTERS = {
  text: (r, options) => formatSimulationText(r.simulation, r.model, options),
  json: (r) => formatSimulationJson(r.simulation, r.model),
  markdown: (r) => formatSimulationMarkdown(r.simulation, r.model),
} satisfies Record<string, Formatter<SimulationReport, SimulationFormatOptions>>;

/** A `--format` value of `faultline simulate`. */
export type SimulationFormatName = keyof typeof SIMULATION_FORMATTERS;

/** The format names, in help order. */
export const SIMULATION_FORMAT_NAMES = formatNames(SIMULATION_FORMATTERS);
