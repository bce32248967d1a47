import type { VaultAdmin } from '../../vault/admin-client.js';
import type { CheckOutcome, VaultCheck } from './types.js';

type PolicyCheck = Extract<VaultCheck, { type: 'policy-exists' | 'policy-allows' | 'policy-grants' }>;

/**
 * Policies are judged by what they grant, as Vault itself computes it: a short-lived child token
 * holding only the policy, asked about with sys/capabilities. So any spelling of a right answer
 * passes (globs, `+` segments, several blocks) and any spelling of a wrong one fails.
 */
export async function runPolicyCheck(admin: VaultAdmin, check: PolicyCheck): Promise<CheckOutcome> {
  const policy = await admin.readIfExists(`sys/policies/acl/${check.name}`);
  if (!policy) return { done: false, detail: `there is no policy named "${check.name}" yet` };
  if (check.type === 'policy-exists') return { done: true, detail: `policy "${check.name}" exists` };
  return withPolicyToken(admin, check.name, (ask) =>
    check.type === 'policy-allows' ? policyAllows(check, ask) : policyGrants(check, ask),
  );
}

type Ask = (path: string) => Promise<string[]>;

async function policyAllows(check: Extract<PolicyCheck, { type: 'policy-allows' }>, ask: Ask): Promise<CheckOutcome> {
  const granted = await ask(check.path);
  const missing = check.capabilities.filter((capability) => !granted.includes(capability));
  if (missing.length > 0)
    return { done: false, detail: `"${check.name}" does not grant ${missing.join(', ')} on ${check.path}` };
  const surplus = (check.forbiddenCapabilities ?? []).filter(
    (capability) => granted.includes(capability) || granted.includes('root'),
  );
  if (surplus.length > 0)
    return {
      done: false,
      detail: `"${check.name}" also grants ${surplus.join(', ')} on ${check.path}: it should only grant ${check.capabilities.join(', ')}`,
    };
  if (check.deniedPath) {
    const extra = await ask(check.deniedPath);
    if (grantsAnything(extra))
      return {
        done: false,
        detail: `"${check.name}" also grants ${extra.join(', ')} on ${check.deniedPath}: narrow the path`,
      };
  }
  return { done: true, detail: `"${check.name}" grants ${check.capabilities.join(', ')} on ${check.path}` };
}

async function policyGrants(check: Extract<PolicyCheck, { type: 'policy-grants' }>, ask: Ask): Promise<CheckOutcome> {
  for (const { path, capabilities } of check.grants) {
    const granted = (await ask(path)).filter((capability) => capability !== 'deny');
    const missing = capabilities.filter((capability) => !granted.includes(capability));
    if (missing.length > 0)
      return { done: false, detail: `"${check.name}" does not grant ${missing.join(', ')} on ${path}` };
    const extra = granted.filter((capability) => !capabilities.includes(capability));
    if (extra.length > 0)
      return {
        done: false,
        detail: `"${check.name}" also grants ${extra.join(', ')} on ${path}: only ${capabilities.join(', ')} is needed there`,
      };
  }
  for (const path of check.denied ?? []) {
    const granted = await ask(path);
    if (grantsAnything(granted))
      return {
        done: false,
        detail: `"${check.name}" grants ${granted.join(', ')} on ${path}, which this app must not touch`,
      };
  }
  const summary = check.grants.map(({ path, capabilities }) => `${capabilities.join(', ')} on ${path}`).join('; ');
  return { done: true, detail: `"${check.name}" grants exactly ${summary}` };
}

const grantsAnything = (capabilities: string[]) =>
  !(capabilities.length === 0 || (capabilities.length === 1 && capabilities[0] === 'deny'));

/** Run `judge` with a one-minute token that holds only `policy` (no default policy), revoked afterwards. */
async function withPolicyToken(
  admin: VaultAdmin,
  policy: string,
  judge: (ask: Ask) => Promise<CheckOutcome>,
): Promise<CheckOutcome> {
  const token = await admin.write<unknown>('auth/token/create', {
    policies: [policy],
    no_default_policy: true,
    ttl: '1m',
    display_name: 'workbook-check',
  });
  const childToken = token?.auth?.client_token;
  if (!childToken) return { done: false, detail: 'could not create a token to test the policy' };
  try {
    return await judge((path) => capabilities(admin, childToken, path));
  } finally {
    await admin.write('auth/token/revoke', { token: childToken }).catch(() => undefined);
  }
}

/** `sys/capabilities` for another token, asked with the admin token (root can ask for any token). */
async function capabilities(admin: VaultAdmin, token: string, path: string): Promise<string[]> {
  const response = await admin.query<{ capabilities?: string[] }>('sys/capabilities', { token, paths: [path] });
  const data = (response?.data ?? {}) as Record<string, unknown>;
  const list = (data[path] ?? data.capabilities) as string[] | undefined;
  return list ?? [];
}
