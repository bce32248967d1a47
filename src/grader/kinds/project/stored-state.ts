import type { ChallengeDefinition } from '../../../course/challenge-schema.js';
import type { KnownSecret } from '../../scanner-port.js';
import type { GradingVault } from '../vault-app/grading-vault.js';
import { issueCredentials, type Provisioned } from '../vault-app/provision-challenge.js';
import { pemBody, type GeneratedSecret, type GeneratedSecrets } from '../vault-app/secrets.js';

/**
 * What the learner's setup script left in Vault, read back with the grader's token: the values it
 * stored (the leak checks look for them, in the script's output and in the app's), and whether
 * the app can be run on top of it (part 2 on the learner's own state).
 *
 * Every value under the challenge's secret paths counts as secret, whatever its key, except the
 * keys the challenge marks as not sensitive (a certificate); pieces that are secret on their own
 * are added (the password inside a URL, a PEM key's body).
 */
export async function readStoredSecrets(
  vault: GradingVault,
  definition: ChallengeDefinition,
): Promise<GeneratedSecrets> {
  const secrets: GeneratedSecret[] = [];
  const sensitive: KnownSecret[] = [];
  for (const defined of definition.secrets) {
    const stored = await vault.admin.kvGet(definition.mount, defined.path).catch(() => undefined);
    if (!stored) continue;
    const data: Record<string, string> = {};
    for (const [key, raw] of Object.entries(stored.data)) {
      const value = typeof raw === 'string' ? raw : JSON.stringify(raw);
      data[key] = value;
      if (defined.data[key]?.sensitive === false) continue;
      const name = `${definition.mount}/${defined.path} ${key}`;
      sensitive.push({ name, value });
      for (const part of secretParts(value)) sensitive.push({ name: `${name} (${part.what})`, value: part.value });
    }
    secrets.push({ path: defined.path, data });
  }
  return { secrets, sensitive };
}

function secretParts(value: string): Array<{ what: string; value: string }> {
  if (value.includes('PRIVATE KEY-----')) return [{ what: 'its key material', value: pemBody(value) }];
  const password = urlPassword(value);
  return password ? [{ what: 'its password', value: password }] : [];
}

function urlPassword(value: string): string | undefined {
  if (!/^[a-z][a-z0-9+.-]*:\/\/[^/]*@/i.test(value)) return undefined;
  try {
    const password = new URL(value).password;
    return password ? decodeURIComponent(password) : undefined;
  } catch {
    return undefined;
  }
}

/** Part 2 on the learner's own state: the secrets and the credentials issued for their role. */
export interface Adopted {
  secrets: GeneratedSecrets;
  credentials: Provisioned;
}

/**
 * The app can run on the learner's state when their role exists (a role_id and a secret_id can be
 * issued for it) and every secret the app reads is stored with every key the task names. Else the
 * one-line reason, said to the learner when the grader sets up part 2 itself.
 */
export async function adoptStoredState(
  vault: GradingVault,
  definition: ChallengeDefinition,
  stored: GeneratedSecrets,
): Promise<Adopted | { reason: string }> {
  for (const defined of definition.secrets) {
    const where = `${definition.mount}/${defined.path}`;
    const data = stored.secrets.find((secret) => secret.path === defined.path)?.data;
    if (!data) return { reason: `your setup script stored nothing at ${where}` };
    const missing = Object.keys(defined.data).filter((key) => !data[key]);
    if (missing.length > 0) return { reason: `${where} has no ${missing.join(', ')}` };
  }
  const role = definition.role.name;
  const exists = await vault.admin.readIfExists(`auth/approle/role/${role}`).catch(() => undefined);
  if (!exists) return { reason: `your setup script left no AppRole role ${role}` };
  try {
    return { secrets: stored, credentials: await issueCredentials(vault, role) };
  } catch (error) {
    return { reason: `no secret_id could be issued for the role ${role} (${(error as Error).message.split('\n')[0]})` };
  }
}
