import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChallengeSummary } from '../../course/model.js';
import { challengeEntry } from '../../course/progress.js';
import type { GradeEvent, GradeReport } from '../../grader/index.js';
import { oneLine } from '../../util/errors.js';
import { useApp } from '../app-context.js';
import { useServices } from '../services.js';

export interface ChecklistItem {
  id: string;
  title: string;
  state: 'pending' | 'passed' | 'failed';
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

const OUTPUT_LINES = 5;

/** Reduce the grader's events (src/grader/report.ts) into the live checklist. */
export function applyGradeEvent(run: GradeRun, event: GradeEvent): GradeRun {
  switch (event.type) {
    case 'status':
      return { ...run, status: event.message };
    case 'check-pending':
      return run.checks.some((check) => check.id === event.id)
        ? run
        : { ...run, checks: [...run.checks, { id: event.id, title: event.title, state: 'pending' }] };
    case 'check-done': {
      const item: ChecklistItem = {
        id: event.check.id,
        title: event.check.title,
        state: event.check.passed ? 'passed' : 'failed',
        detail: event.check.detail,
        hint: event.check.hint,
      };
      const exists = run.checks.some((check) => check.id === item.id);
      return {
        ...run,
        checks: exists ? run.checks.map((check) => (check.id === item.id ? item : check)) : [...run.checks, item],
      };
    }
    case 'program-output':
      return { ...run, output: [...run.output, event.line].slice(-OUTPUT_LINES) };
    case 'finished':
      return finish(run, event.report);
    default:
      return run;
  }
}

function finish(run: GradeRun, report: GradeReport): GradeRun {
  // The report is the truth: checks that never emitted events still appear.
  let checks = run.checks;
  for (const check of report.checks) checks = applyGradeEvent({ ...run, checks }, { type: 'check-done', check }).checks;
  return { ...run, checks, report, running: false, status: undefined };
}

export function useGrade(challenge: ChallengeSummary, dir: string | undefined) {
  const { grade, vault } = useServices();
  const { updateProgress } = useApp();
  const [run, setRun] = useState<GradeRun>({ running: false, checks: [], output: [], runs: 0 });
  const controller = useRef<AbortController | undefined>(undefined);
  const again = useRef(false);
  // The grade queued by a change mid-grade starts from the latest `start` (it closes over the latest props).
  const startAgain = useRef<() => void>(() => {});

  const start = useCallback(() => {
    if (!dir) return;
    if (controller.current) {
      // A change arrived mid-grade (watch mode): grade once more when this one ends.
      again.current = true;
      return;
    }
    const abort = new AbortController();
    controller.current = abort;
    setRun((previous) => ({ running: true, checks: [], output: [], runs: previous.runs + 1, status: 'starting…' }));
    // The report is recorded once, as soon as it exists: the grader emits `finished` before it
    // has stopped its Vault, and a learner who leaves the screen then must not lose the result.
    let recorded = false;
    const record = (report: GradeReport) => {
      if (recorded) return;
      recorded = true;
      void updateProgress((progress) => {
        const entry = challengeEntry(progress, challenge.id);
        const now = new Date().toISOString();
        entry.attempts += 1;
        entry.lastGradedAt = now;
        entry.lastFailedChecks = report.checks.filter((check) => !check.passed).map((check) => check.id);
        if (report.passed) {
          entry.passedAt ??= now;
          entry.status = 'done';
        } else if (entry.status === 'new') entry.status = 'in-progress';
      });
    };
    const onEvent = (event: GradeEvent) => {
      if (event.type === 'finished') record(event.report);
      if (!abort.signal.aborted) setRun((previous) => applyGradeEvent(previous, event));
    };
    grade({ challengeId: challenge.id, dir, vault, signal: abort.signal, onEvent })
      .then((report) => {
        record(report);
        if (!abort.signal.aborted) setRun((previous) => finish(previous, report));
      })
      .catch((error: unknown) => {
        if (!abort.signal.aborted)
          setRun((previous) => ({ ...previous, running: false, status: undefined, error: oneLine(error) }));
      })
      .finally(() => {
        if (controller.current === abort) controller.current = undefined;
        if (again.current && !abort.signal.aborted) {
          again.current = false;
          startAgain.current();
        }
      });
  }, [challenge.id, dir, grade, vault, updateProgress]);
  useEffect(() => {
    startAgain.current = start;
  }, [start]);

  const cancel = useCallback(() => {
    again.current = false;
    controller.current?.abort();
    controller.current = undefined;
  }, []);

  useEffect(() => cancel, [cancel]);
  return { run, start, cancel };
}
