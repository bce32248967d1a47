import type { GradeEvent, GradeReport } from '../grader/report.js';

/**
 * The challenge screen's live checklist: a pure reducer over the grader's event contract
 * (src/grader/report.ts). A grade ends with the report, which is the truth, or with the reason it
 * could not run; either way nothing is left spinning.
 */
export interface ChecklistItem {
  id: string;
  title: string;
  /** `skipped`: the grade stopped (Vault could not start, the program could not run) before this check. */
  state: 'pending' | 'passed' | 'failed' | 'skipped';
  detail?: string;
  hint?: string;
}

export interface GradeRun {
  running: boolean;
  status?: string;
  checks: ChecklistItem[];
  /** The program's last output lines, as the grader streams them. */
  output: string[];
  report?: GradeReport;
  error?: string;
  /** How many grades ran in this session (watch mode counts them). */
  runs: number;
}

export type GradeRunAction =
  | { type: 'started' }
  | { type: 'event'; event: GradeEvent }
  | { type: 'finished'; report: GradeReport }
  | { type: 'failed'; error: string }
  /** The work folder changed (i created it): why the last grade could not run no longer holds. */
  | { type: 'folder-changed' };

export const IDLE_RUN: GradeRun = { running: false, checks: [], output: [], runs: 0 };

const OUTPUT_LINES = 5;

export function gradeRunReducer(run: GradeRun, action: GradeRunAction): GradeRun {
  switch (action.type) {
    case 'started':
      return { running: true, checks: [], output: [], runs: run.runs + 1, status: 'starting…' };
    case 'event':
      return applyGradeEvent(run, action.event);
    case 'finished':
      return finish(run, action.report);
    case 'failed':
      return {
        ...run,
        running: false,
        status: undefined,
        error: action.error,
        checks: run.checks.map((check) => (check.state === 'pending' ? { ...check, state: 'skipped' } : check)),
      };
    case 'folder-changed':
      return run.error && !run.running ? { ...run, error: undefined } : run;
  }
}

function applyGradeEvent(run: GradeRun, event: GradeEvent): GradeRun {
  switch (event.type) {
    case 'status':
      return { ...run, status: event.message };
    case 'check-pending':
      return run.checks.some((check) => check.id === event.id)
        ? run
        : { ...run, checks: [...run.checks, { id: event.id, title: event.title, state: 'pending' }] };
    case 'check-done':
      return { ...run, checks: upsert(run.checks, event.check) };
    case 'program-output':
      return { ...run, output: [...run.output, event.line].slice(-OUTPUT_LINES) };
    case 'finished':
      return finish(run, event.report);
  }
}

function upsert(checks: ChecklistItem[], check: GradeReport['checks'][number]): ChecklistItem[] {
  const item: ChecklistItem = {
    id: check.id,
    title: check.title,
    state: check.passed ? 'passed' : 'failed',
    detail: check.detail,
    hint: check.hint,
  };
  return checks.some((existing) => existing.id === item.id)
    ? checks.map((existing) => (existing.id === item.id ? item : existing))
    : [...checks, item];
}

/** The report is the truth: checks that never emitted events still appear, pending ones that it lacks are skipped. */
function finish(run: GradeRun, report: GradeReport): GradeRun {
  let checks = run.checks;
  for (const check of report.checks) checks = upsert(checks, check);
  checks = checks.map((check) => (check.state === 'pending' ? { ...check, state: 'skipped' } : check));
  return { ...run, checks, report, running: false, status: undefined };
}
