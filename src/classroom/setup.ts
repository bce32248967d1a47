import { VaultApiError, type VaultAdmin } from '../vault/admin-client.js';
import { UserError } from '../util/errors.js';
import {
  APPROLE_MOUNT,
  INSTRUCTOR_POLICY_NAME,
  instructorPolicy,
  KV_MOUNT,
  STUDENT_POLICY_NAME,
  studentPolicy,
} from './layout.js';

/**
 * The class's fixed layout in Vault: KV v2 at secret/, the class's AppRole mount, and the one
 * templated student policy (which names that mount's accessor, so it is written after the mount).
 * `classroom init` and `classroom setup` do it with the root token; provision checks it with the
 * instructor's token, which may read the student policy but never write one.
 */
export async function ensureClassLayout(admin: VaultAdmin): Promise<void> {
  await admin.enableKvV2(KV_MOUNT);
  await admin.enableAuth(APPROLE_MOUNT, 'approle');
  const expected = studentPolicy(await approleAccessor(admin));
  const current = await admin.readIfExists<{ policy?: string }>(`sys/policies/acl/${STUDENT_POLICY_NAME}`);
  if (current?.data.policy === expected) return;
  try {
    await admin.writePolicy(STUDENT_POLICY_NAME, expected);
  } catch (error) {
    if (error instanceof VaultApiError && error.status === 403)
      throw new UserError(
        `the class Vault's ${STUDENT_POLICY_NAME} policy is ${current ? 'out of date' : 'missing'}, and an instructor token may not write policies: run "secrets-workbook classroom setup" once with the root token`,
      );
    throw error;
  }
}

/** `classroom setup` (root token): the layout plus the instructor policy, ready for an instructor token. */
export async function setupClass(admin: VaultAdmin): Promise<void> {
  await ensureClassLayout(admin);
  await admin.writePolicy(INSTRUCTOR_POLICY_NAME, instructorPolicy());
}

/** The class AppRole mount's accessor (what its logins' entity aliases name). */
export async function approleAccessor(admin: VaultAdmin): Promise<string> {
  const mounts = await admin.read<Record<string, { type: string; accessor: string }>>('sys/auth');
  const mount = mounts.data[`${APPROLE_MOUNT}/`];
  if (mount?.type !== 'approle')
    throw new UserError(
      `${APPROLE_MOUNT}/ on the class Vault is a ${mount?.type ?? 'missing'} auth mount, not AppRole`,
    );
  return mount.accessor;
}
