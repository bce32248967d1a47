import * as z from 'zod';

/**
 * A submitted result as stored at secret/results/<student>/<challenge> (KV v2; each submission is
 * a new version). It is the `grade --json` report (which never holds a secret value) plus the
 * attempt count and times. The report collector parses leniently: a malformed document (written
 * by hand with the student's token) shows as "unreadable", it does not break the class report.
 */
const checkSchema = z.object({
  id: z.string(),
  title: z.string(),
  passed: z.boolean(),
  detail: z.string().default(''),
  hint: z.string().default(''),
});

export const resultDocumentSchema = z.object({
  format: z.literal(1),
  student: z.string(),
  challenge: z.string(),
  passed: z.boolean(),
  attempts: z.number().int().positive(),
  submittedAt: z.string(),
  firstSubmittedAt: z.string(),
  /** The first submission that passed; stays set when a later attempt fails. */
  passedAt: z.string().optional(),
  report: z.object({
    challenge: z.string(),
    passed: z.boolean(),
    vault: z.string(),
    durationMs: z.number(),
    checks: z.array(checkSchema),
  }),
  tool: z.string().optional(),
});

export type ResultDocument = z.infer<typeof resultDocumentSchema>;

export const CHALLENGE_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;
/** Check texts are capped so a chatty report cannot bloat the class Vault. */
export const MAX_TEXT = 500;
export const MAX_CHECKS = 50;
export const MAX_CHECK_ID = 80;

export function clip(text: string, max = MAX_TEXT): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;
/** Clocks differ a little between a student's machine and the instructor's. */
const CLOCK_SKEW_MS = 10 * 60_000;

/**
 * What does not add up in a stored result. Every result is written with the student's own token,
 * so a student can store anything their policy allows: a pass whose checks failed, times in the
 * future, another student's name. The report shows such a result as inconsistent, not as passed.
 */
export function resultProblems(
  result: ResultDocument,
  expected: { student: string; challenge: string; now: Date },
): string[] {
  const problems: string[] = [];
  if (result.student !== expected.student) problems.push('written for another student');
  if (result.challenge !== expected.challenge || result.report.challenge !== expected.challenge)
    problems.push('written for another challenge');
  if (result.passed !== result.report.passed) problems.push('the pass does not match the report');
  const allChecksPassed = result.report.checks.length > 0 && result.report.checks.every((check) => check.passed);
  if (result.report.passed !== allChecksPassed)
    problems.push(result.report.passed ? 'passed with failing or no checks' : 'failed with every check passing');
  const times = {
    submittedAt: result.submittedAt,
    firstSubmittedAt: result.firstSubmittedAt,
    passedAt: result.passedAt,
  };
  const parsed: Record<string, number> = {};
  for (const [name, value] of Object.entries(times)) {
    if (value === undefined) continue;
    if (!ISO_TIME.test(value) || Number.isNaN(Date.parse(value))) problems.push(`${name} is not a time`);
    else if (Date.parse(value) > expected.now.getTime() + CLOCK_SKEW_MS) problems.push(`${name} is in the future`);
    else parsed[name] = Date.parse(value);
  }
  if (parsed.firstSubmittedAt !== undefined && parsed.submittedAt !== undefined) {
    if (parsed.firstSubmittedAt > parsed.submittedAt) problems.push('first submitted after the last submission');
    if (
      parsed.passedAt !== undefined &&
      (parsed.passedAt < parsed.firstSubmittedAt || parsed.passedAt > parsed.submittedAt)
    )
      problems.push('passed outside its submissions');
  }
  if (result.passed && result.passedAt === undefined) problems.push('passed without a time');
  if (result.attempts > 100_000) problems.push('an impossible number of attempts');
  return problems;
}
