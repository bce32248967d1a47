import { badRequest, multiError, VaultError } from '../../core/errors.js';
import { getBool, getDuration, getInt, getString, getStringList, has } from '../../core/fields.js';
import { uuid } from '../../core/ids.js';
import type { Request } from '../../core/logical.js';

export interface Role {
  name: string;
  roleId: string;
  bindSecretId: boolean;
  secretIdBoundCidrs: string[] | null;
  secretIdNumUses: number;
  secretIdTtl: number;
  localSecretIds: boolean;
  tokenPolicies: string[];
  /** Legacy `policies`, shown on read only when it was used. */
  policies?: string[];
  tokenTtl: number;
  tokenMaxTtl: number;
  tokenExplicitMaxTtl: number;
  tokenPeriod: number;
  period?: number;
  tokenNumUses: number;
  tokenBoundCidrs: string[];
  tokenNoDefaultPolicy: boolean;
  tokenType: string;
}

export function newRole(name: string): Role {
  return {
    name,
    roleId: uuid(),
    bindSecretId: true,
    secretIdBoundCidrs: null,
    secretIdNumUses: 0,
    secretIdTtl: 0,
    localSecretIds: false,
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

/** Apply a create/update body to a role (approle path_role.go + tokenutil), validating like Vault. */
export function applyRoleFields(role: Role, request: Request, creating: boolean): void {
  const data = request.data;
  convertFields(data);
  // tokenutil.ParseTokenFields runs first, with its own checks.
  const tokenPolicies = getStringList(data, 'token_policies');
  const legacyPolicies = getStringList(data, 'policies');
  // Stored as given (comma list split and trimmed); logins sanitise them.
  if (tokenPolicies !== undefined) {
    role.tokenPolicies = tokenPolicies;
    if (legacyPolicies === undefined) delete role.policies;
  } else if (legacyPolicies !== undefined) {
    role.tokenPolicies = legacyPolicies;
    role.policies = role.tokenPolicies;
  }
  if (has(data, 'token_ttl')) role.tokenTtl = getDuration(data, 'token_ttl');
  if (has(data, 'token_max_ttl')) role.tokenMaxTtl = getDuration(data, 'token_max_ttl');
  if (has(data, 'token_explicit_max_ttl')) role.tokenExplicitMaxTtl = getDuration(data, 'token_explicit_max_ttl');
  if (has(data, 'token_period')) {
    role.tokenPeriod = getDuration(data, 'token_period');
    delete role.period;
  } else if (has(data, 'period')) {
    role.tokenPeriod = getDuration(data, 'period');
    role.period = role.tokenPeriod;
  }
  if (has(data, 'token_num_uses')) {
    role.tokenNumUses = getInt(data, 'token_num_uses');
    if (role.tokenNumUses < 0) throw badRequest("'token_num_uses' cannot be negative");
  }
  const tokenBound = getStringList(data, 'token_bound_cidrs');
  if (tokenBound) role.tokenBoundCidrs = tokenBound;
  if (has(data, 'token_no_default_policy')) role.tokenNoDefaultPolicy = getBool(data, 'token_no_default_policy');
  if (has(data, 'token_type')) {
    const type = getString(data, 'token_type');
    if (!['default', 'service', 'batch', 'default-service', 'default-batch'].includes(type))
      throw badRequest(`invalid 'token_type' value ${JSON.stringify(type)}`);
    role.tokenType = type === 'default-service' ? 'default' : type;
  }
  if (role.tokenMaxTtl > 0 && role.tokenTtl > role.tokenMaxTtl)
    throw badRequest("'token_ttl' cannot be greater than 'token_max_ttl'");

  // Then the role's own fields (path_role.go).
  if (has(data, 'role_id')) {
    const roleId = getString(data, 'role_id');
    if (!roleId) throw badRequest('role_id cannot be empty');
    role.roleId = roleId;
  }
  if (has(data, 'bind_secret_id')) role.bindSecretId = getBool(data, 'bind_secret_id');
  const boundCidrs = getStringList(data, 'secret_id_bound_cidrs') ?? getStringList(data, 'bound_cidr_list');
  if (boundCidrs) role.secretIdBoundCidrs = boundCidrs;
  if (has(data, 'secret_id_num_uses')) {
    role.secretIdNumUses = getInt(data, 'secret_id_num_uses');
    if (role.secretIdNumUses < 0) throw badRequest('secret_id_num_uses cannot be negative');
  }
  if (has(data, 'secret_id_ttl')) role.secretIdTtl = getDuration(data, 'secret_id_ttl');
  if (has(data, 'local_secret_ids') && creating) role.localSecretIds = getBool(data, 'local_secret_ids');
  if (!role.bindSecretId && !role.secretIdBoundCidrs?.length && !role.tokenBoundCidrs.length) {
    throw new VaultError(500, [multiError('at least one constraint should be enabled on the role')]);
  }
}

/** The framework decodes every field before the handler runs: conversion errors come first. */
const CONVERTERS: Record<string, (data: Request['data'], field: string) => unknown> = {
  role_id: getString,
  bind_secret_id: getBool,
  secret_id_bound_cidrs: getStringList,
  bound_cidr_list: getStringList,
  secret_id_num_uses: getInt,
  secret_id_ttl: getDuration,
  local_secret_ids: getBool,
  token_policies: getStringList,
  policies: getStringList,
  token_ttl: getDuration,
  token_max_ttl: getDuration,
  token_explicit_max_ttl: getDuration,
  token_period: getDuration,
  period: getDuration,
  token_num_uses: getInt,
  token_bound_cidrs: getStringList,
  token_no_default_policy: getBool,
  token_type: getString,
};

function convertFields(data: Request['data']): void {
  for (const [field, convert] of Object.entries(CONVERTERS)) if (has(data, field)) convert(data, field);
}

export function roleData(role: Role): Record<string, unknown> {
  const data: Record<string, unknown> = {
    bind_secret_id: role.bindSecretId,
    local_secret_ids: role.localSecretIds,
    secret_id_bound_cidrs: role.secretIdBoundCidrs,
    secret_id_num_uses: role.secretIdNumUses,
    secret_id_ttl: role.secretIdTtl,
    token_bound_cidrs: role.tokenBoundCidrs,
    token_explicit_max_ttl: role.tokenExplicitMaxTtl,
    token_max_ttl: role.tokenMaxTtl,
    token_no_default_policy: role.tokenNoDefaultPolicy,
    token_num_uses: role.tokenNumUses,
    token_period: role.tokenPeriod,
    token_policies: role.tokenPolicies,
    token_strictly_bind_ip: false,
    token_ttl: role.tokenTtl,
    token_type: role.tokenType,
  };
  if (role.policies) data.policies = role.policies;
  if (role.period !== undefined) data.period = role.period;
  return data;
}
