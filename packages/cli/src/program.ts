/**
 * The command line
 * ================
 *
 * Commands take parsed arguments and an `Io`, and return an exit code:
 * 0 clean, 1 findings at error, 2 invalid input or usage (commander's own
 * usage errors included, which would otherwise exit 1). No stack trace
 * reaches the user unless `--debug` is given.
 */
import { type Argument, Command, CommanderError, Help, type Option } from 'commander';
import { FaultError, visible } from '@faultline/core';
import { UsageError, type Io, type Wrap } from './terminal.js';
import { VERSION } from './version.js';

/** A command's `register…` function: adds the command, its options and its action to the program. */
type Register = (program: Command, io: Io, wrap: Wrap) => void;

/**
 * Every command, in the order a user meets them: the CI gate and the one
 * question first, then every failure at once, promises and reviews, the
 * viewer, inputs, setup. A command's module (and with it core, zod, yaml)
 * is imported only when the command line names it: the others appear in the
 * top-level help from this table alone, as `term` and `description`
 * (program.test.ts checks that they say what the commands themselves say).
 */
export const COMMANDS: readonly { readonly name: string; readonly term: string; readonly description: string; readonly load: () => Promise<Register> }[] = [
  {
    name: 'lint',
    term: 'lint [options] <paths...>',
    description: 'find cycles, blind monitors, pinned "global" services, hidden single points of failure and more (exit 1 on errors)',
    load: async () => (await import('./commands/lint.js')).registerLint,
  },
  {
    name: 'simulate',
    term: 'simulate [options] <paths...>',
    description: 'show everything that goes down or degrades when the given faults happen, and why',
    load: async () => (await import('./commands/simulate.js')).registerSimulate,
  },
  {
    name: 'spof',
    term: 'spof [options] <paths...>',
    description: 'rank every single failure (components and placements) by impact; list the single points of failure',
    load: async () => (await import('./commands/spof.js')).registerSpof,
  },
  {
    name: 'cutsets',
    term: 'cutsets [options] <paths...>',
    description: 'list the minimal sets of failures (order ≤ 2 by default) that take one component down',
    load: async () => (await import('./commands/cutsets.js')).registerCutSets,
  },
  {
    name: 'recovery',
    term: 'recovery [options] <paths...>',
    description: 'show the cold-start order: waves of components that can start, and the cycles that never do',
    load: async () => (await import('./commands/recovery.js')).registerRecovery,
  },
  {
    name: 'availability',
    term: 'availability [options] <paths...>',
    description: 'each critical component’s availability from its minimal cut sets (exact, or bounded), nines, downtime, and what matters most',
    load: async () => (await import('./commands/availability.js')).registerAvailability,
  },
  {
    name: 'test',
    term: 'test [options] <scenarios...>',
    description: 'check the failures you promise to survive (scenario files) by simulation',
    load: async () => (await import('./commands/test.js')).registerTest,
  },
  {
    name: 'diff',
    term: 'diff [options] [paths...]',
    description:
      'compare two versions of an architecture: components, dependencies, findings and SPOFs of critical components (exit 1 when a change adds an error finding or a SPOF)',
    load: async () => (await import('./commands/diff.js')).registerDiff,
  },
  {
    name: 'view',
    term: 'view [options] <paths...>',
    description: 'write the blast-radius viewer as one self-contained HTML file that opens offline',
    load: async () => (await import('./commands/view.js')).registerView,
  },
  {
    name: 'import',
    term: 'import',
    description:
      'write a faultline manifest from what you already have: a Backstage catalog, Kubernetes objects, docker compose files, a Terraform plan or state, or observed dependencies from traces',
    load: async () => (await import('./commands/import.js')).registerImport,
  },
  {
    name: 'drift',
    term: 'drift [options] <paths...>',
    description: 'compare declared dependencies with those traces observed: undeclared (exit 1), never observed, unknown names',
    load: async () => (await import('./commands/drift.js')).registerDrift,
  },
  {
    name: 'init',
    term: 'init [options] [dir]',
    description: 'write a starter manifest, a config listing every rule, and the JSON Schema for editors',
    load: async () => (await import('./commands/init.js')).registerInit,
  },
  {
    name: 'rules',
    term: 'rules [options]',
    description: 'list the lint rules with their severity (from the config, if any), what they find and their options',
    load: async () => (await import('./commands/rules.js')).registerRules,
  },
  {
    name: 'schema',
    term: 'schema [options]',
    description: 'print the JSON Schema of faultline manifests (for "# yaml-language-server: $schema=…")',
    load: async () => (await import('./commands/schema.js')).registerSchema,
  },
];

/**
 * The command a command line runs (`faultline --debug lint x` → lint,
 * `faultline help lint` → lint), or undefined (`--version`, `--help`, a
 * typo). The program's own options take no value, so the first word that is
 * not an option is the command.
 */
export function commandNamed(argv: readonly string[]): string | undefined {
  const words = argv.filter((a) => !a.startsWith('-'));
  const name = words[0] === 'help' ? words[1] : words[0];
  return COMMANDS.some((c) => c.name === name) ? name : undefined;
}

/** The term of a command that stands in the help for a command not loaded. */
const STANDING_IN = new WeakMap<Command, string>();

/**
 * The program with every command, or, given the command line, with the one
 * command it names loaded and the others standing in for the help.
 */
export async function createProgram(io: Io, setExit: (code: number) => void, argv?: readonly string[]): Promise<Command> {
  const program = new Command('faultline')
    .description('Find the failures an architecture hides before production finds them.')
    .version(VERSION, '-V, --version')
    .option('--debug', 'show stack traces of internal errors')
    .showHelpAfterError('(run with --help for usage)')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureHelp({ optionDescription, argumentDescription, subcommandTerm })
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: (text, write) => write(`faultline: ${text}`) });
  const wrap: Wrap =
    (action) =>
    async (...args) => {
      setExit(await action(...args));
    };
  const wanted = argv === undefined ? undefined : commandNamed(argv);
  const registers = await Promise.all(COMMANDS.map((c) => (argv === undefined || c.name === wanted ? c.load() : undefined)));
  COMMANDS.forEach((c, i) => {
    const register = registers[i];
    if (register) register(program, io, wrap);
    else STANDING_IN.set(program.command(c.name).description(c.description), c.term);
  });
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

/** A command's line in the list of commands; a command not loaded gives the table's. */
function subcommandTerm(this: Help, command: Command): string {
  return STANDING_IN.get(command) ?? Help.prototype.subcommandTerm.call(this, command);
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
  const debug = argv.includes('--debug');
  try {
    const program = await createProgram(io, (c) => (code = c), argv);
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
