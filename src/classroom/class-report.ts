import pMap from 'p-map';
import * as z from 'zod';
import type { VaultAdmin } from '../vault/admin-client.js';
import { RequestPacer, withPacer } from '../vault/request-pacer.js';
import { shippedChallenges } from './challenges.js';
import { KV_MOUNT, resultPath, resultsFolder, verifiedPath } from './layout.js';
import { joinStatus, type JoinStatus } from './join-status.js';
import { readRegistry } from './registry.js';
import { approleAccessor } from './setup.js';
import { clip, MAX_CHECK_ID, MAX_CHECKS, resultDocumentSchema, resultProblems } from './results.js';

/**
 * Everyone's progress, read from the class Vault with the instructor's token: the student records
 * and every submitted result. Formatting (table, CSV, JSON, HTML) lives in report-format.ts and
 * report-html.ts; this only gathers.
 */
export type CellState = 'passed' | 'failing' | 'not-submitted' | 'unreadable' | 'inconsistent';

export interface ChallengeCell {
  state: CellState;
  /**
   * Who vouches for the result: `self-reported`, written with the student's own token (checked
   * for consistency, not re-graded); `verified`, graded by the instructor's `grade-all` on the
   * instructor's machine (it takes precedence over what the student reported).
   */
  source?: 'self-reported' | 'verified';
  /** Why an inconsistent result does not add up. */
  problems?: string[];
  attempts: number;
  /** The first passing submission. */
  passedAt?: string;
  lastSubmittedAt?: string;
  /** Check ids that failed in the last submission. */
  failedChecks: string[];
  /** On a verified result: what the student self-reported for the same challenge, when they did. */
  selfReported?: CellState;
  /**
   * A verified failure next to a self-reported pass (or a self-reported result that does not add
   * up): a forged result, or one the grade predates. One line saying which.
   */
  conflict?: string;
}

export interface StudentRow {
  id: string;
  name: string;
  email: string;
  /** `pending`: a provision run stopped before this student's handout was confirmed. */
  access: 'active' | 'revoked' | 'pending';
  /** Whether they have joined (logged in) or their unused handout expired; with `joinStatus` only. */
  joined?: JoinStatus;
  results: Record<string, ChallengeCell>;
}

export interface ClassReport {
  generatedAt: string;
  address: string;
  challenges: string[];
  students: StudentRow[];
}

/**
 * The columns are the course's challenges (those this package ships, or `challenges`). Results
 * under other names — a student can write any name into their own results folder — are left out,
 * so nobody can add columns to the projector page. Only when no challenge list is known at all
 * (a bare checkout) are the submitted names used.
 */
export interface ReportOptions {
  concurrency: number;
  now?: () => Date;
  challenges?: string[];
  /** Also ask Vault whether each student has joined (two or three requests more per student). */
  joinStatus?: boolean;
}

export async function collectClassReport(admin: VaultAdmin, options: ReportOptions): Promise<ClassReport> {
  // Under a rate-limit quota the requests in flight adapt to what Vault accepts (request-pacer.ts).
  return withPacer(new RequestPacer(options.concurrency), () => gather(admin, options));
}

async function gather(admin: VaultAdmin, options: ReportOptions): Promise<ClassReport> {
  const known = options.challenges ?? (await shippedChallenges());
  const now = options.now?.() ?? new Date();
  const registry = await readRegistry(admin, { concurrency: options.concurrency });
  const records = [...registry.values()].sort((a, b) => a.id.localeCompare(b.id));
  // One listing says who has verified results at all: a class without grade-all pays one request.
  const verified = new Set(
    (await admin.list(`${KV_MOUNT}/metadata/classroom/verified/`)).map((key) => key.replace(/\/$/, '')),
  );
  const mountAccessor = options.joinStatus && records.length > 0 ? await approleAccessor(admin) : undefined;
  const students = await pMap(
    records,
    async (record): Promise<StudentRow> => {
      const keys = (await admin.list(`${KV_MOUNT}/metadata/${resultsFolder(record.id)}/`)).filter(
        (key) => !key.endsWith('/') && (known.length === 0 || known.includes(key)),
      );
      const results: Record<string, ChallengeCell> = {};
      for (const challenge of keys) results[challenge] = await readCell(admin, record.id, challenge, now);
      for (const challenge of verified.has(record.id) ? known : []) {
        const cell = await readVerified(admin, record.id, challenge, results[challenge]);
        if (cell) results[challenge] = cell;
      }
      const joined = mountAccessor ? await joinStatus(admin, record, mountAccessor, now) : undefined;
      return {
        id: record.id,
        name: record.name,
        email: record.email,
        access: record.status,
        ...(joined ? { joined } : {}),
        results,
      };
    },
    { concurrency: options.concurrency },
  );
  const seen = new Set(known);
  for (const student of students) for (const challenge of Object.keys(student.results)) seen.add(challenge);
  const challenges = known.length > 0 ? [...known] : [...seen].sort();
  for (const student of students) {
    for (const challenge of challenges)
      student.results[challenge] ??= { state: 'not-submitted', attempts: 0, failedChecks: [] };
  }
  return { generatedAt: now.toISOString(), address: admin.address, challenges, students };
}

/**
 * One stored result, as the report shows it. Texts are cut here too (not only on submit): a result
 * written by hand with the student's token can hold megabytes in a check id.
 */
async function readCell(admin: VaultAdmin, id: string, challenge: string, now: Date): Promise<ChallengeCell> {
  const found = await admin.kvGet(KV_MOUNT, resultPath(id, challenge));
  const parsed = found ? resultDocumentSchema.safeParse(found.data) : undefined;
  if (!parsed?.success) return { state: 'unreadable', attempts: 0, failedChecks: [] };
  const result = parsed.data;
  const failedChecks = result.report.checks
    .filter((check) => !check.passed)
    .slice(0, MAX_CHECKS)
    .map((check) => clip(check.id, MAX_CHECK_ID));
  const problems = resultProblems(result, { student: id, challenge, now });
  if (problems.length > 0)
    return { state: 'inconsistent', source: 'self-reported', attempts: 0, failedChecks, problems };
  return {
    state: result.passedAt ? 'passed' : 'failing',
    source: 'self-reported',
    attempts: result.attempts,
    ...(result.passedAt ? { passedAt: result.passedAt } : {}),
    lastSubmittedAt: result.submittedAt,
    failedChecks,
  };
}

/** A result grade-all wrote with the instructor's token, if there is one for this challenge. */
async function readVerified(
  admin: VaultAdmin,
  id: string,
  challenge: string,
  reported: ChallengeCell | undefined,
): Promise<ChallengeCell | undefined> {
  const found = await admin.kvGet(KV_MOUNT, verifiedPath(id, challenge));
  const parsed = verifiedSchema.safeParse(found?.data);
  if (!parsed.success) return undefined;
  const { passed, gradedAt, report } = parsed.data;
  const conflict = passed ? undefined : conflictWith(reported, gradedAt);
  return {
    state: passed ? 'passed' : 'failing',
    source: 'verified',
    attempts: reported?.attempts ?? 0,
    ...(passed ? { passedAt: gradedAt } : {}),
    lastSubmittedAt: gradedAt,
    failedChecks: report.checks.filter((check) => !check.passed).map((check) => check.id),
    ...(reported ? { selfReported: reported.state } : {}),
    ...(conflict ? { conflict } : {}),
  };
}

/**
 * Why a verified failure and what the student reported disagree, if they do. A pass reported
 * before the grade contradicts it (a forged result, or a submission folder that is not what the
 * student graded); one reported after it may be a real fix the grade has not seen yet.
 */
export function conflictWith(reported: ChallengeCell | undefined, gradedAt: string): string | undefined {
  if (reported?.state === 'inconsistent')
    return `self-reported result does not add up (${(reported.problems ?? []).join('; ')}); verified failing`;
  if (reported?.state !== 'passed') return undefined;
  const reportedAt = Date.parse(reported.passedAt ?? '');
  return reportedAt > Date.parse(gradedAt)
    ? 'self-reported passed after the verified grade found it failing: grade again'
    : 'self-reported passed, verified failing';
}

const verifiedSchema = z.object({
  passed: z.boolean(),
  gradedAt: z.string(),
  report: z.object({ checks: z.array(z.object({ id: z.string(), passed: z.boolean() })) }),
});

export interface ClassTotals {
  students: number;
  /** Per challenge: how many passed, are failing, have not submitted. */
  perChallenge: Record<string, { passed: number; failing: number; notSubmitted: number; conflicts: number }>;
}

export function totals(report: ClassReport): ClassTotals {
  const perChallenge: ClassTotals['perChallenge'] = {};
  for (const challenge of report.challenges) {
    const counts = { passed: 0, failing: 0, notSubmitted: 0, conflicts: 0 };
    for (const student of report.students) {
      const state = student.results[challenge]?.state ?? 'not-submitted';
      if (student.results[challenge]?.conflict) counts.conflicts += 1;
      if (state === 'passed') counts.passed += 1;
      else if (state === 'not-submitted') counts.notSubmitted += 1;
      else counts.failing += 1;
    }
    perChallenge[challenge] = counts;
  }
  return { students: report.students.length, perChallenge };
}
