import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import pMap from 'p-map';
import { gradeChallenge, NothingToRunError, type GradeReport } from '../grader/index.js';
import type { VaultAdmin } from '../vault/admin-client.js';
import type { ProviderChoice, ProviderName } from '../vault/provider.js';
import { selectProvider } from '../vault/select.js';
import { oneLine, UserError } from '../util/errors.js';
import { safeText } from '../util/terminal-text.js';
import { packageVersion } from '../util/package-info.js';
import { classFolders, openGradingRoom, requireSandbox } from './grading-room.js';
import { KV_MOUNT, verifiedPath } from './layout.js';
import { readRegistry } from './registry.js';
import { clip, CHALLENGE_ID_PATTERN, MAX_CHECK_ID, MAX_CHECKS } from './results.js';

/**
 * `classroom grade-all <folder> --challenge ID`: the instructor grades every student's submission
 * (one subfolder per student id, e.g. cloned repositories) with the real grader on their own
 * machine, a few at a time, and records each result as verified — written with the instructor's
 * token under secret/classroom/verified/, where students cannot write — next to, never instead of,
 * what the student self-reported. Submissions are hostile: a folder whose name is not a student id
 * (a path, escape sequences) or is a link is skipped with a one-line reason; a program that hangs
 * is stopped by the grader's timeout and graded as it stands.
 *
 * Every submission is graded on the same kind of Vault, chosen once before any program runs
 * (`--vault` as for `grade`; `auto` takes the first of docker, binary, embedded that is there).
 * Never the class Vault: `external` would run students' programs against the Vault whose
 * instructor token is in this environment, so it is refused, and `auto` ignores VAULT_ADDR.
 *
 * Nor the class folder: each program runs on a private copy of its submission, with the class
 * folder, the other submissions and the instructor's token files hidden by the sandbox
 * (grading-room.ts); without that sandbox grade-all refuses unless `unsandboxed` is set.
 */
export interface GradeAllOptions {
  folder: string;
  challengeId: string;
  concurrency: number;
  timeoutSeconds: number;
  /** The kind of Vault each grade starts (default `auto`); `external` is refused. */
  vault?: ProviderChoice;
  /** `--vault-binary`: the vault or bao binary for the binary provider. */
  vaultBinary?: string;
  /** `--unsandboxed`: grade where the sandbox cannot hide the class folder (every submission is trusted). */
  unsandboxed?: boolean;
  now?: () => Date;
  onGraded?: (line: string) => void;
}

export interface GradeAllSummary {
  /** The provider every submission was graded on, and why (`binary: OpenBao v2.7.2 at …`). */
  provider: string;
  graded: { studentId: string; passed: boolean; failedChecks: string[] }[];
  /** Folders not graded, each with a one-line reason (names made harmless for a terminal). */
  skipped: string[];
  /** Submissions the grader could not run (no Vault started, say), each `<id>: <one-line reason>`. */
  notGraded: string[];
}

export async function gradeAll(admin: VaultAdmin, options: GradeAllOptions): Promise<GradeAllSummary> {
  requireSandbox(options.unsandboxed);
  const entries = await readdir(options.folder, { withFileTypes: true }).catch((error: Error) => {
    throw new UserError(`cannot read the submissions folder ${safeText(options.folder)}: ${error.message}`);
  });
  const hiddenFolders = await classFolders(options.folder);
  const provider = await gradingProvider(options);
  const registry = await readRegistry(admin, { concurrency: options.concurrency });
  const summary: GradeAllSummary = { provider: provider.reason, graded: [], skipped: [], notGraded: [] };
  options.onGraded?.(`grading on ${safeText(provider.reason)}`);
  const students: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const shown = safeText(JSON.stringify(entry.name));
    if (!CHALLENGE_ID_PATTERN.test(entry.name)) summary.skipped.push(`${shown}: not a student id`);
    else if (!entry.isDirectory()) summary.skipped.push(`${shown}: not a folder (links are not followed)`);
    else if (!registry.has(entry.name)) summary.skipped.push(`${shown}: no such student in this class`);
    else students.push(entry.name);
  }
  const room = await openGradingRoom(hiddenFolders, students);
  try {
    await pMap(students, (studentId) => gradeOne(studentId), { concurrency: options.concurrency });
  } finally {
    await room.close();
  }
  summary.graded.sort((a, b) => a.studentId.localeCompare(b.studentId));
  return summary;

  async function gradeOne(studentId: string): Promise<void> {
    const dir = join(options.folder, studentId);
    // Checked again just before grading: a folder swapped for a link since the listing is not followed.
    if (!(await lstat(dir)).isDirectory()) return void summary.skipped.push(`"${studentId}": not a folder`);
    let report: GradeReport;
    try {
      report = await gradeChallenge({
        challengeId: options.challengeId,
        dir: await room.admit(studentId, dir),
        vault: provider.name,
        vaultBinary: options.vaultBinary,
        timeoutSeconds: options.timeoutSeconds,
        hidden: room.hiddenFrom(studentId),
        buildParent: room.buildParent(studentId),
        privateGoCache: true,
      });
    } catch (error) {
      // An empty folder, or one with nothing to run, is a failing submission: recorded as such,
      // so that a pass its student self-reported shows as a conflict.
      if (error instanceof NothingToRunError) report = nothingToRun(options.challengeId, provider.name, error);
      else {
        // The grader could not run (its Vault did not start): nothing is recorded, the others go on.
        summary.notGraded.push(`${studentId}: ${oneLine(error)}`);
        return options.onGraded?.(`${studentId}: not graded (${oneLine(error)})`);
      }
    }
    const failedChecks = report.checks.filter((check) => !check.passed).map((check) => clip(check.id, MAX_CHECK_ID));
    await admin.kvPut(
      KV_MOUNT,
      verifiedPath(studentId, options.challengeId),
      verifiedDocument(studentId, report, options),
    );
    summary.graded.push({ studentId, passed: report.passed, failedChecks });
    options.onGraded?.(
      `${studentId}: ${report.passed ? 'passed' : `failing (${failedChecks.slice(0, 5).join(', ')})`}`,
    );
  }
}

function nothingToRun(challenge: string, vault: ProviderName, error: Error): GradeReport {
  const check = {
    id: 'submission',
    title: 'The submission has a program to run',
    passed: false,
    detail: oneLine(error),
    hint: 'Submit the program in the folder named after the student id.',
  };
  return { challenge, passed: false, vault, durationMs: 0, checks: [check] };
}

/** Resolved once, before any program runs: a typo or a missing provider stops here in one line. */
async function gradingProvider(options: GradeAllOptions): Promise<{ name: ProviderName; reason: string }> {
  const choice = options.vault ?? 'auto';
  if (choice === 'external')
    throw new UserError(
      '--vault external cannot be used by grade-all: submissions are never run against the class Vault (use auto, docker, binary or embedded)',
    );
  const selection = await selectProvider(choice, { binary: options.vaultBinary, allowExternal: false });
  return { name: selection.provider.name, reason: selection.reason };
}

function verifiedDocument(studentId: string, report: GradeReport, options: GradeAllOptions) {
  return {
    format: 1,
    source: 'verified',
    student: studentId,
    challenge: options.challengeId,
    passed: report.passed,
    gradedAt: (options.now?.() ?? new Date()).toISOString(),
    report: {
      challenge: report.challenge,
      passed: report.passed,
      vault: report.vault,
      durationMs: report.durationMs,
      checks: report.checks.slice(0, MAX_CHECKS).map((check) => ({
        id: clip(check.id, MAX_CHECK_ID),
        title: clip(check.title),
        passed: check.passed,
        detail: clip(check.detail ?? ''),
        hint: clip(check.hint ?? ''),
      })),
    },
    tool: `secrets-workbook ${packageVersion()}`,
  };
}
