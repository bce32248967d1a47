import { VaultAdmin, VaultApiError } from '../vault/admin-client.js';

/**
 * Checks of a Vault's state, used by hands-on steps (lessons) and challenge setup parts: the
 * step ticks itself when the learner's playground Vault says it is done, like a hosted lab's
 * check script. They never read or return a secret value, only whether it is there.
 */
export type VaultCheck =
  | { type: 'auth-enabled'; path: string; method: string }
  | { type: 'kv-v2-mounted'; path: string }
  | { type: 'policy-exists'; name: string }
  | {
      /** The policy grants exactly these capabilities (at least) on `path`, and nothing on `deniedPath`. */
      type: 'policy-allows';
      name: string;
      path: string;
      capabilities: string[];
      deniedPath?: string;
      /** Capabilities the policy must NOT grant on `path` ("can only read": create, update, delete). */
      forbiddenCapabilities?: string[];
    }
  | {
      type: 'approle-role';
      role: string;
      mount?: string;
      policies?: string[];
      /** Role fields as Vault reports them on read (TTLs in seconds), e.g. `{ token_ttl: 3600 }`. */
      settings?: Record<string, number | boolean | string>;
    }
  /** At least one secret_id has been issued for the role (and not yet used up or destroyed). */
  | { type: 'approle-secret-id'; role: string; mount?: string }
  | {
      type: 'kv-secret';
      mount: string;
      path: string;
      keys: string[];
      /** The current version is at least this (a rotation wrote a new version). */
      minVersion?: number;
      /** The secret's metadata keeps at most this many versions (`max_versions`). */
      maxVersions?: number;
    };

export interface CheckOutcome {
  done: boolean;
  /** One line: what is still missing, or what was found. Never a secret value. */
  detail: string;
}

export async function runVaultCheck(admin: VaultAdmin, check: VaultCheck): Promise<CheckOutcome> {
  try {
    return await evaluate(admin, check);
  } catch (error) {
    if (error instanceof VaultApiError && error.status === 403) {
      return { done: false, detail: `the playground token may not read this (${error.message})` };
    }
    return { done: false, detail: `could not ask Vault: ${(error as Error).message}` };
  }
}

async function evaluate(admin: VaultAdmin, check: VaultCheck): Promise<CheckOutcome> {
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
    case 'policy-exists': {
      const policy = await admin.readIfExists(`sys/policies/acl/${check.name}`);
      return policy
        ? { done: true, detail: `policy "${check.name}" exists` }
        : { done: false, detail: `there is no policy named "${check.name}" yet` };
    }
    case 'policy-allows': {
      const policy = await admin.readIfExists(`sys/policies/acl/${check.name}`);
      if (!policy) return { done: false, detail: `there is no policy named "${check.name}" yet` };
      // Ask Vault itself what the policy grants: a child token holding only this policy.
      const token = await admin.write<unknown>('auth/token/create', {
        policies: [check.name],
        no_default_policy: true,
        ttl: '1m',
        display_name: 'workbook-check',
      });
      const childToken = token?.auth?.client_token;
      if (!childToken) return { done: false, detail: 'could not create a token to test the policy' };
      try {
        const granted = await capabilities(admin, childToken, check.path);
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
          const extra = await capabilities(admin, childToken, check.deniedPath);
          if (!(extra.length === 0 || (extra.length === 1 && extra[0] === 'deny'))) {
            return {
              done: false,
              detail: `"${check.name}" also grants ${extra.join(', ')} on ${check.deniedPath}: narrow the path`,
            };
          }
        }
        return { done: true, detail: `"${check.name}" grants ${check.capabilities.join(', ')} on ${check.path}` };
      } finally {
        await admin.write('auth/token/revoke', { token: childToken }).catch(() => undefined);
      }
    }
    case 'approle-role': {
      const mount = check.mount ?? 'approle';
      const role = await admin.readIfExists<
        Record<string, unknown> & { token_policies?: string[]; policies?: string[] }
      >(`auth/${mount}/role/${check.role}`);
      if (!role) return { done: false, detail: `there is no AppRole role "${check.role}" at auth/${mount}/` };
      const policies = new Set([...(role.data.token_policies ?? []), ...(role.data.policies ?? [])]);
      const missing = (check.policies ?? []).filter((policy) => !policies.has(policy));
      if (missing.length > 0)
        return { done: false, detail: `role "${check.role}" does not carry the ${missing.join(', ')} policy` };
      for (const [field, expected] of Object.entries(check.settings ?? {})) {
        const actual = role.data[field];
        if (actual !== expected)
          return {
            done: false,
            detail: `role "${check.role}" has ${field} = ${formatSetting(actual)}, expected ${formatSetting(expected)}`,
          };
      }
      return {
        done: true,
        detail: `role "${check.role}" exists${check.policies?.length ? ` with ${check.policies.join(', ')}` : ''}`,
      };
    }
    case 'approle-secret-id': {
      const mount = check.mount ?? 'approle';
      const role = await admin.readIfExists(`auth/${mount}/role/${check.role}`);
      if (!role) return { done: false, detail: `there is no AppRole role "${check.role}" at auth/${mount}/` };
      // Listing returns accessors only, never a secret_id.
      const accessors = await admin.list(`auth/${mount}/role/${check.role}/secret-id`);
      return accessors.length > 0
        ? {
            done: true,
            detail: `role "${check.role}" has ${accessors.length} secret_id${accessors.length === 1 ? '' : 's'} issued`,
          }
        : { done: false, detail: `no secret_id has been issued for role "${check.role}" yet` };
    }
    case 'kv-secret': {
      const secret = await admin.kvGet(check.mount, check.path);
      if (!secret) return { done: false, detail: `nothing is stored at ${check.mount}/${check.path} yet` };
      const missing = check.keys.filter((key) => !(key in secret.data));
      if (missing.length > 0)
        return { done: false, detail: `${check.mount}/${check.path} has no ${missing.join(', ')} key` };
      if (check.minVersion !== undefined && secret.version < check.minVersion) {
        return {
          done: false,
          detail: `${check.mount}/${check.path} is at version ${secret.version}; write a new version (at least ${check.minVersion})`,
        };
      }
      if (check.maxVersions !== undefined) {
        const metadata = await admin.read<{ max_versions?: number }>(`${check.mount}/metadata/${check.path}`);
        const kept = metadata.data.max_versions ?? 0;
        if (kept === 0 || kept > check.maxVersions) {
          return {
            done: false,
            detail: `${check.mount}/${check.path} keeps ${kept === 0 ? 'the default number of' : kept} versions, not at most ${check.maxVersions}`,
          };
        }
      }
      return {
        done: true,
        detail: `${check.mount}/${check.path} holds ${check.keys.join(', ')} (version ${secret.version})`,
      };
    }
  }
}

function formatSetting(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}

/** `sys/capabilities` for another token, asked with the admin token (root can ask for any token). */
async function capabilities(admin: VaultAdmin, token: string, path: string): Promise<string[]> {
  const response = await admin.write<{ capabilities?: string[] }>('sys/capabilities', { token, paths: [path] });
  const data = (response?.data ?? {}) as Record<string, unknown>;
  const list = (data[path] ?? data.capabilities) as string[] | undefined;
  return list ?? [];
}

export { VaultApiError };
