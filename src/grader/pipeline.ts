import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadChallenge } from '../course/challenges.js';
import { UserError } from '../util/errors.js';
import type { GradeContext } from './challenge-kind.js';
import { DEFAULT_GRACE_MS, DEFAULT_TIMEOUT_SECONDS, parseTimeoutSeconds, type GradeOptions } from './grade-options.js';
import { kindFor } from './kinds.js';
import { LearnerProgram } from './program/learner-program.js';
import type { GradeEvent, GradeReport } from './report.js';
import { createLeakDetector, scanFolder } from './scanner-port.js';

/**
 * One grade, from options to report. It checks what it is given, routes the challenge to its
 * kind (kinds.ts), and calls the kind's steps in order: prepare → run → judge, then dispose,
 * whatever happened. What a step does is the kind's business (challenge-kind.ts).
 *
 * Events go to `onEvent` as they happen (the checklist, the plain-text reporter); the report is
 * the `grade --json` contract (report.ts). Bad input (an unknown challenge, a missing folder,
 * nothing to run, a Vault that cannot start) throws a UserError: "could not grade", exit 2.
 */
export async function gradeChallenge(options: GradeOptions): Promise<GradeReport> {
  const started = Date.now();
  const emit = listenerGuard(options.onEvent);
  const timeoutSeconds = parseTimeoutSeconds(options.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS);
  const { definition } = await loadChallenge(options.challengeId, options.challengesRoot);
  const dir = await learnerFolder(options.dir);
  const program = await LearnerProgram.detect(dir, {
    cmd: options.cmd,
    timeoutSeconds,
    signal: options.signal,
    emit,
    hidden: options.hidden,
    buildParent: options.buildParent,
    privateGoCache: options.privateGoCache,
  });
  emit({ type: 'status', message: `command: ${program.plan.description}` });

  const context: GradeContext = {
    dir,
    program,
    timeoutSeconds,
    graceMs: options.graceMs ?? DEFAULT_GRACE_MS,
    vault: { choice: options.vault ?? 'auto', binary: options.vaultBinary },
    scanner: {
      createLeakDetector: options.createLeakDetector ?? createLeakDetector,
      scanFolder: options.scanFolder ?? scanFolder,
    },
    signal: options.signal,
    emit,
  };
  const kind = kindFor(definition, context);
  for (const check of kind.plannedChecks) emit({ type: 'check-pending', id: check.id, title: check.title });
  // The build (go build) runs while the kind prepares; the kind waits for it before its run.
  void program.build();
  try {
    await kind.prepare();
    await kind.run();
    const checks = await kind.judge();
    for (const check of checks) emit({ type: 'check-done', check });
    const report: GradeReport = {
      challenge: definition.id,
      passed: checks.every((check) => check.passed),
      vault: kind.vault,
      durationMs: Date.now() - started,
      checks,
    };
    emit({ type: 'finished', report });
    return report;
  } finally {
    await kind.dispose().finally(() => program.dispose());
  }
}

/** A broken listener must not break the grade. */
function listenerGuard(onEvent: ((event: GradeEvent) => void) | undefined): (event: GradeEvent) => void {
  return (event) => {
    try {
      onEvent?.(event);
    } catch {
      // Ignored: the grade goes on.
    }
  };
}

async function learnerFolder(given: string): Promise<string> {
  const dir = resolve(given);
  const isFolder = await stat(dir).then(
    (info) => info.isDirectory(),
    () => false,
  );
  if (!isFolder) throw new UserError(`${dir} is not a folder`);
  return dir;
}
