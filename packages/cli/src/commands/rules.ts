/**
 * `faultline rules`: every lint rule, its severity and its options
 */
import { Option, type Command } from 'commander';
import { ruleInfos, RULES_FORMAT_NAMES, RULES_FORMATTERS, type RulesFormatName } from '@faultline/core';
import { reportDiagnostics, type Io, type Wrap } from '../io.js';
import { outputOption, printReport } from './output.js';
import { findConfig } from './lint-files.js';

interface RulesOptions {
  readonly format: RulesFormatName;
  readonly output?: string;
  readonly config?: string | false;
}

export function registerRules(program: Command, io: Io, wrap: Wrap): void {
  program
    .command('rules')
    .description('list the lint rules with their severity (from the config, if any), what they find and their options')
    .addOption(new Option('-f, --format <format>', 'output format').choices(RULES_FORMAT_NAMES).default('text'))
    .addOption(outputOption())
    .option('-c, --config <file>', 'show severities from this config (default: faultline.config.yaml here or above)')
    .option('--no-config', 'show the default severities')
    .action(wrap((options: RulesOptions) => rulesCommand(options, io)));
}

export function rulesCommand(options: RulesOptions, io: Io): number {
  const found = findConfig(['.'], io.cwd, options.config);
  if (found.diagnostics.length > 0) return reportDiagnostics(io, found.diagnostics);
  const infos = ruleInfos(found.config);
  printReport(io, options.output, (paint) => RULES_FORMATTERS[options.format](infos, { paint }));
  return 0;
}
