import { badRequest as invalidRequest } from '../../core/errors.js';

/** The plugin answers with logical.ErrorResponse and no Go error: the audit entry has no `error`. */
const badRequest = (message: string) => invalidRequest(message, null);
import {
  getBool,
  getDuration,
  getInt,
  getString,
  getStringList,
  getStringMap,
  goTypeName,
  has,
} from '../../core/fields.js';
import type { Request } from '../../core/logical.js';

/**
 * A role of the JWT auth method (path_role.go): which tokens may log in through it — their
 * audience, subject and claims — and what Vault token they get. `bound_claims` values are a
 * string or a list (any one matches), compared as strings or as globs.
 */
export interface JwtRole {
  name: string;
  roleType: 'jwt' | 'oidc';
  boundAudiences: string[];
  boundSubject: string;
  boundClaims: Record<string, string | string[]> | null;
  boundClaimsType: 'string' | 'glob';
  userClaim: string;
  groupsClaim: string;
  claimMappings: Record<string, string> | null;
  allowedRedirectUris: string[] | null;
  clockSkewLeeway: number;
  expirationLeeway: number;
  notBeforeLeeway: number;
  tokenPolicies: string[];
  tokenTtl: number;
  tokenMaxTtl: number;
  tokenExplicitMaxTtl: number;
  tokenPeriod: number;
  tokenNumUses: number;
  tokenBoundCidrs: string[];
  tokenNoDefaultPolicy: boolean;
  tokenType: string;
}

export function newRole(name: string): JwtRole {
  return {
    name,
    roleType: 'oidc',
    boundAudiences: [],
    boundSubject: '',
    boundClaims: null,
    boundClaimsType: 'string',
    userClaim: '',
    groupsClaim: '',
    claimMappings: null,
    allowedRedirectUris: null,
    clockSkewLeeway: 0,
    expirationLeeway: 0,
    notBeforeLeeway: 0,
    tokenPolicies: [],
    tokenTtl: 0,
    tokenMaxTtl: 0,
    tokenExplicitMaxTtl: 0,
    tokenPeriod: 0,
    tokenNumUses: 0,
    tokenBoundCidrs: [],
    tokenNoDefaultPolicy: false,
    tokenType: 'default',
  };
}

export function applyRoleFields(role: JwtRole, request: Request): void {
  const data = request.data;
  applyTokenFields(role, data);
  if (has(data, 'role_type')) {
    const type = getString(data, 'role_type');
    if (type !== 'jwt' && type !== 'oidc') throw badRequest(`invalid 'role_type': ${type}`);
    role.roleType = type;
  }
  const audiences = getStringList(data, 'bound_audiences');
  if (audiences) role.boundAudiences = audiences;
  if (has(data, 'bound_subject')) role.boundSubject = getString(data, 'bound_subject');
  if (has(data, 'bound_claims')) role.boundClaims = boundClaims(data?.bound_claims);
  if (has(data, 'bound_claims_type')) {
    const type = getString(data, 'bound_claims_type');
    if (type !== 'string' && type !== 'glob') throw badRequest(`invalid 'bound_claims_type': ${type}`);
    role.boundClaimsType = type;
  }
  if (has(data, 'user_claim')) role.userClaim = getString(data, 'user_claim');
  if (has(data, 'groups_claim')) role.groupsClaim = getString(data, 'groups_claim');
  if (has(data, 'claim_mappings')) role.claimMappings = getStringMap(data, 'claim_mappings') ?? null;
  const redirects = getStringList(data, 'allowed_redirect_uris');
  if (redirects) role.allowedRedirectUris = redirects;
  if (has(data, 'clock_skew_leeway')) role.clockSkewLeeway = getDuration(data, 'clock_skew_leeway');
  if (has(data, 'expiration_leeway')) role.expirationLeeway = getDuration(data, 'expiration_leeway');
  if (has(data, 'not_before_leeway')) role.notBeforeLeeway = getDuration(data, 'not_before_leeway');
  if (!role.userClaim) throw badRequest('a user claim must be defined on the role');
  if (role.roleType === 'oidc' && !role.allowedRedirectUris?.length)
    throw badRequest("'allowed_redirect_uris' must be set if 'role_type' is 'oidc' or unspecified.");
  const bounded =
    role.boundAudiences.length > 0 ||
    role.boundSubject !== '' ||
    Object.keys(role.boundClaims ?? {}).length > 0 ||
    role.tokenBoundCidrs.length > 0;
  if (role.roleType === 'jwt' && !bounded)
    throw badRequest('must have at least one bound constraint when creating/updating a role');
}

/** The tokenutil fields every auth method's role shares. */
function applyTokenFields(role: JwtRole, data: Request['data']): void {
  const policies = getStringList(data, 'token_policies') ?? getStringList(data, 'policies');
  if (policies) role.tokenPolicies = policies;
  if (has(data, 'token_ttl')) role.tokenTtl = getDuration(data, 'token_ttl');
  if (has(data, 'token_max_ttl')) role.tokenMaxTtl = getDuration(data, 'token_max_ttl');
  if (has(data, 'token_explicit_max_ttl')) role.tokenExplicitMaxTtl = getDuration(data, 'token_explicit_max_ttl');
  if (has(data, 'token_period')) role.tokenPeriod = getDuration(data, 'token_period');
  if (has(data, 'token_num_uses')) {
    role.tokenNumUses = getInt(data, 'token_num_uses');
    if (role.tokenNumUses < 0) throw badRequest("'token_num_uses' cannot be negative");
  }
  const cidrs = getStringList(data, 'token_bound_cidrs');
  if (cidrs) role.tokenBoundCidrs = cidrs;
  if (has(data, 'token_no_default_policy')) role.tokenNoDefaultPolicy = getBool(data, 'token_no_default_policy');
  if (has(data, 'token_type')) role.tokenType = getString(data, 'token_type');
  if (role.tokenMaxTtl > 0 && role.tokenTtl > role.tokenMaxTtl)
    throw badRequest("'token_ttl' cannot be greater than 'token_max_ttl'");
}

function boundClaims(value: unknown): Record<string, string | string[]> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw badRequest(`error converting input for field "bound_claims": '' expected a map, got '${goTypeName(value)}'`);
  const claims: Record<string, string | string[]> = {};
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'string') claims[key] = item;
    else if (Array.isArray(item) && item.every((entry) => typeof entry === 'string')) claims[key] = item;
    else throw badRequest(`unsupported type ${goTypeName(item)} for bound_claims "${key}"`);
  }
  return claims;
}

/** The role as bao 2.7.2 reads it back (observed field by field; maps in sorted key order). */
export function roleData(role: JwtRole): Record<string, unknown> {
  const sorted = <T>(map: Record<string, T> | null) =>
    map ? Object.fromEntries(Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : null;
  return {
    allowed_redirect_uris: role.allowedRedirectUris,
    bound_audiences: role.boundAudiences.length ? role.boundAudiences : null,
    bound_claims: sorted(role.boundClaims),
    bound_claims_type: role.boundClaimsType,
    bound_subject: role.boundSubject,
    callback_mode: 'client',
    claim_mappings: sorted(role.claimMappings),
    clock_skew_leeway: role.clockSkewLeeway,
    expiration_leeway: role.expirationLeeway,
    groups_claim: role.groupsClaim,
    max_age: 0,
    not_before_leeway: role.notBeforeLeeway,
    oauth2_metadata: null,
    oidc_disable_confirmation: false,
    oidc_scopes: null,
    role_type: role.roleType,
    token_bound_cidrs: role.tokenBoundCidrs,
    token_explicit_max_ttl: role.tokenExplicitMaxTtl,
    token_max_ttl: role.tokenMaxTtl,
    token_no_default_policy: role.tokenNoDefaultPolicy,
    token_num_uses: role.tokenNumUses,
    token_period: role.tokenPeriod,
    token_policies: role.tokenPolicies,
    token_policies_template_claims: false,
    token_strictly_bind_ip: false,
    token_ttl: role.tokenTtl,
    token_type: role.tokenType,
    user_claim: role.userClaim,
    user_claim_json_pointer: false,
    verbose_oidc_logging: false,
  };
}
