import { invalidCidr } from '../../core/cidr.js';
import { badRequest, multiError, VaultError } from '../../core/errors.js';
import { getBool, getDuration, getInt, getString, getStringList, has } from '../../core/fields.js';
import { uuid } from '../../core/ids.js';
import type { Request } from '../../core/logical.js';
import { defaultTokenParams, parseTokenFields, tokenData, type TokenParams } from './token-params.js';

export interface Role extends TokenParams {
  name: string;
  roleId: string;
  bindSecretId: boolean;
  /** As given (validated CIDRs); null until set. */
  secretIdBoundCidrs: string[] | null;
  secretIdNumUses: number;
  secretIdTtl: number;
  localSecretIds: boolean;
  /** Legacy `policies`, shown on read only when it was used. */
  policies?: string[];
  period?: number;
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
    ...defaultTokenParams(),
  };
}

/**
 * Apply a create/update body to a role (approle path_role.go + tokenutil), validating like
 * Vault; returns the warnings of the response.
 */
export function applyRoleFields(role: Role, request: Request, creating: boolean): string[] {
  const data = request.data;
  convertFields(data);
  const warnings: string[] = [];
  parseTokenFields(role, request, warnings);
  if (has(data, 'local_secret_ids') && !creating)
    throw badRequest('local_secret_ids can only be modified during role creation', null);
  if (has(data, 'local_secret_ids')) role.localSecretIds = getBool(data, 'local_secret_ids');
  if (has(data, 'role_id')) role.roleId = getString(data, 'role_id');
  if (!role.roleId) throw badRequest('invalid role_id supplied, or failed to generate a role_id', null);
  if (has(data, 'bind_secret_id')) role.bindSecretId = getBool(data, 'bind_secret_id');
  const boundCidrs = getStringList(data, 'secret_id_bound_cidrs') ?? getStringList(data, 'bound_cidr_list');
  if (boundCidrs) role.secretIdBoundCidrs = boundCidrs;
  if (role.secretIdBoundCidrs?.length) {
    const invalid = invalidCidr(role.secretIdBoundCidrs);
    if (invalid) throw new VaultError(500, [multiError(`failed to validate CIDR blocks: ${invalid}`)]);
  }
  if (has(data, 'secret_id_num_uses')) role.secretIdNumUses = getInt(data, 'secret_id_num_uses');
  if (role.secretIdNumUses < 0) throw badRequest('secret_id_num_uses cannot be negative', null);
  if (has(data, 'secret_id_ttl')) role.secretIdTtl = getDuration(data, 'secret_id_ttl');
  upgradeLegacyFields(role, request);
  checkConstraints(role);
  return warnings;
}

/** tokenutil.UpgradeValue for `policies` and `period`: the new field wins, the old one mirrors it. */
function upgradeLegacyFields(role: Role, request: Request): void {
  const data = request.data;
  const tokenPolicies = getStringList(data, 'token_policies');
  const legacyPolicies = getStringList(data, 'policies');
  if (tokenPolicies !== undefined) {
    if (legacyPolicies !== undefined) role.policies = tokenPolicies;
    else delete role.policies;
  } else if (legacyPolicies !== undefined) {
    role.tokenPolicies = legacyPolicies;
    role.policies = legacyPolicies;
  }
  if (has(data, 'token_period')) {
    if (has(data, 'period')) role.period = role.tokenPeriod;
    else delete role.period;
  } else if (has(data, 'period')) {
    role.tokenPeriod = getDuration(data, 'period');
    role.period = role.tokenPeriod;
  }
}

/** setRoleEntry's check: a role needs a secret ID or a CIDR binding (500, as Vault returns it). */
export function checkConstraints(role: Role): void {
  if (!role.bindSecretId && !role.secretIdBoundCidrs?.length && !role.tokenBoundCidrs?.length) {
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
  token_strictly_bind_ip: getBool,
  token_type: getString,
};

export function convertFields(data: Request['data']): void {
  for (const [field, convert] of Object.entries(CONVERTERS)) if (has(data, field)) convert(data, field);
}

export function roleData(role: Role): Record<string, unknown> {
  const data: Record<string, unknown> = {
    bind_secret_id: role.bindSecretId,
    local_secret_ids: role.localSecretIds,
    secret_id_bound_cidrs: role.secretIdBoundCidrs,
    secret_id_num_uses: role.secretIdNumUses,
    secret_id_ttl: role.secretIdTtl,
    ...tokenData(role),
  };
  if (role.policies?.length) data.policies = role.policies;
  if (role.period) data.period = role.period;
  return data;
}
