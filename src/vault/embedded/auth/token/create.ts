import type { PolicyStore } from '../../acl/store.js';
import { DurationError, humanDuration, parseDurationSeconds } from '../../core/duration.js';
import { badRequest } from '../../core/errors.js';
import {
  getBool,
  getInt,
  getString,
  getStringSlice,
  getWeakString,
  getWeakStringSlice,
  sanitizePolicies,
} from '../../core/fields.js';
import type { Request, Response, Route } from '../../core/logical.js';
import { SYSTEM_MAX_TTL, type TokenEntry, type TokenStore, type TokenType } from './store.js';

const CUSTOM_ID_WARNING =
  'Supplying a custom ID for the token uses the weaker SHA1 hashing instead of the more secure SHA2-256 HMAC for token obfuscation. SHA1 hashed tokens on the wire leads to less secure lookups.';

/** The create paths' field schema (TTLs are strings there, parsed by the handler). */
export const CREATE_FIELDS: NonNullable<Route['fields']> = {
  display_name: getWeakString,
  explicit_max_ttl: getWeakString,
  entity_alias: getWeakString,
  num_uses: getInt,
  period: getWeakString,
  renewable: getBool,
  ttl: getWeakString,
  lease: getWeakString,
  type: getWeakString,
  no_default_policy: getBool,
  id: getWeakString,
  meta: metaPairs,
  no_parent: getBool,
  policies: getWeakStringSlice,
  role_name: getWeakString,
};

/** TypeKVPairs: a map of strings, or `key=value` strings (one or a list). */
function metaPairs(data: Request['data'], field: string): Record<string, string> | undefined {
  const value = data?.[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'object' && !Array.isArray(value))
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, typeof item === 'string' ? item : JSON.stringify(item)]),
    );
  const pairs: Record<string, string> = {};
  (Array.isArray(value) ? value : [value]).forEach((item, index) => {
    const text = String(item);
    const equals = text.indexOf('=');
    if (equals <= 0)
      throw badRequest(
        `error converting input for field ${JSON.stringify(field)}: invalid key pair at index ${index} in field ${JSON.stringify(field)}`,
      );
    pairs[text.slice(0, equals)] = text.slice(equals + 1);
  });
  return pairs;
}

/** `auth/token/create` and `create-orphan` (token_store.go handleCreateCommon). */
export function createToken(tokens: TokenStore, policies: PolicyStore, request: Request, orphan: boolean): Response {
  const parent = request.token!;
  const data = request.data;
  const parentIsRoot = parent.policies.includes('root');
  // A token on its last use is already marked for revocation (num_uses -1): it is no parent.
  if (parent.numUses < 0) throw badRequest('parent token lookup failed: no parent found');
  if (parent.type === 'batch') throw badRequest('batch tokens cannot create more tokens', null);
  if (parent.numUses > 0) throw badRequest('restricted use token cannot generate child tokens');
  const type = tokenType(data);
  const childPolicies = childPoliciesOf(parent, data);
  if (type === 'batch' && childPolicies.includes('root')) throw badRequest('batch tokens cannot be root tokens', null);
  const id = getString(data, 'id');
  if (id && !parentIsRoot) throw badRequest('root or sudo privileges required to specify token id');
  if (id && (id.includes('.') || id.startsWith('s.') || id.startsWith('hvs.')))
    throw badRequest('custom token ID cannot contain a "."');
  if (id && tokens.lookup(id)) throw badRequest('cannot create a token with a duplicate ID');
  const ttl = seconds(data?.ttl ?? data?.lease);
  const explicitMaxTtl = seconds(data?.explicit_max_ttl);
  const period = seconds(data?.period);
  const numUses = getInt(data, 'num_uses');
  if (numUses < 0) throw badRequest('number of uses cannot be negative');
  const displayName = getString(data, 'display_name');
  const noParent = orphan || getBool(data, 'no_parent');
  if (noParent && !orphan && !parentIsRoot) throw badRequest('root or sudo privileges required to create orphan token');
  const entry = tokens.create({
    id: id || undefined,
    parent,
    noParent,
    policies: childPolicies,
    path: orphan ? 'auth/token/create-orphan' : 'auth/token/create',
    meta: metaPairs(data, 'meta') ?? null,
    displayName: displayName ? `token-${displayName.replace(/[^a-zA-Z0-9-]/g, '-')}` : 'token',
    numUses,
    ttl,
    explicitMaxTtl,
    period,
    renewable: getBool(data, 'renewable', true),
    entityId: parent.entityId,
    type,
  });
  const missing = childPolicies.filter((policy) => policy !== 'root' && policy !== 'default' && !policies.get(policy));
  const response: Response = { auth: tokens.authResult(entry) };
  const warnings: string[] = [];
  // Vault warns when the TTL asked for (or the default one, except for root tokens) gets capped.
  const asked = ttl || (childPolicies.includes('root') ? 0 : SYSTEM_MAX_TTL);
  if (asked > 0 && entry.ttl < asked && !period) {
    warnings.push(
      `TTL of ${JSON.stringify(humanDuration(asked))} exceeded the effective max_ttl of ${JSON.stringify(humanDuration(entry.ttl))}; TTL value is capped accordingly`,
    );
  }
  if (id) warnings.push(CUSTOM_ID_WARNING);
  warnings.push(...missing.map((policy) => `Policy ${JSON.stringify(policy)} does not exist`));
  if (warnings.length) response.warnings = warnings;
  return response;
}

/** The child's policies: the requested ones (or the parent's), which a non-root parent must hold. */
function childPoliciesOf(parent: TokenEntry, data: Request['data']): string[] {
  const noDefault = getBool(data, 'no_default_policy');
  let requested = getStringSlice(data, 'policies');
  if (requested === undefined || requested.length === 0)
    requested = parent.policies.filter((policy) => !(noDefault && policy === 'default'));
  let childPolicies = sanitizePolicies(requested, !noDefault);
  if (noDefault) childPolicies = childPolicies.filter((policy) => policy !== 'default');
  if (!parent.policies.includes('root')) {
    const allowed = new Set(parent.policies);
    if (childPolicies.some((policy) => policy !== 'default' && !allowed.has(policy)))
      throw badRequest('child policies must be subset of parent');
    if (childPolicies.includes('root'))
      throw badRequest('root tokens may not be created without parent token being root');
  }
  return childPolicies;
}

/** `type`: service (the default) or batch, which refuses settings only service tokens have. */
function tokenType(data: Request['data']): TokenType {
  const type = getString(data, 'type');
  if (type === '' || type === 'service') return 'service';
  if (type !== 'batch') throw badRequest("invalid 'token_type' value");
  const bad =
    seconds(data?.explicit_max_ttl) !== 0
      ? 'explicit_max_ttl'
      : getInt(data, 'num_uses') !== 0
        ? 'num_uses'
        : seconds(data?.period) !== 0
          ? 'period'
          : undefined;
  if (bad) throw badRequest(`batch tokens cannot have ${JSON.stringify(bad)} set`, null);
  return 'batch';
}

function seconds(value: unknown): number {
  try {
    const parsed = parseDurationSeconds(value);
    if (parsed < 0) throw badRequest('ttl must be positive');
    return parsed;
  } catch (error) {
    if (error instanceof DurationError) throw badRequest(error.message);
    throw error;
  }
}
