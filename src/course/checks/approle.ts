import type { VaultAdmin } from '../../vault/admin-client.js';
import { findTokens } from './tokens.js';
import type { CheckOutcome, VaultCheck } from './types.js';

type ApproleCheck = Extract<VaultCheck, { type: 'approle-role' | 'approle-secret-id' | 'approle-wrapped-secret-id' }>;

/** AppRole roles judged by the settings Vault reports, and the secret_ids issued for them. */
export async function runApproleCheck(admin: VaultAdmin, check: ApproleCheck): Promise<CheckOutcome> {
  const mount = check.mount ?? 'approle';
  const role = await admin.readIfExists<Record<string, unknown> & { token_policies?: string[]; policies?: string[] }>(
    `auth/${mount}/role/${check.role}`,
  );
  if (!role) return { done: false, detail: `there is no AppRole role "${check.role}" at auth/${mount}/` };
  switch (check.type) {
    case 'approle-role':
      return roleSettings(check, role.data);
    case 'approle-secret-id': {
      // Listing returns accessors only, never a secret_id.
      const accessors = await admin.list(`auth/${mount}/role/${check.role}/secret-id`);
      return accessors.length > 0
        ? {
            done: true,
            detail: `role "${check.role}" has ${accessors.length} secret_id${accessors.length === 1 ? '' : 's'} issued`,
          }
        : { done: false, detail: `no secret_id has been issued for role "${check.role}" yet` };
    }
    case 'approle-wrapped-secret-id':
      return wrappedSecretId(admin, check, mount);
  }
}

function roleSettings(
  check: Extract<ApproleCheck, { type: 'approle-role' }>,
  data: Record<string, unknown> & { token_policies?: string[]; policies?: string[] },
): CheckOutcome {
  const policies = new Set([...(data.token_policies ?? []), ...(data.policies ?? [])]);
  const missing = (check.policies ?? []).filter((policy) => !policies.has(policy));
  if (missing.length > 0)
    return { done: false, detail: `role "${check.role}" does not carry the ${missing.join(', ')} policy` };
  const extra = check.onlyPolicies
    ? [...policies].filter((policy) => policy !== 'default' && !(check.policies ?? []).includes(policy))
    : [];
  if (extra.length > 0)
    return {
      done: false,
      detail: `role "${check.role}" also carries ${extra.join(', ')}: one role, one policy (${(check.policies ?? []).join(', ')})`,
    };
  const outOfBounds = limitsBroken(check, data);
  if (outOfBounds) return { done: false, detail: outOfBounds };
  for (const [field, expected] of Object.entries(check.settings ?? {})) {
    const actual = data[field];
    if (!sameSetting(field, actual, expected))
      return {
        done: false,
        detail: `role "${check.role}" has ${field} = ${formatSetting(actual)}, expected ${formatSetting(expected)}`,
      };
  }
  return {
    done: true,
    detail: `role "${check.role}" exists${check.policies?.length ? ` with ${check.policies.join(', ')}` : ''}${
      check.settings ? ' and the settings asked for' : ''
    }${
      check.limits
        ? ` (${Object.keys(check.limits)
            .map((field) => `${field} ${duration(Number(data[field]))}`)
            .join(', ')})`
        : ''
    }`,
  };
}

/** The first numeric field outside its bounds, said the way Vault's settings are written. */
function limitsBroken(
  check: Extract<ApproleCheck, { type: 'approle-role' }>,
  data: Record<string, unknown>,
): string | undefined {
  for (const [field, { min, max }] of Object.entries(check.limits ?? {})) {
    const actual = typeof data[field] === 'number' ? data[field] : Number(data[field] ?? 0);
    const unset = actual === 0 && field.endsWith('_ttl');
    if (min !== undefined && actual < min)
      return unset
        ? `role "${check.role}" leaves ${field} at 0${field.startsWith('token') ? " (the server's default: 32 days)" : ' (never expires)'}: set it${max !== undefined ? `, at most ${duration(max)}` : ''}`
        : `role "${check.role}" has ${field} = ${actual}, below ${min}`;
    if (max !== undefined && actual > max)
      return `role "${check.role}" has ${field} = ${duration(actual)}: at most ${duration(max)}`;
  }
  return undefined;
}

/** Seconds as a TTL is written for Vault: `30m`, `24h`, `30d`, `90s`. */
function duration(seconds: number): string {
  if (seconds > 86400 && seconds % 86400 === 0) return `${seconds / 86400}d`;
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

/** Lists compare as sets; a CIDR for one address matches with or without /32 (Vault normalises it). */
function sameSetting(field: string, actual: unknown, expected: number | boolean | string | string[]): boolean {
  if (!Array.isArray(expected)) return actual === expected;
  const normalise = (value: string) => (field.endsWith('_cidrs') ? value.replace(/\/32$/, '') : value);
  const have = new Set(
    (Array.isArray(actual) ? actual : actual ? [actual] : []).map((value) => normalise(String(value))),
  );
  const want = new Set(expected.map(normalise));
  return have.size === want.size && [...want].every((value) => have.has(value));
}

function formatSetting(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}

async function wrappedSecretId(
  admin: VaultAdmin,
  check: Extract<ApproleCheck, { type: 'approle-wrapped-secret-id' }>,
  mount: string,
): Promise<CheckOutcome> {
  const creationPath = `auth/${mount}/role/${check.role}/secret-id`;
  // A wrapping token is a real token with the response-wrapping policy, created at the path it wraps.
  const wrapping = await findTokens(
    admin,
    (token) => token.path === creationPath && (token.policies ?? []).includes('response-wrapping'),
  );
  if (wrapping.length === 0) {
    const plain = await admin.list(creationPath);
    return {
      done: false,
      detail:
        plain.length > 0
          ? `role "${check.role}" has secret_ids, but none is waiting response-wrapped (issue one with -wrap-ttl)`
          : `no response-wrapped secret_id of role "${check.role}" is waiting to be unwrapped`,
    };
  }
  const limit = check.maxTtl;
  const shortEnough = limit === undefined ? wrapping : wrapping.filter((token) => lifetimeOf(token) <= limit);
  if (shortEnough.length === 0)
    return {
      done: false,
      detail: `the wrapped secret_id of "${check.role}" lives ${lifetimeOf(wrapping[0]!)}s: wrap it for at most ${limit}s`,
    };
  return { done: true, detail: `a response-wrapped secret_id of "${check.role}" is waiting to be unwrapped (once)` };
}

const lifetimeOf = (token: { creation_ttl?: number; explicit_max_ttl?: number }) =>
  token.explicit_max_ttl || token.creation_ttl || 0;
