/**
 * The command line
 * ================
 *
 * Commands take parsed arguments and an `Io`, and return an exit code:
 * 0 clean, 1 findings at error, 2 invalid input or usage (commander's own
 * usage errors included, which would otherwise exit 1). No stack trace
 * reaches the user unless `--debug` is given.
 */
import { type Argument, Command, CommanderError, type Option } from 'commander';
import { FaultError, visible } from '@faultline/core';
import { UsageError, type Io, type Wrap } from './io.js';
import { registerSimulate } from './commands/simulate.js';
import { registerSchema } from './commands/schema.js';
import { registerLint } from './commands/lint.js';
import { registerInit } from './commands/init.js';
import { registerRules } from './commands/rules.js';
import { registerView } from './commands/view.js';
import { registerTest } from './commands/test.js';
import { registerImport } from './commands/import.js';
import { registerDrift } from './commands/drift.js';
import { registerSpof } from './commands/spof.js';
import { registerRecovery } from './commands/recovery.js';
import { registerDiff } from './commands/diff.js';
import { registerCutSets } from './commands/cutsets.js';
import { registerAvailability } from './commands/availability.js';
import { VERSION } from './version.js';

export function createProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command('faultline')
    .description('Find the failures an architecture hides before production finds them.')
    .version(VERSION, '-V, --version')
    .option('--debug', 'show stack traces of internal errors')
    .showHelpAfterError('(run with --help for usage)')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureHelp({ optionDescription, argumentDescription })
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: (text, write) => write(`faultline: ${text}`) });
  const wrap: Wrap =
    (action) =>
    async (...args) => {
      setExit(await action(...args));
    };
  // In the order a user meets them: the CI gate and the one question first,
  // then every failure at once, promises and reviews, the viewer, inputs, setup.
  for (const register of [
    registerLint,
    registerSimulate,
    registerSpof,
    registerCutSets,
    registerRecovery,
    registerAvailability,
    registerTest,
    registerDiff,
    registerView,
    registerImport,
    registerDrift,
    registerInit,
    registerRules,
    registerSchema,
  ]) {
    register(program, io, wrap);
  }
  // A usage error names an example of the command that was misused.
  for (const command of program.commands) {
    command.configureOutput({
      outputError: (text, write) => {
        write(`faultline: ${text}`);
        const example = firstExample(command);
        if (example !== undefined) write(`  e.g. ${example}\n`);
      },
    });
  }
  program.addHelpText(
    'after',
    `
Examples:
  faultline lint fixtures/example
  faultline lint architecture/ --format sarif --output faultline.sarif
  faultline simulate fixtures/example --fail "kind=dns in=us-east-1"
  faultline simulate fixtures/aws-2021.yaml --fail us-east-1 --format json
  faultline spof fixtures/roblox-2021.yaml --top 10
  faultline recovery fixtures/example
  faultline cutsets fixtures/salesforce.yaml --target salesforce-app
  faultline availability fixtures/example --trials 10000 --seed 1
  faultline test fixtures/scenarios/example.scenarios.yaml
  faultline view fixtures/example -o shop.html
  faultline drift catalog-info.yaml --observed jaeger-dependencies.json
  faultline diff --git origin/main architecture/ --format markdown
  faultline schema > faultline.schema.json`,
  );
  return program;
}

/**
 * An option's help line: its description, then its choices, default (both
 * unquoted: `default: text`, not `default: "text"`) and whether it is
 * required. An empty list default (repeatable options) says nothing.
 */
function optionDescription(option: Option): string {
  const extra: string[] = [];
  if (option.argChoices) extra.push(`choices: ${option.argChoices.join(', ')}`);
  const value: unknown = option.defaultValue;
  const showDefault = option.required || option.optional || (option.isBoolean() && typeof value === 'boolean');
  if (value !== undefined && showDefault && !(Array.isArray(value) && value.length === 0)) {
    extra.push(`default: ${option.defaultValueDescription ?? (Array.isArray(value) ? value.join(' ') : String(value))}`);
  }
  if (option.mandatory) extra.push('required');
  if (option.envVar !== undefined) extra.push(`env: ${option.envVar}`);
  return extra.length > 0 ? `${option.description} (${extra.join(', ')})` : option.description;
}

/** An argument's help line, its choices and default unquoted as for options. */
function argumentDescription(argument: Argument): string {
  const extra: string[] = [];
  if (argument.argChoices) extra.push(`choices: ${argument.argChoices.join(', ')}`);
  const value: unknown = argument.defaultValue;
  if (value !== undefined) extra.push(`default: ${argument.defaultValueDescription ?? (Array.isArray(value) ? value.join(' ') : String(value))}`);
  return extra.length > 0 ? `${argument.description} (${extra.join(', ')})` : argument.description;
}

/** The first line under "Examples:" in a command's help, if it has one. */
function firstExample(command: Command): string | undefined {
  let help = '';
  const saved = command.configureOutput();
  command.configureOutput({ ...saved, writeOut: (text) => (help += text), writeErr: (text) => (help += text) });
  try {
    command.outputHelp();
  } finally {
    command.configureOutput(saved);
  }
  return /\nExamples:\n\s*(\S[^\n]*)/.exec(help)?.[1]?.replace(/\s+#.*$/, '');
}

/** Runs the command line; never throws, never exits the process. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  let code = 0;
  const program = createProgram(io, (c) => (code = c));
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof UsageError || error instanceof FaultError) {
      const message = error instanceof FaultError ? error.message.replace(/^faultline\/faults: /, '') : error.message;
      io.stderr(`faultline: error: ${visible(message)}${error.hint ? ` (${visible(error.hint)})` : ''}\n`);
      return 2;
    }
    const e = error as Error;
    io.stderr(`faultline: internal error: ${e?.message ?? String(error)}${debug ? '' : ' (run with --debug for details, and please report it)'}\n`);
    if (debug && e?.stack) io.stderr(`${e.stack}\n`);
    return 2;
  }
}
