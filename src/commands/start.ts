import type { Command } from 'commander';
import { Option } from 'commander';
import { loadCourse } from '../course/course.js';
import { defaultCourseLoaders } from '../course/loaders.js';
import { ProgressStore } from '../course/progress.js';
import { courseOutline, interactiveProblem } from '../ui/headless.js';
import { PROVIDER_NAMES, type ProviderChoice } from '../vault/provider.js';
import { UserError } from '../util/errors.js';
import { mark } from '../util/timing.js';

export interface StartOptions {
  plain?: boolean;
  vault: ProviderChoice;
  vaultBinary?: string;
}

const plainOption = () => new Option('--plain', 'no symbols, emoji or box drawing (screen readers, dumb terminals)');

function addStartOptions(command: Command): Command {
  return command
    .addOption(plainOption())
    .addOption(
      new Option('--vault <provider>', 'where the playground Vault and grading run')
        .choices(['auto', ...PROVIDER_NAMES])
        .default('auto'),
    )
    .addOption(new Option('--vault-binary <path>', 'the vault or bao binary for --vault binary'));
}

/** `secrets-workbook` and `secrets-workbook start [id]`: the course in the terminal UI. */
export function registerStart(program: Command): void {
  addStartOptions(
    program
      .command('start')
      .description('open the course in the terminal UI (also what `secrets-workbook` alone does)')
      .argument('[id]', 'open this lesson or challenge directly'),
  ).action((id: string | undefined, options: StartOptions) => runStart(options, id));
  // Only --plain on the program itself: commander also parses program options after a
  // subcommand, so a program-level --vault would swallow `vault up --vault …` and `grade --vault …`.
  // The default action also receives unknown words; they get commander's own one-line error.
  // (An optional argument rather than allowExcessArguments: subcommands created later would
  // inherit that setting and stop rejecting extra arguments.)
  program
    .addOption(plainOption())
    .argument('[command]', 'one of the commands below; without one, the course opens')
    .usage('[options] [command]')
    .action((word: string | undefined, options: { plain?: boolean }) => {
      if (word) throw new UserError(`unknown command '${word}'`);
      return runStart({ plain: options.plain, vault: 'auto' });
    });
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
