import pMap from 'p-map';
import { VaultApiError, type VaultAdmin } from '../vault/admin-client.js';
import { UserError } from '../util/errors.js';
import { APPROLE_MOUNT, studentRoleName } from './layout.js';
import { takeClassLock } from './lock.js';
import { readRegistry, readStudentRecord, writeStudentRecord, type StudentRecord } from './registry.js';

/**
 * `classroom revoke [--student ID]`: the student's secret_ids are destroyed (no new logins), every
 * token their role issued and any unused handout wrapping token is revoked (no access from now
 * on). Their policy, role and results stay: `classroom provision` issues a new handout to a
 * revoked student, with the same role_id, and the report keeps showing what they submitted.
 */
export interface RevokeSummary {
  students: string[];
  secretIds: number;
  tokens: number;
}

export async function revokeStudents(
  admin: VaultAdmin,
  options: { studentId?: string; concurrency: number; now?: () => Date },
): Promise<RevokeSummary> {
  const lock = await takeClassLock(admin, 'revoke');
  try {
    return await revokeTargets(admin, options);
  } finally {
    await lock.release();
  }
}

async function revokeTargets(
  admin: VaultAdmin,
  options: { studentId?: string; concurrency: number; now?: () => Date },
): Promise<RevokeSummary> {
  const targets = await chooseTargets(admin, options);
  // Listing token accessors needs sudo: find out before changing anything.
  await listTokenAccessors(admin);

  const roles = new Set(targets.map((record) => studentRoleName(record.id)));
  const summary: RevokeSummary = { students: targets.map((record) => record.id).sort(), secretIds: 0, tokens: 0 };
  const revokedAt = (options.now?.() ?? new Date()).toISOString();
  await pMap(
    targets,
    async (record) => {
      const role = studentRoleName(record.id);
      const accessors = await admin.secretIdAccessors(role, APPROLE_MOUNT);
      for (const accessor of accessors) {
        await admin.destroySecretIdByAccessor(role, accessor, APPROLE_MOUNT);
        summary.secretIds += 1;
      }
    },
    { concurrency: options.concurrency },
  );

  // Now that no new login can happen, revoke what the roles issued: login tokens carry the role
  // name in their metadata, and a handout's wrapping token was created at the role's secret-id path.
  const accessors = await listTokenAccessors(admin);
  await pMap(
    accessors,
    async (accessor) => {
      const token = await admin.lookupAccessor(accessor);
      if (!token) return;
      const loginRole = token.path?.startsWith(`auth/${APPROLE_MOUNT}/login`) ? token.meta?.role_name : undefined;
      const wrapRole = /^auth\/[^/]+\/role\/([^/]+)\/secret-id$/.exec(token.path ?? '')?.[1];
      if ((loginRole && roles.has(loginRole)) || (wrapRole && roles.has(wrapRole))) {
        await revokeQuietly(admin, accessor);
        summary.tokens += 1;
      }
    },
    { concurrency: options.concurrency },
  );

  // A student revoked earlier keeps the time of the first revoke.
  await pMap(
    targets,
    (record) => writeStudentRecord(admin, { ...record, status: 'revoked', revokedAt: record.revokedAt ?? revokedAt }),
    { concurrency: options.concurrency },
  );
  return summary;
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

async function listTokenAccessors(admin: VaultAdmin): Promise<string[]> {
  try {
    return await admin.tokenAccessors();
  } catch (error) {
    if (error instanceof VaultApiError && error.status === 403) {
      throw new UserError(
        'your VAULT_TOKEN may not list token accessors (it needs sudo on auth/token/accessors, as the instructor policy grants); nothing was revoked',
      );
    }
    throw error;
  }
}

async function revokeQuietly(admin: VaultAdmin, accessor: string): Promise<void> {
  try {
    await admin.revokeAccessor(accessor);
  } catch (error) {
    // Expired or used up between the lookup and now: already what we want.
    if (error instanceof VaultApiError && (error.status === 400 || error.status === 404)) return;
    throw error;
  }
}
