import type { AuditAuth } from '../../audit/entry.js';
import { rfc3339 } from '../core/clock.js';
import type { AuthResult } from '../core/logical.js';
import type { TokenEntry } from '../auth/token/store.js';
import type { AuditRecord, DeviceSettings } from './format.js';

/*
 * The `auth` blocks of audit entries (the caller's token, and a token a response creates) and
 * the hashing every part of an entry uses.
 */

/** A value as the device logs it: HMAC'd, or as is with `log_raw`. */
export function hashString(value: string, device: DeviceSettings): string {
  return device.logRaw ? value : device.salt.hash(value);
}

export function hashData(data: Record<string, unknown>, device: DeviceSettings, rawKeys?: string[]): unknown {
  if (device.logRaw) return JSON.parse(JSON.stringify(data)) as unknown;
  return device.salt.hashStructure(data, rawKeys ? new Set(rawKeys) : undefined);
}

export function callerAuth(record: AuditRecord, device: DeviceSettings): AuditAuth {
  if (record.anonymous) return { token_type: 'default' };
  const token = record.token;
  if (!token) {
    if (!record.allowed) return { token_type: 'default' };
    // An unauthenticated path ignores an invalid token, but the entry still shows its hash.
    const auth: AuditAuth = record.request.clientToken
      ? { client_token: hashString(record.request.clientToken, device) }
      : {};
    auth.policy_results = { allowed: true };
    auth.token_type = 'default';
    return auth;
  }
  const variant = `${record.denied ? 'd' : record.allowed ? 'a' : '-'}|${record.granting?.join(',') ?? ''}|${record.remainingUses ?? token.numUses}`;
  device.authCache ??= new WeakMap();
  let variants = device.authCache.get(token);
  if (!variants) {
    variants = new Map();
    device.authCache.set(token, variants);
  }
  let cached = variants.get(variant);
  if (!cached) {
    cached = Object.freeze(buildCallerAuth(record, token, device));
    if (variants.size > 16) variants.clear();
    variants.set(variant, cached);
  }
  return cached;
}

function buildCallerAuth(record: AuditRecord, token: TokenEntry, device: DeviceSettings): AuditAuth {
  const auth: AuditAuth = {
    client_token: hashString(token.id, device),
    // Batch tokens have no accessor: the entry has none (Vault's omitempty).
    ...(token.accessor && { accessor: device.hmacAccessor ? hashString(token.accessor, device) : token.accessor }),
    display_name: token.displayName,
    policies: token.policies,
    token_policies: token.policies,
  };
  if (record.denied) auth.policy_results = { allowed: false };
  else if (record.allowed) {
    auth.policy_results = record.granting?.length
      ? {
          allowed: true,
          granting_policies: record.granting.map((name) => ({ name, namespace_id: 'root', type: 'acl' })),
        }
      : { allowed: true };
  }
  if (token.meta) auth.metadata = token.meta;
  if (token.entityId) auth.entity_id = token.entityId;
  auth.token_type = token.type;
  if (token.creationTtl) auth.token_ttl = token.creationTtl;
  auth.token_issue_time = rfc3339(token.creationTime);
  const remaining = record.remainingUses ?? token.numUses;
  if (remaining > 0) auth.remaining_uses = remaining;
  return auth;
}

/** A new token's auth block; as the entry's own `auth` (a login) it has no use count. */
export function formatNewAuth(auth: AuthResult, device: DeviceSettings, asEntryAuth = false): AuditAuth {
  const out: AuditAuth = {
    client_token: hashString(auth.clientToken, device),
    ...(auth.accessor && { accessor: device.hmacAccessor ? hashString(auth.accessor, device) : auth.accessor }),
  };
  if (auth.displayName) out.display_name = auth.displayName;
  out.policies = auth.policies;
  out.token_policies = auth.tokenPolicies;
  if (auth.metadata) out.metadata = auth.metadata;
  if (auth.entityId) out.entity_id = auth.entityId;
  out.token_type = auth.tokenType;
  if (auth.leaseDuration) out.token_ttl = auth.leaseDuration;
  if (auth.auditIssueTime) out.token_issue_time = rfc3339(auth.issueTime);
  if (auth.numUses && !asEntryAuth) (out as Record<string, unknown>).num_uses = auth.numUses;
  return out;
}

/** `entity_created` sits after `entity_id` in a login's entry. */
export function withEntityCreated(auth: AuditAuth): AuditAuth {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(auth)) {
    out[key] = value;
    if (key === 'entity_id') out.entity_created = true;
  }
  return out as AuditAuth;
}
