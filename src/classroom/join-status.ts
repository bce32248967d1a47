import { VaultApiError, type VaultAdmin } from '../vault/admin-client.js';
import { APPROLE_MOUNT, studentRoleName } from './layout.js';
import type { StudentRecord } from './registry.js';
import { loginIdentity } from './student-access.js';

/**
 * Whether a student has joined, from what the class Vault itself knows (nothing the student can
 * write): `join` unwraps the handout and logs in once, and every AppRole login is an alias (named
 * after the role_id) of an identity entity — so the entity exists from the first login on. Before
 * that, the handout's wrapping token, looked up by the accessor in the record (which never uses
 * it), tells an unused handout from one whose wrap TTL has passed.
 * - `joined`: logged in at least once with this role's credentials;
 * - `waiting`: the handout is unused and still works (until `handoutExpiresAt`);
 * - `expired`: the handout was not used and its wrap TTL has passed: provision a new one;
 * - `unwrapped`: the wrapping token was used before it expired but nobody ever logged in — the
 *   student unwrapped it by hand, or someone else holds their secret ID;
 * - `not-joined`: never logged in, no handout to check (revoked, pending, or a record written
 *   before the expiry time was kept, whose used-up token cannot be told from an expired one);
 * - `unknown`: the instructor's token may not look (an instructor policy from before this check).
 */
export type JoinState = 'joined' | 'waiting' | 'expired' | 'unwrapped' | 'not-joined' | 'unknown';

export interface JoinStatus {
  state: JoinState;
  /** When the handout's wrapping token stops (or stopped) working, when known. */
  handoutExpiresAt?: string;
}

export async function joinStatus(
  admin: VaultAdmin,
  record: StudentRecord,
  mountAccessor: string,
  now: Date,
): Promise<JoinStatus> {
  const expiry = record.handoutExpiresAt ? { handoutExpiresAt: record.handoutExpiresAt } : {};
  try {
    const role = await admin.readIfExists<{ role_id: string }>(
      `auth/${APPROLE_MOUNT}/role/${studentRoleName(record.id)}/role-id`,
    );
    if (role && (await loginIdentity(admin, role.data.role_id, mountAccessor))) return { state: 'joined', ...expiry };
    if (record.status !== 'active' || !record.wrapAccessor) return { state: 'not-joined', ...expiry };
    if (await admin.lookupAccessor(record.wrapAccessor)) return { state: 'waiting', ...expiry };
  } catch (error) {
    if (error instanceof VaultApiError && error.status === 403) return { state: 'unknown', ...expiry };
    throw error;
  }
  if (!record.handoutExpiresAt) return { state: 'not-joined' };
  return { state: Date.parse(record.handoutExpiresAt) <= now.getTime() ? 'expired' : 'unwrapped', ...expiry };
}
