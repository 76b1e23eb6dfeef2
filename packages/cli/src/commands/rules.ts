/**
 * `faultline rules`: every lint rule, its severity and its options
 */
import { Option, type Command } from 'commander';
import { formatRulesJson, formatRulesMarkdown, formatRulesText, ruleInfos } from '@faultline/core';
import type { Io } from '../io.js';
import { reportDiagnostics, type Wrap } from '../program.js';
import { findConfig } from './lint-files.js';

interface RulesOptions {
  readonly format: 'text' | 'markdown' | 'json';
  readonly config?: string | false;
}

export function registerRules(program: Command, io: Io, wrap: Wrap): void {
  program
    .command('rules')
    .description('list the lint rules with their severity (from the config, if any), what they find and their options')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'markdown', 'json']).default('text'))
    .option('-c, --config <file>', 'show severities from this config (default: faultline.config.yaml here or above)')
    .option('--no-config', 'show the default severities')
    .action(wrap((options: RulesOptions) => rulesCommand(options, io)));
}

export function rulesCommand(options: RulesOptions, io: Io): number {
  const found = findConfig(['.'], io.cwd, options.config);
  if (found.diagnostics.length > 0) return reportDiagnostics(io, found.diagnostics);
  const infos = ruleInfos(found.config);
  if (options.format === 'json') io.stdout(formatRulesJson(infos));
  else if (options.format === 'markdown') io.stdout(formatRulesMarkdown(infos));
  else io.stdout(formatRulesText(infos, { paint: io.paint }));
  return 0;
}
