import type { VaultAdmin } from '../vault/admin-client.js';
import { RequestPacer, withPacer } from '../vault/request-pacer.js';
import { UserError } from '../util/errors.js';
import { mapUntilError } from '../util/map-until-error.js';
import { takeClassLock } from './lock.js';
import { readRegistry, readStudentRecord, writeStudentRecord, type StudentRecord } from './registry.js';
import { forgetInIndex } from './registry-index.js';
import { approleAccessor } from './setup.js';
import { endStudentAccess } from './student-access.js';

/**
 * `classroom revoke [--student ID]`: the student's secret_ids are destroyed (no new logins), any
 * unused handout is revoked, and the tokens their logins issued are refused from now on (their
 * login identity is disabled; see student-access.ts). Requests are about that student only, so
 * revoking one student costs the same in a class of 10 or 2,000. Their role and results stay:
 * `classroom provision` issues a revoked student a new handout (with a new role_id), and the
 * report keeps showing what they submitted.
 */
export interface RevokeSummary {
  students: string[];
  secretIds: number;
  /** Unused handouts whose wrapping token was revoked. */
  handouts: number;
  /** Students who had logged in, whose login identity (and so every token of theirs) is disabled. */
  identities: number;
  /** Vault requests made for the students (for the benchmark). */
  requests: number;
}

export async function revokeStudents(
  admin: VaultAdmin,
  options: { studentId?: string; concurrency: number; now?: () => Date },
): Promise<RevokeSummary> {
  const lock = await takeClassLock(admin, 'revoke');
  try {
    return await withPacer(new RequestPacer(options.concurrency), async () =>
      revokeRecords(admin, await chooseTargets(admin, options), options),
    );
  } finally {
    await lock.release();
  }
}

/** Revoke these students (the caller holds the class lock). */
export async function revokeRecords(
  admin: VaultAdmin,
  targets: StudentRecord[],
  options: { concurrency: number; now?: () => Date },
): Promise<RevokeSummary> {
  const summary: RevokeSummary = {
    students: targets.map((record) => record.id).sort(),
    secretIds: 0,
    handouts: 0,
    identities: 0,
    requests: 1,
  };
  if (targets.length === 0) return summary;
  await assertMayDisableIdentities(admin);
  const mountAccessor = await approleAccessor(admin);
  await forgetInIndex(admin, summary.students);
  summary.requests += 3;
  const revokedAt = (options.now?.() ?? new Date()).toISOString();
  await mapUntilError(
    targets,
    async (record) => {
      const ended = await endStudentAccess(admin, record, mountAccessor);
      summary.secretIds += ended.secretIds;
      summary.handouts += ended.handout ? 1 : 0;
      summary.identities += ended.identity ? 1 : 0;
      summary.requests += ended.requests + 1;
      // A student revoked earlier keeps the time of the first revoke.
      await writeStudentRecord(admin, { ...record, status: 'revoked', revokedAt: record.revokedAt ?? revokedAt });
    },
    { concurrency: options.concurrency },
  );
  return summary;
}

/** Before changing anything: a token of an older instructor policy cannot disable identities. */
async function assertMayDisableIdentities(admin: VaultAdmin): Promise<void> {
  const path = 'identity/lookup/entity';
  const answer = await admin.query<Record<string, string[]>>('sys/capabilities-self', { paths: [path] });
  const capabilities = answer?.data[path] ?? [];
  if (!capabilities.includes('update') && !capabilities.includes('root'))
    throw new UserError(
      `your VAULT_TOKEN may not look up students' login identities (${path}); nothing was revoked. Run "secrets-workbook classroom setup" once with the root token to bring the instructor policy up to date, or use a token of "classroom instructor-policy"`,
    );
}

async function chooseTargets(
  admin: VaultAdmin,
  options: { studentId?: string; concurrency: number },
): Promise<StudentRecord[]> {
  if (options.studentId !== undefined) {
    const record = await readStudentRecord(admin, options.studentId);
    if (!record)
      throw new UserError(`no student "${options.studentId}" in this class (see classroom report for the ids)`);
    return [record];
  }
  return [...(await readRegistry(admin, { concurrency: options.concurrency })).values()];
}
