import type { VaultAdmin } from '../../vault/admin-client.js';
import type { CheckOutcome, VaultCheck } from './types.js';
import { judgeValue } from './values.js';

type MountCheck = Extract<VaultCheck, { type: 'auth-enabled' | 'kv-v2-mounted' | 'kv-secret' }>;

/** Auth methods, secrets engines and KV secrets: what is enabled, mounted and stored. */
export async function runMountCheck(admin: VaultAdmin, check: MountCheck): Promise<CheckOutcome> {
  switch (check.type) {
    case 'auth-enabled': {
      const auth = await admin.read<Record<string, { type: string }>>('sys/auth');
      const mount = auth.data[`${check.path}/`];
      if (!mount) return { done: false, detail: `no auth method is enabled at auth/${check.path}/` };
      if (mount.type !== check.method)
        return { done: false, detail: `auth/${check.path}/ is ${mount.type}, not ${check.method}` };
      return { done: true, detail: `${check.method} is enabled at auth/${check.path}/` };
    }
    case 'kv-v2-mounted': {
      const mounts =
        await admin.read<Record<string, { type: string; options?: { version?: string } | null }>>('sys/mounts');
      const mount = mounts.data[`${check.path}/`];
      if (!mount) return { done: false, detail: `nothing is mounted at ${check.path}/` };
      if (mount.type !== 'kv' || mount.options?.version !== '2')
        return { done: false, detail: `${check.path}/ is not a KV version 2 engine` };
      return { done: true, detail: `KV v2 is mounted at ${check.path}/` };
    }
    case 'kv-secret':
      return kvSecret(admin, check);
  }
}

async function kvSecret(admin: VaultAdmin, check: Extract<VaultCheck, { type: 'kv-secret' }>): Promise<CheckOutcome> {
  const where = `${check.mount}/${check.path}`;
  const secret = await admin.kvGet(check.mount, check.path);
  if (!secret) return { done: false, detail: `nothing is stored at ${where} yet` };
  const missing = check.keys.filter((key) => !(key in secret.data));
  if (missing.length > 0) return { done: false, detail: `${where} has no ${missing.join(', ')} key` };
  if (check.minVersion !== undefined && secret.version < check.minVersion) {
    return {
      done: false,
      detail: `${where} is at version ${secret.version}; write a new version (at least ${check.minVersion})`,
    };
  }
  if (check.maxVersions !== undefined) {
    const metadata = await admin.read<{ max_versions?: number }>(`${check.mount}/metadata/${check.path}`);
    const kept = metadata.data.max_versions ?? 0;
    if (kept === 0 || kept > check.maxVersions) {
      return {
        done: false,
        detail: `${where} keeps ${kept === 0 ? 'the default number of' : kept} versions, not at most ${check.maxVersions}`,
      };
    }
  }
  const judged: string[] = [];
  for (const [key, rule] of Object.entries(check.values ?? {})) {
    const outcome = judgeValue(where, key, rule, secret.data);
    if (!outcome.done) return outcome;
    judged.push(outcome.detail);
  }
  if (judged.length > 0) return { done: true, detail: `${judged.join('; ')} (version ${secret.version})` };
  return { done: true, detail: `${where} holds ${check.keys.join(', ')} (version ${secret.version})` };
}
