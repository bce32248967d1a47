import type { PolicyStore } from '../../acl/store.js';
import { DurationError, humanDuration, parseDurationSeconds } from '../../core/duration.js';
import { badRequest, errorResponse, multiError, VaultError } from '../../core/errors.js';
import { getBool, getInt, getString, getStringMap, getStringSlice, sanitizePolicies } from '../../core/fields.js';
import type { Request, Response } from '../../core/logical.js';
import { RoutedBackend } from '../../core/routes.js';
import { SYSTEM_MAX_TTL, type TokenEntry, type TokenStore } from './store.js';

/** The token auth method mounted at `auth/token/` (OpenBao token_store.go, the parts a course uses). */
export function tokenBackend(tokens: TokenStore, policies: PolicyStore): RoutedBackend {
  const lookupOther = (request: Request): Response => {
    const id = getString(request.data, 'token');
    const entry = id ? tokens.lookup(id) : request.token;
    if (!entry) throw errorResponse(403, 'bad token', multiError('permission denied'));
    return { data: tokens.lookupData(entry, true) };
  };
  const byAccessor = (request: Request): TokenEntry => {
    const entry = tokens.lookupAccessor(getString(request.data, 'accessor'));
    if (!entry) throw new VaultError(400, [multiError('invalid accessor')]);
    return entry;
  };
  const renew = (entry: TokenEntry | undefined, request: Request): Response => {
    // A token on its last use is already marked for revocation.
    if (!entry || entry.numUses < 0) throw badRequest('token not found');
    if (!entry.renewable) throw badRequest('lease is not renewable');
    let increment: number;
    try {
      increment = parseDurationSeconds(request.data?.increment ?? 0);
    } catch (error) {
      if (error instanceof DurationError) throw badRequest(error.message);
      throw error;
    }
    const { capped } = tokens.renew(entry, increment);
    // The auth block shows the use count the token was created with.
    const response: Response = {
      auth: { ...tokens.authResult(entry), numUses: entry.initialNumUses, auditIssueTime: true },
    };
    if (capped) {
      response.warnings = [
        `TTL of ${JSON.stringify(humanDuration(capped.requested))} exceeded the effective max_ttl of ${JSON.stringify(humanDuration(capped.max))}; TTL value is capped accordingly`,
      ];
    }
    return response;
  };
  const create =
    (orphan: boolean) =>
    (request: Request): Response =>
      createToken(tokens, policies, request, orphan);

  return new RoutedBackend(
    'token',
    [
      {
        pattern: /^lookup-self$/,
        operations: {
          read: (request) => ({ data: tokens.lookupData(request.token!, true) }),
          update: (request) => ({ data: tokens.lookupData(request.token!, true) }),
        },
      },
      { pattern: /^lookup$/, operations: { read: lookupOther, update: lookupOther } },
      {
        pattern: /^lookup-accessor$/,
        operations: { update: (request) => ({ data: tokens.lookupData(byAccessor(request), false) }) },
      },
      { pattern: /^renew-self$/, operations: { update: (request) => renew(request.token, request) } },
      {
        pattern: /^renew$/,
        operations: { update: (request) => renew(tokens.lookup(getString(request.data, 'token')), request) },
      },
      { pattern: /^renew-accessor$/, operations: { update: (request) => renew(byAccessor(request), request) } },
      {
        pattern: /^revoke-self$/,
        operations: {
          update: (request) => {
            tokens.revoke(request.token!);
            return null;
          },
        },
      },
      {
        pattern: /^revoke$/,
        operations: {
          update: (request) => {
            const id = getString(request.data, 'token');
            if (!id) throw badRequest('missing token ID');
            const entry = tokens.lookup(id);
            if (entry) tokens.revoke(entry);
            return null;
          },
        },
      },
      {
        pattern: /^revoke-accessor$/,
        operations: {
          update: (request) => {
            const entry = tokens.lookupAccessor(getString(request.data, 'accessor'));
            if (!entry) return { warnings: ['No token found with this accessor'] };
            tokens.revoke(entry);
            return null;
          },
        },
      },
      { pattern: /^create$/, operations: { update: create(false) } },
      { pattern: /^create-orphan$/, operations: { update: create(true) } },
      { pattern: /^accessors\/$/, operations: { list: () => ({ data: { keys: tokens.accessors() } }) } },
    ],
    { root: (path) => path.startsWith('accessors') || path.startsWith('revoke-orphan') },
  );
}

function createToken(tokens: TokenStore, policies: PolicyStore, request: Request, orphan: boolean): Response {
  const parent = request.token!;
  const data = request.data;
  const parentIsRoot = parent.policies.includes('root');
  // A token on its last use is already marked for revocation (num_uses -1): it is no parent.
  if (parent.numUses < 0) throw badRequest('parent token lookup failed: no parent found');
  if (parent.numUses > 0) throw badRequest('restricted use token cannot generate child tokens');
  const noDefault = getBool(data, 'no_default_policy');
  let requested = getStringSlice(data, 'policies');
  if (requested === undefined || requested.length === 0)
    requested = parent.policies.filter((policy) => !(noDefault && policy === 'default'));
  let childPolicies = sanitizePolicies(requested, !noDefault);
  if (noDefault) childPolicies = childPolicies.filter((policy) => policy !== 'default');
  if (!parentIsRoot) {
    const allowed = new Set(parent.policies);
    if (childPolicies.some((policy) => policy !== 'default' && !allowed.has(policy)))
      throw badRequest('child policies must be subset of parent');
    if (childPolicies.includes('root'))
      throw badRequest('root tokens may not be created without parent token being root');
  }
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
    meta: getStringMap(data, 'meta') ?? null,
    displayName: displayName ? `token-${displayName.replace(/[^a-zA-Z0-9-]/g, '-')}` : 'token',
    numUses,
    ttl,
    explicitMaxTtl,
    period,
    renewable: getBool(data, 'renewable', true),
    entityId: parent.entityId,
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
  warnings.push(...missing.map((policy) => `Policy ${JSON.stringify(policy)} does not exist`));
  if (warnings.length) response.warnings = warnings;
  return response;
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
