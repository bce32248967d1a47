import { readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { VaultAdmin } from '../vault/admin-client.js';
import { APPROLE_MOUNT, KV_MOUNT, registryPath, studentRoleName } from './layout.js';
import { takeClassLock } from './lock.js';
import { forgetInIndex } from './registry-index.js';
import { readStudentRecord, type StudentRecord } from './registry.js';
import { revokeRecords } from './revoke.js';

/**
 * `classroom remove <student>` (a typo'd id, a student who left): revoke first (see revoke.ts),
 * then delete the student's role, their record and every handout file of theirs in the handouts
 * folder. Their results stay in Vault (the instructor may read results, never delete them) but
 * leave the report with the record. Running it again, or on a student who is not there, changes
 * nothing and says so.
 */
export interface RemoveSummary {
  studentId: string;
  /** Anything of the student's was found (record, role or handout). */
  found: boolean;
  revoked: boolean;
  handouts: string[];
}

export async function removeStudent(
  admin: VaultAdmin,
  options: { studentId: string; handoutsDir: string; now?: () => Date },
): Promise<RemoveSummary> {
  const { studentId: id } = options;
  const lock = await takeClassLock(admin, 'remove');
  try {
    const record = await readStudentRecord(admin, id);
    const role = `auth/${APPROLE_MOUNT}/role/${studentRoleName(id)}`;
    const hasRole = (await admin.readIfExists(role)) !== undefined;
    let revoked = false;
    if (record || hasRole) {
      // A role without a record (a run that died half-way) is revoked all the same.
      const target: StudentRecord = record ?? {
        id,
        name: id,
        email: '',
        status: 'active',
        provisionedAt: '',
        handoutIssuedAt: '',
      };
      await revokeRecords(admin, [target], { concurrency: 4, now: options.now });
      revoked = true;
    }
    await forgetInIndex(admin, [id]);
    if (hasRole) await admin.delete(role);
    if (record || hasRole) await admin.delete(`${KV_MOUNT}/metadata/${registryPath(id)}`);
    const handouts = await removeHandouts(options.handoutsDir, id);
    return { studentId: id, found: Boolean(record || hasRole || handouts.length), revoked, handouts };
  } finally {
    await lock.release();
  }
}

/** `<id>.txt` and the `<id>.replaced-<time>.txt` files kept aside by earlier runs. */
async function removeHandouts(dir: string, id: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const mine = names.filter(
    (name) => name === `${id}.txt` || (name.startsWith(`${id}.replaced-`) && name.endsWith('.txt')),
  );
  for (const name of mine) await unlink(join(dir, name));
  return mine.map((name) => join(dir, name));
}
