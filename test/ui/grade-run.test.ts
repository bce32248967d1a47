import { describe, expect, it } from 'vitest';
import type { GradeReport } from '../../src/grader/report.js';
import { gradeRunReducer, IDLE_RUN, type GradeRun } from '../../src/ui/grade-run.js';
import { folderProblem } from '../../src/ui/hooks/use-grade.js';
import { gradeLines } from '../../src/ui/lines/grade-lines.js';
import { createTheme } from '../../src/ui/theme.js';

const theme = createTheme({ env: { NO_COLOR: '1' } });
const login = { id: 'login', title: 'Logs in', passed: true, detail: 'logged in', hint: '' };

function pending(): GradeRun {
  let run = gradeRunReducer(IDLE_RUN, { type: 'started' });
  run = gradeRunReducer(run, { type: 'event', event: { type: 'status', message: 'starting Vault' } });
  run = gradeRunReducer(run, { type: 'event', event: { type: 'check-pending', id: 'login', title: 'Logs in' } });
  return gradeRunReducer(run, { type: 'event', event: { type: 'check-pending', id: 'read', title: 'Reads' } });
}

describe('the live checklist (a pure reducer over the grade events)', () => {
  it('a grade that could not run (Vault did not start) stops every spinner and says why', () => {
    const run = gradeRunReducer(pending(), { type: 'failed', error: 'no Vault provider could start (docker: …)' });
    expect(run).toMatchObject({
      running: false,
      status: undefined,
      error: 'no Vault provider could start (docker: …)',
    });
    expect(run.checks.map((check) => check.state)).toEqual(['skipped', 'skipped']);
    const text = gradeLines(run, '⠋', 80, theme).join('\n');
    expect(text).not.toContain('⠋');
    expect(text).toContain('– Logs in (not checked)');
    expect(text).toContain('Could not grade: no Vault provider could start');
  });

  it('the report is the truth: checks it has replace pending ones, pending ones it lacks are skipped', () => {
    const report: GradeReport = {
      challenge: 'approle',
      passed: false,
      vault: 'embedded',
      durationMs: 900,
      checks: [login],
    };
    const run = gradeRunReducer(pending(), { type: 'finished', report });
    expect(run.checks).toEqual([
      { id: 'login', title: 'Logs in', state: 'passed', detail: 'logged in', hint: '' },
      { id: 'read', title: 'Reads', state: 'skipped' },
    ]);
    expect(gradeLines(run, '⠋', 80, theme).join('\n')).not.toContain('⠋');
  });

  it('keeps the last five output lines and counts the runs', () => {
    let run = pending();
    for (let i = 1; i <= 7; i++)
      run = gradeRunReducer(run, {
        type: 'event',
        event: { type: 'program-output', stream: 'stdout', line: `line ${i}` },
      });
    expect(run.output).toEqual(['line 3', 'line 4', 'line 5', 'line 6', 'line 7']);
    run = gradeRunReducer(run, { type: 'started' });
    expect(run).toMatchObject({ runs: 2, checks: [], output: [], running: true });
  });
});

describe('a work folder that cannot be graded', () => {
  it('says which folder, why, and the two ways on', () => {
    expect(folderProblem('approle', { dir: '/w/approle', recorded: true }, 'folder')).toBeUndefined();
    expect(folderProblem('approle', { dir: '/w/approle', recorded: false }, 'missing')).toBe(
      '/w/approle does not exist yet: press i to create it from a starter, or grade your own folder once with `secrets-workbook grade approle <folder>` (the course then grades that one)',
    );
    expect(folderProblem('approle', { dir: '/w/mine', recorded: true }, 'missing')).toMatch(
      /^your work folder \/w\/mine is gone: press i to create it again from a starter, or grade your own folder/,
    );
    expect(folderProblem('approle', { dir: '/w/file.txt', recorded: true }, 'not-a-folder')).toMatch(
      /^\/w\/file\.txt is not a folder: grade your own folder once with `secrets-workbook grade approle <folder>`/,
    );
  });
});
