import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { VaultAdmin, VaultApiError } from '../vault/admin-client.js';
import { UserError } from '../util/errors.js';
import { addressesOf } from '../vault/address-list.js';
import { defaultCredentialsFile, readCredentialsFile, saveCredentials } from './credentials.js';
import { parseHandout } from './handout.js';
import { APPROLE_MOUNT, studentIdFromRole, studentRoleName } from './layout.js';

/**
 * `classroom join HANDOUT`, the student's half of the trusted-orchestrator pattern:
 * 1. look up the wrapping token (does not use it) and check it wraps a secret_id of *this*
 *    student's role — a token from anywhere else is refused before it is used;
 * 2. unwrap it, once: the secret_id exists only here from now on;
 * 3. log in with role_id + secret_id to prove the pair works, then revoke that token;
 * 4. keep role_id + secret_id in a 0600 file in the user's config folder for `grade --submit`.
 * A wrapping token that was already used fails loudly: someone else may hold the secret_id.
 */
export interface JoinResult {
  studentId: string;
  address: string;
  file: string;
  /** The credentials file held another class's credentials, now replaced. */
  replaced?: string;
}

export async function joinClass(
  handoutFile: string,
  options: { credentialsFile?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<JoinResult> {
  let text: string;
  try {
    text = await readFile(handoutFile, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(
      code === 'ENOENT'
        ? `handout not found: ${handoutFile}`
        : `cannot read ${handoutFile}: ${(error as Error).message}`,
    );
  }
  const handout = parseHandout(text, basename(handoutFile));
  const file = options.credentialsFile ?? defaultCredentialsFile(options.env);
  const expectedPath = `auth/${APPROLE_MOUNT}/role/${studentRoleName(handout.studentId)}/secret-id`;
  // A cluster's handout lists its nodes: the client moves to the next when one does not answer.
  const vault = new VaultAdmin(addressesOf(handout.address));

  let lookup: { creation_path: string };
  try {
    lookup = await vault.wrappingLookup(handout.wrappedSecretId);
  } catch (error) {
    throw wrapError(error, handout.address);
  }
  if (lookup.creation_path !== expectedPath) {
    throw new UserError(
      `refusing the wrapped secret ID: it was created at ${lookup.creation_path}, not ${expectedPath}; tell your instructor`,
    );
  }

  let secretId: string;
  try {
    const unwrapped = await vault.unwrapWith<{ secret_id?: string }>(handout.wrappedSecretId);
    if (!unwrapped.data?.secret_id)
      throw new UserError('the wrapped response held no secret ID; ask your instructor for a new handout');
    secretId = unwrapped.data.secret_id;
  } catch (error) {
    throw wrapError(error, handout.address);
  }

  const previous = await readCredentialsFile(file).catch(() => undefined);
  // Save before anything else can fail: the wrapping token is spent, this is the only copy.
  await saveCredentials(file, {
    version: 1,
    address: handout.address,
    studentId: handout.studentId,
    roleId: handout.roleId,
    secretId,
    joinedAt: new Date().toISOString(),
  });

  const student = new VaultAdmin(vault.endpoints);
  try {
    const auth = await student.appRoleLogin(handout.roleId, secretId, APPROLE_MOUNT);
    const role = auth.metadata?.role_name;
    if (studentIdFromRole(role) !== handout.studentId)
      throw new UserError(
        `these credentials log in as ${role ?? 'an unknown role'}, not as ${handout.studentId}; tell your instructor`,
      );
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(
      `the secret ID was unwrapped and saved in ${file}, but logging in failed (${(error as Error).message}); ask your instructor`,
    );
  } finally {
    await student.revokeSelf().catch(() => undefined);
  }
  const replaced =
    previous && (previous.address !== handout.address || previous.studentId !== handout.studentId)
      ? `${previous.studentId} at ${previous.address}`
      : undefined;
  return { studentId: handout.studentId, address: handout.address, file, ...(replaced ? { replaced } : {}) };
}

function wrapError(error: unknown, address: string): Error {
  if (error instanceof UserError) return error;
  if (error instanceof VaultApiError && error.status === 400) {
    return new UserError(
      "this handout's wrapped secret ID was already used or has expired (it works once). If you did not join with it yourself, tell your instructor now: someone else may have your secret ID",
    );
  }
  if (error instanceof VaultApiError)
    return new UserError(`the class Vault answered ${error.status} (${error.message})`);
  return new UserError(`cannot reach the class Vault at ${address}: ${(error as Error).message}`);
}
