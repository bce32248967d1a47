import { belongsToCidrs } from '../../core/cidr.js';
import { badRequest, permissionDenied, VaultError } from '../../core/errors.js';
import { getString, sanitizePolicies } from '../../core/fields.js';
import type { IdentityStore } from '../../core/identity.js';
import type { Request, Response } from '../../core/logical.js';
import { SYSTEM_MAX_TTL, type TokenStore } from '../token/store.js';
import { humanDuration } from '../../core/duration.js';
import type { Lockout } from './lockout.js';
import type { Role } from './roles.js';
import type { SecretIdEntry, SecretIds } from './secret-ids.js';
import { verifyCidrSubset } from './secret-id-routes.js';
import { parseTokenBoundCidrs } from './token-params.js';

const INVALID = 'invalid role or secret ID';

export interface LoginDeps {
  tokens: TokenStore;
  identity: IdentityStore;
  lockout: Lockout;
  roleByRoleId: (roleId: string) => Role | undefined;
  secretIds: (role: Role) => SecretIds;
}

/**
 * `auth/approle/login` (path_login.go): role_id → role; secret_id checked (expiry, uses);
 * then a service token with the role's token settings. Wrong credentials count towards the
 * user lockout of that role_id, like Vault's ErrInvalidCredentials.
 */
export function login(deps: LoginDeps, request: Request): Response {
  const roleId = getString(request.data, 'role_id').trim();
  if (!roleId) throw new VaultError(500, ['missing role_id'], { beforeRouting: true });
  const mount = request.mount!;
  const alias = `${mount.accessor}\n${roleId}`;
  if (deps.lockout.isLocked(alias)) throw new VaultError(403, ['permission denied'], { error: 'permission denied' });
  const role = deps.roleByRoleId(roleId);
  if (!role) throw badRequest(INVALID, null);
  let metadata: Record<string, string> = {};
  let entry: SecretIdEntry | undefined;
  const source = request.remoteAddress;
  if (role.bindSecretId) {
    const secretId = getString(request.data, 'secret_id').trim();
    if (!secretId) throw badRequest('missing secret_id', null);
    entry = deps.secretIds(role).get(secretId);
    if (!entry) {
      deps.lockout.fail(alias);
      throw badRequest(INVALID, 'invalid credentials');
    }
    verifyCidrSubset(entry.cidrList, role.secretIdBoundCidrs);
    if (entry.cidrList.length && !belongsToCidrs(source, entry.cidrList)) {
      // The two branches of path_login.go (unlimited or counted uses) word it differently.
      throw badRequest(
        entry.numUses === 0
          ? `source address ${JSON.stringify(source)} unauthorized through CIDR restrictions on the secret ID`
          : `source address ${JSON.stringify(source)} unauthorized by CIDR restrictions on the secret ID: %!w(<nil>)`,
        null,
      );
    }
    metadata = entry.metadata;
  }
  if (role.secretIdBoundCidrs?.length && !belongsToCidrs(source, role.secretIdBoundCidrs))
    throw badRequest(
      `source address ${JSON.stringify(source)} unauthorized by CIDR restrictions on the role: %!w(<nil>)`,
      null,
    );
  // A refused login leaves the secret ID's uses as they were (Vault rolls the transaction back).
  if (entry) deps.secretIds(role).use(entry);
  deps.lockout.succeed(alias);
  const entity = deps.identity.entityFor(mount.accessor, roleId, { role_name: role.name });
  if (entity.disabled) throw permissionDenied();
  const policies = sanitizePolicies(role.tokenPolicies, !role.tokenNoDefaultPolicy);
  const token = deps.tokens.create({
    policies,
    path: `auth/${mount.path}login`,
    meta: sortedMeta({ ...metadata, role_name: role.name }),
    // Vault prefixes the method's (empty) display name with the mount path: `approle`, `ap2`.
    displayName: mount.path.replace(/\/+$/, '').replace(/\//g, '-'),
    numUses: role.tokenNumUses,
    ttl: role.tokenTtl || mount.config.defaultLeaseTtl,
    maxTtl: role.tokenMaxTtl || mount.config.maxLeaseTtl,
    explicitMaxTtl: role.tokenExplicitMaxTtl,
    period: role.tokenPeriod,
    noParent: true,
    entityId: entity.id,
    boundCidrs: boundCidrs(role, entry),
    type: role.tokenType === 'batch' ? 'batch' : 'service',
  });
  const response: Response = { auth: { ...deps.tokens.authResult(token), entityCreated: entity.created } };
  const requested = role.tokenPeriod || role.tokenTtl || mount.config.defaultLeaseTtl || SYSTEM_MAX_TTL;
  if (requested > token.ttl) {
    response.warnings = [
      `TTL of ${JSON.stringify(humanDuration(requested))} exceeded the effective max_ttl of ${JSON.stringify(humanDuration(token.ttl))}; TTL value is capped accordingly`,
    ];
  }
  return response;
}

/**
 * The new token's CIDR binding: the secret ID's, else the role's. (path_login.go sets it after
 * PopulateTokenAuth, so `token_strictly_bind_ip` has no effect on AppRole logins.)
 */
function boundCidrs(role: Role, entry: SecretIdEntry | undefined): string[] | undefined {
  if (entry?.tokenBoundCidrs.length) return parseTokenBoundCidrs(entry.tokenBoundCidrs);
  return role.tokenBoundCidrs?.length ? role.tokenBoundCidrs : undefined;
}

/** Token metadata as Vault returns it: a map, so keys in sorted order. */
function sortedMeta(meta: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(meta).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
