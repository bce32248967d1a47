import { isLocalCheck } from '../../course/checks/types.js';
import type { HandsOnStep } from '../../course/model.js';
import type { PlaygroundState } from '../../course/playground.js';
import { renderMarkdown } from '../markdown/render.js';
import type { Theme } from '../theme.js';
import wrapAnsi from 'wrap-ansi';

/** Hands-on steps as lines: a tick (or spinner) per step, what is missing, and what to do. */
export function stepLines(
  steps: HandsOnStep[],
  done: Record<string, boolean>,
  details: Record<string, string>,
  playground: PlaygroundState,
  spinner: string,
  width: number,
  theme: Theme,
  /** Step id → how many of its hints the learner has asked for. */
  hintsShown: Record<string, number> = {},
): string[] {
  const { chalk } = theme;
  const out: string[] = [];
  const finished = steps.filter((step) => done[step.id]).length;
  out.push(chalk.bold(`Hands-on: ${finished} of ${steps.length} done`));
  const needsVault = steps.some((step) => !isLocalCheck(step.check));
  if (!needsVault) {
    out.push(...wrap(chalk.dim('Checked in the folder you started the course in, as you go.'), width));
  } else if (playground.status !== 'up') {
    out.push(
      ...wrap(
        chalk.yellow(
          'These steps are checked against your playground Vault, which is not running: press v to start it.',
        ),
        width,
      ),
    );
  } else {
    out.push(
      ...wrap(
        chalk.dim(
          `Checked live against the playground at ${playground.address}. Press v for the export lines to paste in another terminal.`,
        ),
        width,
      ),
    );
  }
  steps.forEach((step, index) => {
    out.push('');
    const isDone = done[step.id] === true;
    const mark = isDone
      ? chalk.green(theme.symbols.pass)
      : playground.status === 'up' || isLocalCheck(step.check)
        ? chalk.yellow(spinner)
        : theme.symbols.new;
    out.push(...wrap(`${mark} ${chalk.bold(`${index + 1}. ${step.title}`)}`, width));
    const detail = details[step.id];
    if (detail)
      out.push(...wrap(chalk.dim(isDone ? detail : `waiting: ${detail}`), width - 2).map((line) => `  ${line}`));
    for (const line of renderMarkdown(step.instructions, { width: width - 2, theme })) out.push(`  ${line}`);
    const hints = step.hints ?? [];
    const shown = isDone ? 0 : Math.min(hintsShown[step.id] ?? 0, hints.length);
    for (const hint of hints.slice(0, shown)) {
      out.push('', `  ${chalk.bold(`Hint (${hint.level}):`)}`);
      for (const line of renderMarkdown(hint.text, { width: width - 4, theme })) out.push(`    ${line}`);
    }
    if (!isDone && shown < hints.length)
      out.push('', `  ${chalk.dim(`press h for a hint (${hints.length - shown} left: ${hints[shown]!.level} next)`)}`);
  });
  return out;
}

function wrap(text: string, width: number): string[] {
  return wrapAnsi(text, Math.max(10, width), { hard: true }).split('\n');
}
