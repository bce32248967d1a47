import type { CheckResult, GradeEvent, GradeReport } from '../report.js';

/**
 * Line-by-line text for a terminal or a CI log: the detection and the Vault used, the program's
 * (redacted) output, then one PASS/FAIL line per check with its detail and hint. Words, not
 * emoji; colour only when asked (a TTY without NO_COLOR).
 */
export interface PlainReporterOptions {
  write: (text: string) => void;
  color?: boolean;
  /** Show the program's output lines (on by default). */
  showOutput?: boolean;
}

const CODES = { green: 32, red: 31, dim: 2, bold: 1, yellow: 33 } as const;

export function createPlainReporter(options: PlainReporterOptions): (event: GradeEvent) => void {
  const paint = (code: keyof typeof CODES, text: string) =>
    options.color ? `\u001B[${CODES[code]}m${text}\u001B[0m` : text;
  let outputHeader = false;
  return (event) => {
    switch (event.type) {
      case 'status':
        options.write(`${paint('dim', event.message)}\n`);
        break;
      case 'program-output':
        if (options.showOutput === false) break;
        if (!outputHeader) {
          outputHeader = true;
          options.write(`${paint('dim', 'program output:')}\n`);
        }
        options.write(`${paint('dim', `  | ${event.line}`)}\n`);
        break;
      case 'check-pending':
        break;
      case 'check-done':
        options.write(formatCheck(event.check, paint));
        break;
      case 'finished':
        options.write(formatSummary(event.report, paint));
        break;
    }
  };
}

type Paint = (code: keyof typeof CODES, text: string) => string;

export function formatCheck(check: CheckResult, paint: Paint = (_code, text) => text): string {
  const mark = check.passed ? paint('green', 'PASS') : paint('red', 'FAIL');
  let text = `${mark}  ${paint('bold', check.id)}  ${check.title}\n      ${check.detail}\n`;
  if (!check.passed && check.hint) text += `      ${paint('yellow', 'hint:')} ${check.hint}\n`;
  return text;
}

export function formatSummary(report: GradeReport, paint: Paint = (_code, text) => text): string {
  const passed = report.checks.filter((check) => check.passed).length;
  const verdict = report.passed ? paint('green', 'PASSED') : paint('red', 'FAILED');
  return `${verdict}: ${report.challenge}, ${passed} of ${report.checks.length} checks passed (${(report.durationMs / 1000).toFixed(1)} s, ${report.vault === 'none' ? 'no Vault' : `Vault: ${report.vault}`})\n`;
}
