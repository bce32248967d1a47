import pMap from 'p-map';
import { APPROLE_MOUNT, studentRoleName } from '../src/classroom/layout.js';
import type { VaultAdmin } from '../src/vault/admin-client.js';

/**
 * The way `classroom revoke --student` worked before (kept here only as the benchmark's
 * baseline): destroy the role's secret_ids, then list every token accessor in Vault and look
 * each one up, revoking those the student's role issued. Needs sudo on auth/token/accessors.
 */
export async function revokeByTokenScan(admin: VaultAdmin, id: string, concurrency: number): Promise<number> {
  const role = studentRoleName(id);
  for (const accessor of await admin.secretIdAccessors(role, APPROLE_MOUNT))
    await admin.destroySecretIdByAccessor(role, accessor, APPROLE_MOUNT);
  const accessors = await admin.tokenAccessors();
  let revoked = 0;
  await pMap(
    accessors,
    async (accessor) => {
      const token = await admin.lookupAccessor(accessor);
      if (!token) return;
      const loginRole = token.path?.startsWith(`auth/${APPROLE_MOUNT}/login`) ? token.meta?.role_name : undefined;
      const wrapRole = /^auth\/[^/]+\/role\/([^/]+)\/secret-id$/.exec(token.path ?? '')?.[1];
      if (loginRole === role || wrapRole === role) {
        await admin.revokeAccessor(accessor);
        revoked += 1;
      }
    },
    { concurrency },
  );
  return revoked;
}
