/**
 * The grader's public entry: `gradeChallenge(options)` grades a learner's program and resolves
 * with the report. The `grade` command, the terminal UI and the classroom call it; it never
 * touches the terminal itself (events go to `onEvent`). The pipeline is in pipeline.ts, and
 * ARCHITECTURE.md follows one grade through the code.
 */
export { gradeChallenge } from './pipeline.js';
export { DEFAULT_GRACE_MS, DEFAULT_TIMEOUT_SECONDS, parseTimeoutSeconds, type GradeOptions } from './grade-options.js';
export type { CheckResult, GradeEvent, GradeReport } from './report.js';
export { NothingToRunError } from './program/learner-program.js';
