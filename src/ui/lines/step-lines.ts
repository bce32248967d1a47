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
): string[] {
  const { chalk } = theme;
  const out: string[] = [];
  const finished = steps.filter((step) => done[step.id]).length;
  out.push(chalk.bold(`Hands-on: ${finished} of ${steps.length} done`));
  if (playground.status !== 'up') {
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
      : playground.status === 'up'
        ? chalk.yellow(spinner)
        : theme.symbols.new;
    out.push(...wrap(`${mark} ${chalk.bold(`${index + 1}. ${step.title}`)}`, width));
    const detail = details[step.id];
    if (detail)
      out.push(...wrap(chalk.dim(isDone ? detail : `waiting: ${detail}`), width - 2).map((line) => `  ${line}`));
    for (const line of renderMarkdown(step.instructions, { width: width - 2, theme })) out.push(`  ${line}`);
  });
  return out;
}

function wrap(text: string, width: number): string[] {
  return wrapAnsi(text, Math.max(10, width), { hard: true }).split('\n');
}
