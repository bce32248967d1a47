import { badRequest as invalidRequest } from '../../core/errors.js';

/** The plugin answers with logical.ErrorResponse and no Go error: the audit entry has no `error`. */
const badRequest = (message: string) => invalidRequest(message, null);
import { getString, sanitizePolicies } from '../../core/fields.js';
import type { IdentityStore } from '../../core/identity.js';
import type { Request, Response } from '../../core/logical.js';
import type { ServerClock } from '../../core/clock.js';
import type { TokenStore } from '../token/store.js';
import type { JwtConfig } from './config.js';
import type { JwtRole } from './roles.js';
import { claimValue, JwtRejected, verifiedClaims } from './verify.js';

export interface JwtLoginDeps {
  clock: ServerClock;
  tokens: TokenStore;
  identity: IdentityStore;
  config: () => JwtConfig | undefined;
  role: (name: string) => JwtRole | undefined;
}

/**
 * `auth/<mount>/login` (path_login.go) for `role_type=jwt`: the role (or the config's
 * default_role), the token verified and its claims checked against the role, then a service
 * token with the role's token settings, named after the user claim (`jwt-<value>`), its entity
 * alias the user claim's value, its metadata the role's name.
 */
export function jwtLogin(deps: JwtLoginDeps, request: Request): Response {
  const config = deps.config();
  if (!config) throw badRequest('could not load configuration');
  const roleName = getString(request.data, 'role') || config.defaultRole;
  if (!roleName) throw badRequest('missing role');
  const role = deps.role(roleName);
  if (!role) throw badRequest(`role ${JSON.stringify(roleName)} could not be found`);
  if (role.roleType !== 'jwt') throw badRequest('role with oidc role_type is not allowed');
  const jwt = getString(request.data, 'jwt');
  if (!jwt) throw badRequest('missing token');
  let claims;
  try {
    claims = verifiedClaims(jwt, config, role, Math.floor(deps.clock.now() / 1000));
  } catch (error) {
    if (error instanceof JwtRejected) throw badRequest(error.message);
    throw error;
  }
  const user = claimValue(claims, role.userClaim);
  if (typeof user !== 'string' && typeof user !== 'number')
    throw badRequest(`claim ${JSON.stringify(role.userClaim)} not found in token`);
  const mount = request.mount!;
  const entity = deps.identity.entityFor(mount.accessor, String(user));
  const token = deps.tokens.create({
    policies: sanitizePolicies(role.tokenPolicies, !role.tokenNoDefaultPolicy),
    path: `auth/${mount.path}login`,
    meta: { role: role.name },
    displayName: `${mount.path.replace(/\/+$/, '').replace(/\//g, '-')}-${String(user)}`,
    numUses: role.tokenNumUses,
    ttl: role.tokenTtl || mount.config.defaultLeaseTtl,
    maxTtl: role.tokenMaxTtl || mount.config.maxLeaseTtl,
    explicitMaxTtl: role.tokenExplicitMaxTtl,
    period: role.tokenPeriod,
    noParent: true,
    entityId: entity.id,
  });
  return { auth: { ...deps.tokens.authResult(token), entityCreated: entity.created } };
}
