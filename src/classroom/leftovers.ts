import { VaultApiError, type VaultAdmin } from '../vault/admin-client.js';
import { APPROLE_MOUNT } from './layout.js';
import type { StudentRecord } from './registry.js';

/**
 * What an interrupted run can leave behind for a student it was issuing credentials to, cleared
 * before the student gets new ones (the student has no credential anyone holds yet, so nothing
 * still in use is touched):
 * - secret_ids of the role that no record names: asked for by a run that died (or lost the answer)
 *   before writing the handout and the record — destroyed;
 * - the wrapping token of a handout a run wrote but never confirmed (the record still `pending`):
 *   revoked, so the handout moved aside cannot be used to join.
 * A revoked student's credentials were already cleared by revoke; a second pass finds nothing.
 */
export interface Cleaned {
  /** Orphan secret_ids destroyed. */
  secretIds: number;
  /** Wrapping tokens of unconfirmed handouts revoked. */
  wrappingTokens: number;
}

export const nothingCleaned = (): Cleaned => ({ secretIds: 0, wrappingTokens: 0 });

export async function clearLeftovers(
  admin: VaultAdmin,
  role: string,
  previous: StudentRecord | undefined,
  cleaned: Cleaned,
): Promise<number> {
  let requests = 1;
  for (const accessor of await admin.secretIdAccessors(role, APPROLE_MOUNT)) {
    await admin.destroySecretIdByAccessor(role, accessor, APPROLE_MOUNT);
    cleaned.secretIds += 1;
    requests += 1;
  }
  if (previous?.status === 'pending' && previous.wrapAccessor) {
    requests += 1;
    if (await revokeIfLive(admin, previous.wrapAccessor)) cleaned.wrappingTokens += 1;
  }
  return requests;
}

async function revokeIfLive(admin: VaultAdmin, accessor: string): Promise<boolean> {
  try {
    await admin.revokeAccessor(accessor);
    return true;
  } catch (error) {
    // Used (the student joined) or expired: nothing left to revoke.
    if (error instanceof VaultApiError && (error.status === 400 || error.status === 404)) return false;
    throw error;
  }
}
