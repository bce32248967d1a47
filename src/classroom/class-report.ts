import { readdir } from 'node:fs/promises';
import pMap from 'p-map';
import type { VaultAdmin } from '../vault/admin-client.js';
import { challengesDir } from '../util/package-info.js';
import { KV_MOUNT, resultPath, resultsFolder } from './layout.js';
import { readRegistry } from './registry.js';
import { resultDocumentSchema } from './results.js';

/**
 * Everyone's progress, read from the class Vault with the instructor's token: the student records
 * and every submitted result. Formatting (table, CSV, JSON, HTML) lives in report-format.ts and
 * report-html.ts; this only gathers.
 */
export type CellState = 'passed' | 'failing' | 'not-submitted' | 'unreadable';

export interface ChallengeCell {
  state: CellState;
  attempts: number;
  /** The first passing submission. */
  passedAt?: string;
  lastSubmittedAt?: string;
  /** Check ids that failed in the last submission. */
  failedChecks: string[];
}

export interface StudentRow {
  id: string;
  name: string;
  email: string;
  access: 'active' | 'revoked';
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
export async function collectClassReport(
  admin: VaultAdmin,
  options: { concurrency: number; now?: () => Date; challenges?: string[] },
): Promise<ClassReport> {
  const known = options.challenges ?? (await shippedChallenges());
  const registry = await readRegistry(admin, { concurrency: options.concurrency });
  const records = [...registry.values()].sort((a, b) => a.id.localeCompare(b.id));
  const students = await pMap(
    records,
    async (record): Promise<StudentRow> => {
      const keys = (await admin.list(`${KV_MOUNT}/metadata/${resultsFolder(record.id)}/`)).filter(
        (key) => !key.endsWith('/') && (known.length === 0 || known.includes(key)),
      );
      const results: Record<string, ChallengeCell> = {};
      for (const challenge of keys) results[challenge] = await readCell(admin, record.id, challenge);
      return { id: record.id, name: record.name, email: record.email, access: record.status, results };
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
  return { generatedAt: (options.now?.() ?? new Date()).toISOString(), address: admin.address, challenges, students };
}

async function readCell(admin: VaultAdmin, id: string, challenge: string): Promise<ChallengeCell> {
  const found = await admin.kvGet(KV_MOUNT, resultPath(id, challenge));
  const parsed = found ? resultDocumentSchema.safeParse(found.data) : undefined;
  if (!parsed?.success) return { state: 'unreadable', attempts: 0, failedChecks: [] };
  const result = parsed.data;
  return {
    state: result.passedAt ? 'passed' : 'failing',
    attempts: result.attempts,
    ...(result.passedAt ? { passedAt: result.passedAt } : {}),
    lastSubmittedAt: result.submittedAt,
    failedChecks: result.report.checks.filter((check) => !check.passed).map((check) => check.id),
  };
}

/** The challenges this package ships, so the report has a column even before anyone submits. */
async function shippedChallenges(): Promise<string[]> {
  try {
    const entries = await readdir(challengesDir, { withFileTypes: true });
    return entries
      .filter((entry) => entry.isDirectory() && /^[a-z0-9][a-z0-9_-]*$/.test(entry.name))
      .map((entry) => entry.name);
  } catch {
    return [];
  }
}

export interface ClassTotals {
  students: number;
  /** Per challenge: how many passed, are failing, have not submitted. */
  perChallenge: Record<string, { passed: number; failing: number; notSubmitted: number }>;
}

export function totals(report: ClassReport): ClassTotals {
  const perChallenge: ClassTotals['perChallenge'] = {};
  for (const challenge of report.challenges) {
    const counts = { passed: 0, failing: 0, notSubmitted: 0 };
    for (const student of report.students) {
      const state = student.results[challenge]?.state ?? 'not-submitted';
      if (state === 'passed') counts.passed += 1;
      else if (state === 'not-submitted') counts.notSubmitted += 1;
      else counts.failing += 1;
    }
    perChallenge[challenge] = counts;
  }
  return { students: report.students.length, perChallenge };
}
