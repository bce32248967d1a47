import { challengeEntry, type ProgressStore } from '../course/progress.js';
import type { GradeReport } from './report.js';

/**
 * Records a grade in the learner's progress: one more attempt, when, the ids of the checks that
 * failed, `done` from the first pass on (a later failing attempt does not take it away). Only
 * ids, counts and times go in — never a detail, an output line or a secret. Returns the attempts.
 */
export async function recordGrade(
  store: ProgressStore,
  report: GradeReport,
  options: { dir?: string; now?: Date } = {},
): Promise<number> {
  const now = (options.now ?? new Date()).toISOString();
  const progress = await store.update((progress) => {
    const entry = challengeEntry(progress, report.challenge);
    entry.attempts += 1;
    entry.lastGradedAt = now;
    entry.lastFailedChecks = report.checks.filter((check) => !check.passed).map((check) => check.id);
    if (report.passed) {
      entry.status = 'done';
      entry.passedAt ??= now;
    } else if (entry.status !== 'done') {
      entry.status = 'in-progress';
    }
    if (options.dir) entry.workDir = options.dir;
  });
  return challengeEntry(progress, report.challenge).attempts;
}
