import { VaultApiError, type VaultAdmin } from '../vault/admin-client.js';
import { APPROLE_MOUNT, studentRoleName } from './layout.js';
import type { StudentRecord } from './registry.js';

/**
 * Ending one student's access with requests about that student only, however large the class
 * and however many tokens Vault holds:
 * - the role's secret_ids, listed by accessor and destroyed (no new login);
 * - the handout's wrapping token, by the accessor kept in the student's record (an unused
 *   handout stops working);
 * - the tokens the student's logins issued: Vault keeps no index of tokens by role, but every
 *   AppRole login is an alias (named after the role_id) of one identity entity, and a disabled
 *   entity's tokens are refused on every request and it cannot log in again. So the entity is
 *   looked up by that alias and disabled — for good: a revoked student who is provisioned again
 *   gets a new role_id, hence a new entity, and the old tokens never come back.
 */
export interface AccessEnded {
  secretIds: number;
  /** The unused handout's wrapping token was revoked. */
  handout: boolean;
  /** The student had logged in, and that login identity is now disabled. */
  identity: boolean;
  requests: number;
}

export async function endStudentAccess(
  admin: VaultAdmin,
  record: StudentRecord,
  mountAccessor: string,
): Promise<AccessEnded> {
  const role = studentRoleName(record.id);
  const ended: AccessEnded = { secretIds: 0, handout: false, identity: false, requests: 0 };
  const roleId = await readRoleId(admin, role);
  ended.requests += 1;
  if (roleId) {
    const accessors = await admin.secretIdAccessors(role, APPROLE_MOUNT);
    ended.requests += 1 + accessors.length;
    for (const accessor of accessors) {
      await destroyQuietly(admin, role, accessor);
      ended.secretIds += 1;
    }
  }
  if (record.wrapAccessor) {
    ended.handout = await revokeQuietly(admin, record.wrapAccessor);
    ended.requests += 1;
  }
  // After the secret_ids: no login can start between the lookup and the disabling.
  if (roleId) {
    const entity = await loginIdentity(admin, roleId, mountAccessor);
    ended.requests += 1;
    if (entity && !entity.disabled) {
      await admin.write(`identity/entity/id/${entity.id}`, { disabled: true });
      ended.requests += 1;
    }
    ended.identity = Boolean(entity);
  }
  return ended;
}

/** The identity entity a role_id's logins belong to; undefined when it never logged in. */
export async function loginIdentity(
  admin: VaultAdmin,
  roleId: string,
  mountAccessor: string,
): Promise<{ id: string; disabled: boolean } | undefined> {
  const found = await admin.query<{ id: string; disabled: boolean }>('identity/lookup/entity', {
    alias_name: roleId,
    alias_mount_accessor: mountAccessor,
  });
  return found?.data?.id ? { id: found.data.id, disabled: found.data.disabled } : undefined;
}

async function readRoleId(admin: VaultAdmin, role: string): Promise<string | undefined> {
  const found = await admin.readIfExists<{ role_id: string }>(`auth/${APPROLE_MOUNT}/role/${role}/role-id`);
  return found?.data.role_id;
}

async function destroyQuietly(admin: VaultAdmin, role: string, accessor: string): Promise<void> {
  try {
    await admin.destroySecretIdByAccessor(role, accessor, APPROLE_MOUNT);
  } catch (error) {
    // Expired (tidied) between the listing and now: already what we want.
    if (!(error instanceof VaultApiError && (error.status === 400 || error.status === 404))) throw error;
  }
}

/** True when the token was still there to revoke (an unused handout). */
async function revokeQuietly(admin: VaultAdmin, accessor: string): Promise<boolean> {
  try {
    // A used (the student joined) or expired token: Vault answers 200 with a warning.
    const response = await admin.write('auth/token/revoke-accessor', { accessor });
    return !response?.warnings?.some((warning) => /no token found/i.test(warning));
  } catch (error) {
    if (error instanceof VaultApiError && (error.status === 400 || error.status === 404)) return false;
    throw error;
  }
}
