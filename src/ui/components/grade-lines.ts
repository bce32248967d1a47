import wrapAnsi from 'wrap-ansi';
import type { GradeRun } from '../hooks/use-grade.js';
import type { Theme } from '../theme.js';

/** The live checklist as lines: spinner → ✓/✗ per check, with the detail and, on failure, the hint. */
export function gradeLines(run: GradeRun, spinner: string, width: number, theme: Theme): string[] {
  const { chalk, symbols } = theme;
  const out: string[] = [];
  const wrap = (text: string, indent = '') =>
    wrapAnsi(text, Math.max(10, width - indent.length), { hard: true })
      .split('\n')
      .map((line) => indent + line);
  if (run.runs === 0 && !run.running) {
    out.push(...wrap('Not graded yet in this session. Press g to grade your program against a fresh Vault.'));
    return out;
  }
  if (run.running && run.status) out.push(...wrap(`${chalk.yellow(spinner)} ${run.status}`));
  for (const check of run.checks) {
    const mark =
      check.state === 'passed'
        ? chalk.green(symbols.pass)
        : check.state === 'failed'
          ? chalk.red(symbols.fail)
          : chalk.yellow(spinner);
    out.push(...wrap(`${mark} ${check.state === 'failed' ? chalk.bold(check.title) : check.title}`));
    if (check.detail) out.push(...wrap(chalk.dim(check.detail), '    '));
    if (check.state === 'failed' && check.hint) out.push(...wrap(`${chalk.yellow('hint:')} ${check.hint}`, '    '));
  }
  if (run.error) {
    out.push('');
    out.push(...wrap(chalk.red(`Could not grade: ${run.error}`)));
  }
  if (run.output.length > 0) {
    out.push('');
    out.push(chalk.dim('Program output (last lines):'));
    for (const line of run.output) out.push(...wrap(chalk.dim(line), '  '));
  }
  if (run.report) {
    out.push('');
    const failed = run.report.checks.filter((check) => !check.passed).length;
    const seconds = (run.report.durationMs / 1000).toFixed(1);
    out.push(
      ...wrap(
        run.report.passed
          ? chalk.green.bold(
              `${symbols.pass} Passed: all ${run.report.checks.length} checks (${seconds} s, ${run.report.vault === 'none' ? 'no' : run.report.vault} Vault). The reference solution is unlocked: press s.`,
            )
          : chalk.red.bold(
              `${symbols.fail} ${failed} of ${run.report.checks.length} checks failed (${seconds} s). Fix the first one and press g again.`,
            ),
      ),
    );
  }
  return out;
}
