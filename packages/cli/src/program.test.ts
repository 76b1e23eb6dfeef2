/**
 * The command table: a command not named on the command line is not loaded,
 * and stands in the top-level help with the table's words, which must be the
 * command's own.
 */
import { Help } from 'commander';
import { describe, expect, it } from 'vitest';
import { COMMANDS, commandNamed, createProgram } from './program.js';
import { cli, fakeIo } from './test-support.js';

describe('the command table', () => {
  it('says what each command says of itself in the help', async () => {
    const program = await createProgram(fakeIo('.'), () => {});
    const help = new Help();
    const listed = program.commands.map((c) => ({ name: c.name(), term: help.subcommandTerm(c), description: c.description() }));
    expect(listed).toEqual(COMMANDS.map((c) => ({ name: c.name, term: c.term, description: c.description })));
  });

  it('prints the same top-level help with one command loaded or all of them', async () => {
    const all = await createProgram(fakeIo('.'), () => {});
    const stubs = await createProgram(fakeIo('.'), () => {}, ['--help']);
    expect(stubs.helpInformation()).toBe(all.helpInformation());
    expect(stubs.helpInformation()).toContain('availability [options] <paths...>');
  });

  it('finds the command after the program options and after help', () => {
    expect(commandNamed(['--debug', 'lint', 'x.yaml'])).toBe('lint');
    expect(commandNamed(['help', 'spof'])).toBe('spof');
    expect(commandNamed(['--help'])).toBeUndefined();
    expect(commandNamed(['lnt'])).toBeUndefined();
    expect(commandNamed(['__proto__'])).toBeUndefined();
  });

  it('still suggests a command for a typo, and shows a command’s own help', async () => {
    const typo = await cli('.', 'lnt');
    expect(typo.code).toBe(2);
    expect(typo.err).toContain('(Did you mean lint?)');
    const help = await cli('.', 'help', 'cutsets');
    expect(help.out).toMatch(/--max-order/);
  });
});
