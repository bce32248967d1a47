import { loadCourse } from '../course/course.js';
import { defaultCourseLoaders } from '../course/loaders.js';
import { ProgressStore } from '../course/progress.js';
import { courseOutline, interactiveProblem } from '../ui/headless.js';
import type { ProviderChoice } from '../vault/provider.js';
import { UserError } from '../util/errors.js';
import { mark } from '../util/timing.js';

/**
 * The course itself: the terminal UI, or its outline where there is no terminal. Reached through
 * `start` and through `secrets-workbook` alone, which skips commander altogether (cli.ts): this
 * module imports nothing of it, so the bare command's first frame does not pay for the parser.
 */
export interface StartOptions {
  plain?: boolean;
  vault: ProviderChoice;
  vaultBinary?: string;
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
