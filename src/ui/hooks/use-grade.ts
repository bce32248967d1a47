import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { WorkFolder } from '../../course/work-folder.js';
import type { GradeEvent, GradeReport } from '../../grader/report.js';
import { oneLine } from '../../util/errors.js';
import { useAppState } from '../app-state.js';
import { gradeRunReducer, IDLE_RUN } from '../grade-run.js';
import { useServices } from '../services.js';

/**
 * Grades `folder` for the challenge (g, and watch mode): the live checklist, and the result
 * recorded in progress once, as soon as the report exists. A change that arrives mid-grade
 * queues one more grade.
 */
export function useGrade(challengeId: string, folder: WorkFolder) {
  const { grade, vault, folderKind } = useServices();
  const { record } = useAppState();
  const [run, dispatch] = useReducer(gradeRunReducer, IDLE_RUN);
  const controller = useRef<AbortController | undefined>(undefined);
  const again = useRef(false);
  // The grade queued by a change mid-grade starts from the latest `start` (it closes over the latest props).
  const startAgain = useRef<() => void>(() => {});

  const gradeOnce = useCallback(
    async (abort: AbortController) => {
      const problem = folderProblem(challengeId, folder, await folderKind(folder.dir));
      if (problem) throw new Error(problem);
      // The grader emits `finished` before it has stopped its Vault: a learner who leaves the
      // screen then must not lose the result, so it is recorded on whichever comes first.
      let recorded = false;
      const recordOnce = (report: GradeReport) => {
        if (recorded) return;
        recorded = true;
        void record({ type: 'graded', outcome: report, dir: folder.dir });
      };
      const onEvent = (event: GradeEvent) => {
        if (event.type === 'finished') recordOnce(event.report);
        if (!abort.signal.aborted) dispatch({ type: 'event', event });
      };
      const report = await grade({ challengeId, dir: folder.dir, vault, signal: abort.signal, onEvent });
      recordOnce(report);
      return report;
    },
    [challengeId, folder, folderKind, grade, vault, record],
  );

  const start = useCallback(() => {
    if (controller.current) {
      again.current = true;
      return;
    }
    const abort = new AbortController();
    controller.current = abort;
    dispatch({ type: 'started' });
    gradeOnce(abort)
      .then(
        (report) => !abort.signal.aborted && dispatch({ type: 'finished', report }),
        (error: unknown) => !abort.signal.aborted && dispatch({ type: 'failed', error: oneLine(error) }),
      )
      .finally(() => {
        if (controller.current === abort) controller.current = undefined;
        if (again.current && !abort.signal.aborted) {
          again.current = false;
          startAgain.current();
        }
      });
  }, [gradeOnce]);
  useEffect(() => {
    startAgain.current = start;
  }, [start]);

  const cancel = useCallback(() => {
    again.current = false;
    controller.current?.abort();
    controller.current = undefined;
  }, []);

  useEffect(() => cancel, [cancel]);
  // "does not exist yet: press i" must not stay on screen once i has created the folder.
  useEffect(() => dispatch({ type: 'folder-changed' }), [folder.dir, folder.recorded]);
  return { run, start, cancel };
}

/** Why `folder` cannot be graded, in one line that says which folder and what to do; undefined when it can. */
export function folderProblem(challengeId: string, folder: WorkFolder, kind: string): string | undefined {
  if (kind === 'folder') return undefined;
  const elsewhere = `grade your own folder once with \`secrets-workbook grade ${challengeId} <folder>\` (the course then grades that one)`;
  if (kind === 'not-a-folder') return `${folder.dir} is not a folder: ${elsewhere}`;
  return folder.recorded
    ? `your work folder ${folder.dir} is gone: press i to create it again from a starter, or ${elsewhere}`
    : `${folder.dir} does not exist yet: press i to create it from a starter, or ${elsewhere}`;
}
