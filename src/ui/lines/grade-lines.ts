import wrapAnsi from 'wrap-ansi';
import type { ChecklistItem, GradeRun } from '../grade-run.js';
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
    const title = check.state === 'failed' ? chalk.bold(check.title) : check.title;
    out.push(
      ...wrap(
        `${checkMark(check, spinner, theme)} ${title}${check.state === 'skipped' ? chalk.dim(' (not checked)') : ''}`,
      ),
    );
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

function checkMark(check: ChecklistItem, spinner: string, { chalk, symbols }: Theme): string {
  switch (check.state) {
    case 'passed':
      return chalk.green(symbols.pass);
    case 'failed':
      return chalk.red(symbols.fail);
    case 'skipped':
      return chalk.dim(symbols.skipped);
    case 'pending':
      return chalk.yellow(spinner);
  }
}
