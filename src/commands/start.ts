import type { Command } from 'commander';
import { loadCourse } from '../course/course.js';
import { defaultCourseLoaders } from '../course/loaders.js';
import { ProgressStore } from '../course/progress.js';
import { courseOutline, interactiveProblem } from '../ui/headless.js';
import type { ProviderChoice } from '../vault/provider.js';
import { passProgramOptions, plainOption, vaultBinaryOption, vaultOption } from './options.js';
import { UserError } from '../util/errors.js';
import { mark } from '../util/timing.js';

export interface StartOptions {
  plain?: boolean;
  vault: ProviderChoice;
  vaultBinary?: string;
}

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

export async function runStart(options: StartOptions, openId?: string): Promise<void> {
  mark('start');
  const problem = interactiveProblem({
    stdinIsTTY: process.stdin.isTTY,
    stdoutIsTTY: process.stdout.isTTY,
    env: process.env,
  });
  // Ink and React load only on the interactive path (`list`, `--help` and the outline stay light),
  // and they load while the course is read, not after.
  const ui = problem ? undefined : import('../ui/run.js');
  ui?.catch(() => undefined);
  const course = await loadCourse(defaultCourseLoaders());
  mark('course loaded');
  const store = new ProgressStore();
  const { progress, notice } = await store.load();
  mark('progress loaded');
  if (
    openId &&
    !course.lessons.some((lesson) => lesson.id === openId) &&
    !course.challenges.some((challenge) => challenge.id === openId)
  ) {
    throw new UserError(`no lesson or challenge called "${openId}" (see \`secrets-workbook list\`)`);
  }
  if (!ui) {
    if (notice) process.stderr.write(`${notice}\n`);
    process.stdout.write(courseOutline(course, progress, problem));
    return;
  }
  const { runInteractive } = await ui;
  mark('ui modules loaded');
  await runInteractive({ course, store, progress, notices: notice ? [notice] : [], openId, ...options });
}
