import type { GradingVault } from '../vault-app/grading-vault.js';

/**
 * The token the learner's setup script gets instead of the grader's root token: a policy of its
 * own (challenge.yaml `project.setupPolicy`: enable AppRole, write the app's policy and role,
 * store the app's secrets — and, on purpose, not issue the app's secret_ids, which is the
 * orchestrator's job), lasting the script's timeout and a little more, not renewable, and revoked
 * the moment the script has ended, so nothing it left behind can use it. It reaches the script
 * only as VAULT_TOKEN in the script's own environment; the app never gets it.
 */
export interface SetupToken {
  /** What the setup script's environment gets: VAULT_ADDR and VAULT_TOKEN. */
  variables: Record<string, string>;
  /** Its value, for the leak check of the script's output. */
  value: string;
  policy: string;
  revoke(): Promise<void>;
}

export async function mintSetupToken(
  vault: GradingVault,
  challengeId: string,
  rules: string,
  timeoutSeconds: number,
): Promise<SetupToken> {
  const policy = `${challengeId}-setup`;
  await vault.admin.writePolicy(policy, rules);
  const ttl = `${Math.ceil(timeoutSeconds) + 60}s`;
  const created = await vault.admin.write('auth/token/create', {
    policies: [policy],
    ttl,
    explicit_max_ttl: ttl,
    renewable: false,
    display_name: 'setup-script',
  });
  const auth = created?.auth;
  if (!auth?.client_token || !auth.accessor) throw new Error('Vault created no token for the setup script');
  const accessor = auth.accessor;
  let revoked: Promise<void> | undefined;
  return {
    variables: { VAULT_ADDR: vault.address, VAULT_TOKEN: auth.client_token },
    value: auth.client_token,
    policy,
    revoke: () => (revoked ??= vault.admin.revokeAccessor(accessor)),
  };
}
