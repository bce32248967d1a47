import type { GradeReport } from '../grader/report.js';
import { VaultAdmin, VaultApiError } from '../vault/admin-client.js';
import { UserError } from '../util/errors.js';
import { addressesOf } from '../vault/address-list.js';
import { safeText } from '../util/terminal-text.js';
import { shippedChallenges } from './challenges.js';
import { packageVersion } from '../util/package-info.js';
import { loadClassroomCredentials, type ClassroomCredentials } from './credentials.js';
import { APPROLE_MOUNT, KV_MOUNT, resultPath, studentIdFromRole } from './layout.js';
import {
  CHALLENGE_ID_PATTERN,
  clip,
  MAX_CHECK_ID,
  MAX_CHECKS,
  resultDocumentSchema,
  type ResultDocument,
} from './results.js';

/**
 * `grade --submit`: log in to the class Vault with the student's own AppRole credentials, write
 * the grade report (never a secret) to the student's own results path, and revoke the login token.
 * The student id is not taken from the caller: it is the role the credentials log in as, so a
 * student can only ever submit as themselves (their policy allows nothing else anyway).
 */
export interface SubmitOptions {
  /** Local attempt count (progress file): the stored count is at least this. */
  localAttempts?: number;
  now?: () => Date;
}

export interface SubmittedResult {
  studentId: string;
  challenge: string;
  passed: boolean;
  attempts: number;
  /** KV version written (one per submission). */
  version: number;
  address: string;
  submittedAt: string;
}

const CAS_RETRIES = 4;

export async function submitResult(
  report: GradeReport,
  credentials: ClassroomCredentials,
  options: SubmitOptions = {},
): Promise<SubmittedResult> {
  if (!CHALLENGE_ID_PATTERN.test(report.challenge))
    throw new UserError(`cannot submit: ${safeText(JSON.stringify(report.challenge))} is not a challenge id`);
  const known = await shippedChallenges();
  if (known.length > 0 && !known.includes(report.challenge))
    throw new UserError(`cannot submit: this course has no challenge "${report.challenge}"`);
  const allChecksPassed = report.checks.length > 0 && report.checks.every((check) => check.passed);
  if (report.passed !== allChecksPassed)
    throw new UserError(
      `cannot submit: the report says ${report.passed ? 'passed' : 'failed'} but ${report.checks.length === 0 ? 'has no checks' : `${report.checks.filter((check) => !check.passed).length} of its ${report.checks.length} checks failed`}; submit the report grade wrote`,
    );
  const student = new VaultAdmin(addressesOf(credentials.address));
  const auth = await login(student, credentials);
  try {
    const studentId = studentIdFromRole(auth.metadata?.role_name);
    if (!studentId)
      throw new UserError(
        'these credentials do not belong to a classroom student role; use the handout from your instructor',
      );
    const path = resultPath(studentId, report.challenge);
    for (let attempt = 1; ; attempt++) {
      const existing = await student.kvGet(KV_MOUNT, path);
      const previous = existing ? resultDocumentSchema.safeParse(existing.data) : undefined;
      const document = nextDocument(report, studentId, previous?.success ? previous.data : undefined, options);
      try {
        // Check-and-set on the version read: two submissions at once both count as attempts.
        const { version } = await student.kvPutCas(KV_MOUNT, path, document, existing?.version ?? 0);
        return {
          studentId,
          challenge: report.challenge,
          passed: report.passed,
          attempts: document.attempts,
          version,
          address: credentials.address,
          submittedAt: document.submittedAt,
        };
      } catch (error) {
        const casMismatch =
          error instanceof VaultApiError && error.status === 400 && /check-and-set/.test(error.message);
        if (!casMismatch || attempt >= CAS_RETRIES) throw explain(error, credentials);
      }
    }
  } finally {
    // The token was for this one submission; do not leave it valid for its whole TTL.
    await student.revokeSelf().catch(() => undefined);
  }
}

/** Load the credentials (environment, else the join file) and submit: what `grade --submit` calls. */
export async function submitToClass(
  report: GradeReport,
  options: SubmitOptions & { env?: NodeJS.ProcessEnv; credentialsFile?: string } = {},
): Promise<SubmittedResult> {
  const credentials = await loadClassroomCredentials({ env: options.env, file: options.credentialsFile });
  return submitResult(report, credentials, options);
}

/** One line for the terminal after a submission. */
export function describeSubmission(result: SubmittedResult): string {
  const outcome = result.passed ? 'passed' : 'not passed yet';
  return `submitted ${result.challenge} (${outcome}, attempt ${result.attempts}) to the class Vault at ${result.address} as ${result.studentId}`;
}

function nextDocument(
  report: GradeReport,
  studentId: string,
  previous: ResultDocument | undefined,
  options: SubmitOptions,
): ResultDocument {
  const now = (options.now?.() ?? new Date()).toISOString();
  const attempts = Math.max((previous?.attempts ?? 0) + 1, options.localAttempts ?? 0);
  return {
    format: 1,
    student: studentId,
    challenge: report.challenge,
    passed: report.passed,
    attempts,
    submittedAt: now,
    firstSubmittedAt: previous?.firstSubmittedAt ?? now,
    ...(previous?.passedAt ? { passedAt: previous.passedAt } : report.passed ? { passedAt: now } : {}),
    report: {
      challenge: report.challenge,
      passed: report.passed,
      vault: clip(report.vault, 40),
      durationMs: report.durationMs,
      checks: report.checks.slice(0, MAX_CHECKS).map((check) => ({
        id: clip(check.id, MAX_CHECK_ID),
        title: clip(check.title, 200),
        passed: check.passed,
        detail: clip(check.detail),
        hint: clip(check.hint),
      })),
    },
    tool: `secrets-workbook ${packageVersion()}`,
  };
}

async function login(student: VaultAdmin, credentials: ClassroomCredentials) {
  try {
    return await student.appRoleLogin(credentials.roleId, credentials.secretId, APPROLE_MOUNT);
  } catch (error) {
    if (error instanceof VaultApiError && (error.status === 400 || error.status === 403)) {
      throw new UserError(
        `the class Vault refused your credentials (${error.message}): they may have been revoked; ask your instructor for a new handout`,
      );
    }
    throw explain(error, credentials);
  }
}

function explain(error: unknown, credentials: ClassroomCredentials): Error {
  if (error instanceof UserError) return error;
  if (error instanceof VaultApiError && error.status === 403) {
    return new UserError(
      `the class Vault denied writing your result (${error.message}); your instructor may have revoked your access`,
    );
  }
  if (error instanceof VaultApiError)
    return new UserError(`the class Vault answered ${error.status}: ${error.message}`);
  return new UserError(`could not reach the class Vault at ${credentials.address}: ${(error as Error).message}`);
}
