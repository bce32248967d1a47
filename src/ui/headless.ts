import type { Course } from '../course/course.js';
import { challengeStatus, courseCompletion, lessonStatus } from '../course/progress-rules.js';
import { STARTER_LANGUAGES } from '../course/model.js';
import { statusLabel, type Progress } from '../course/progress.js';

export interface TerminalFacts {
  stdinIsTTY: boolean | undefined;
  stdoutIsTTY: boolean | undefined;
  env: NodeJS.ProcessEnv;
}

/**
 * Interactive only when both ends are terminals, the terminal can redraw, and no CI variable is
 * set (Ink switches to last-frame mode under CI or any CI_* variable: ARCHITECTURE.md, Traps). Decided
 * before Ink is even imported, so a pipe never meets raw mode.
 */
export function interactiveProblem({ stdinIsTTY, stdoutIsTTY, env }: TerminalFacts): string | undefined {
  if (!stdinIsTTY) return 'standard input is not a terminal';
  if (!stdoutIsTTY) return 'standard output is not a terminal';
  if (inCi(env)) return 'a CI environment variable is set';
  if (env.TERM === 'dumb') return 'TERM is dumb (the UI redraws the screen)';
  return undefined;
}

export function inCi(env: NodeJS.ProcessEnv): boolean {
  if (env.CI === '0' || env.CI === 'false') return false;
  return 'CI' in env || 'CONTINUOUS_INTEGRATION' in env || Object.keys(env).some((name) => name.startsWith('CI_'));
}

/** Every command, as the README's table lists them: the outline's last part. */
const COMMANDS: ReadonlyArray<[usage: string, what: string]> = [
  ['', 'the course (in a terminal)'],
  ['start [id]', 'open a lesson or challenge'],
  ['list [--json]', 'your status on every item'],
  ['reset [id | --all]', 'erase progress (asks first)'],
  ['progress export|import F', 'move your progress elsewhere'],
  ['init <challenge> --lang L', `copy a starter (L: ${STARTER_LANGUAGES.join('|')})`],
  ['grade <challenge> [dir]', 'grade your program'],
  ['vault up', 'a playground Vault'],
  ['doctor', 'which Vault providers work here'],
  ['scan [paths...]', 'find hardcoded secrets'],
  ['hook install|uninstall', 'a pre-commit hook: scan --staged'],
  ['classroom <command>', 'a class on one shared Vault'],
];
const USAGE_WIDTH = 25;

/** One line per command within 80 columns; a long one puts its description under it. */
function commandLines([usage, what]: readonly [string, string]): string[] {
  const command = `  secrets-workbook ${usage.padEnd(USAGE_WIDTH)}  `;
  return command.length + what.length <= 80 ? [command + what] : [`  secrets-workbook ${usage}`, `      ${what}`];
}

/** The course outline and the commands, in plain text: what a pipe, a CI log or a dumb terminal gets. */
export function courseOutline(course: Course, progress: Progress, why?: string): string {
  const lines: string[] = [];
  const completion = courseCompletion(course, progress);
  lines.push(
    `secrets-workbook: secrets management for API developers (${completion.done} of ${completion.total} done)`,
  );
  if (why) lines.push(`The interactive course needs a terminal (${why}); here is the outline instead.`);
  lines.push('', 'Lessons:');
  course.lessons.forEach((lesson, index) => {
    const minutes = lesson.minutes ? `, ${lesson.minutes} min` : '';
    lines.push(
      `  ${index + 1}. ${lesson.title} [${lesson.id}] (${statusLabel(lessonStatus(lesson, progress))}${minutes})`,
    );
  });
  if (course.lessons.length === 0) lines.push('  (none found)');
  lines.push('', 'Challenges:');
  for (const challenge of course.challenges) {
    lines.push(`  - ${challenge.title} [${challenge.id}] (${statusLabel(challengeStatus(challenge, progress))})`);
  }
  if (course.challenges.length === 0) lines.push('  (none found)');
  lines.push('', 'Commands:', ...COMMANDS.flatMap(commandLines), '', 'Every command takes --help.');
  return `${lines.join('\n')}\n`;
}
