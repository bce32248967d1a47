import type { Command } from 'commander';
import { passProgramOptions, plainOption, vaultBinaryOption, vaultOption } from './options.js';
import { UserError } from '../util/errors.js';
import { runStart, type StartOptions } from './start-course.js';

function addStartOptions(command: Command): Command {
  return command
    .addOption(plainOption())
    .addOption(vaultOption('where the playground Vault and grading run'))
    .addOption(vaultBinaryOption());
}

/**
 * `secrets-workbook` and `secrets-workbook start [id]`: the course in the terminal UI. Both take
 * the course's options (`secrets-workbook --plain`, `start --vault binary`). Options are
 * positional: the program's come before a command, a command's after it, so `--vault` before
 * `grade` and after it never collide.
 */
export function registerStart(program: Command): void {
  addStartOptions(
    program
      .command('start')
      .description('open the course in the terminal UI (also what `secrets-workbook` alone does)')
      .argument('[id]', 'open this lesson or challenge directly'),
  ).action((id: string | undefined, options: StartOptions) => runStart(options, id));
  // The default action also receives unknown words; they get commander's own one-line error.
  // (An optional argument rather than allowExcessArguments: subcommands created later would
  // inherit that setting and stop rejecting extra arguments.)
  addStartOptions(program)
    .enablePositionalOptions()
    .argument('[command]', 'one of the commands below; without one, the course opens')
    .usage('[options] [command]')
    .action((word: string | undefined, options: StartOptions) => {
      if (word) throw new UserError(`unknown command '${word}'`);
      return runStart(options);
    });
  passProgramOptions(program);
}
