import type { ChallengeDefinition } from '../../../course/challenge-schema.js';
import type { GradingVault } from './grading-vault.js';
import type { GeneratedSecret } from './secrets.js';

/**
 * Provisions the grading Vault from challenge.yaml, through the grader's admin client: the KV v2
 * mount, the fresh secrets, the challenge's least-privilege policy, its AppRole role, a role_id
 * and a new secret_id. Returns the credentials the program gets, and the role_id's HMAC to find
 * its login in the audit log.
 */
export interface Provisioned {
  roleId: string;
  secretId: string;
  roleIdHash: string;
}

export async function provisionChallenge(
  vault: Pick<GradingVault, 'admin' | 'trail'>,
  definition: ChallengeDefinition,
  secrets: readonly GeneratedSecret[],
): Promise<Provisioned> {
  const { admin } = vault;
  // One request at a time: OpenBao's transactional dev storage can refuse concurrent writes
  // ("transaction commit failed"), and these are a handful of millisecond calls anyway.
  await admin.enableAuth('approle', 'approle');
  await admin.enableKvV2(definition.mount);
  for (const secret of secrets) {
    // `versions` > 1: the same data written again, so the version the program reads is not 1.
    const versions = definition.secrets.find((defined) => defined.path === secret.path)?.versions ?? 1;
    for (let version = 0; version < versions; version++) await admin.kvPut(definition.mount, secret.path, secret.data);
  }
  await admin.writePolicy(definition.policy.name, definition.policy.rules);
  await admin.writeAppRole(definition.role.name, {
    token_policies: [definition.policy.name],
    token_ttl: definition.role.tokenTtl,
    token_max_ttl: definition.role.tokenMaxTtl,
    secret_id_ttl: definition.role.secretIdTtl,
    ...(definition.role.secretIdNumUses !== undefined ? { secret_id_num_uses: definition.role.secretIdNumUses } : {}),
  });
  return issueCredentials(vault, definition.role.name);
}

/** A role_id and a new secret_id of an existing role, and the role_id's HMAC as the audit log stores it. */
export async function issueCredentials(
  vault: Pick<GradingVault, 'admin' | 'trail'>,
  role: string,
): Promise<Provisioned> {
  const roleId = await vault.admin.roleId(role);
  const { secretId } = await vault.admin.newSecretId(role);
  const roleIdHash = await vault.trail.hash(roleId);
  return { roleId, secretId, roleIdHash };
}
