import { invalidCidr, subsetBlocks } from '../../core/cidr.js';
import { badRequest, multiError, VaultError } from '../../core/errors.js';
import { getDuration, getInt, getString, getStringList, has } from '../../core/fields.js';
import type { Request, Response, Route } from '../../core/logical.js';
import type { Role } from './roles.js';
import { parseSecretIdMetadata, secretIdLookupData } from './secret-ids.js';
import type { AppRoleState } from './state.js';

/**
 * validation.go verifyCIDRRoleSecretIDSubset: a secret ID's blocks must lie within the role's
 * (when the role has any); a failure is a 500 with Go's rendering of both lists.
 */
export function verifyCidrSubset(secretIdCidrs: string[], roleCidrs: string[] | null): void {
  if (!secretIdCidrs.length || !roleCidrs?.length) return;
  const outer = roleCidrs.map((block) => (block.includes('/') ? block : `${block}/32`));
  let cause = '%!w(<nil>)';
  try {
    if (subsetBlocks(outer, secretIdCidrs)) return;
  } catch (error) {
    cause = (error as Error).message;
  }
  const goList = (list: string[]) => `[${list.map((item) => JSON.stringify(item)).join(' ')}]`;
  throw new VaultError(500, [
    multiError(
      `failed to verify subset relationship between CIDR blocks on the role ${goList(outer)} and CIDR blocks on the secret ID ${goList(secretIdCidrs)}: ${cause}`,
    ),
  ]);
}

/** `cidr_list` / `token_bound_cidrs` of a new secret ID, checked as handleRoleSecretIDCommon does. */
function secretIdCidrs(role: Role, data: Request['data']): { cidrList: string[]; tokenBoundCidrs: string[] } {
  const cidrList = getStringList(data, 'cidr_list') ?? [];
  const invalid = cidrList.length ? invalidCidr(cidrList) : undefined;
  if (invalid) throw new VaultError(500, [multiError(`failed to validate CIDR blocks: ${invalid}`)]);
  verifyCidrSubset(cidrList, role.secretIdBoundCidrs);
  const tokenBoundCidrs = getStringList(data, 'token_bound_cidrs') ?? [];
  const invalidToken = tokenBoundCidrs.length ? invalidCidr(tokenBoundCidrs) : undefined;
  if (invalidToken) throw new VaultError(500, [multiError(`failed to validate token CIDR blocks: ${invalidToken}`)]);
  verifyCidrSubset(tokenBoundCidrs, role.tokenBoundCidrs);
  return { cidrList, tokenBoundCidrs };
}

function generate(state: AppRoleState, custom: boolean) {
  return (request: Request, match: RegExpExecArray): Response => {
    const data = request.data;
    // path_role.go checks a custom secret ID is given before it looks the role up.
    const secretId = custom ? getString(data, 'secret_id') : undefined;
    if (custom && !secretId) throw badRequest('missing secret_id', null);
    const role = state.roleOr404(match[1]!);
    if (!role.bindSecretId) throw badRequest('bind_secret_id is not set on the role');
    const cidrs = secretIdCidrs(role, data);
    const numUses = has(data, 'num_uses') ? getInt(data, 'num_uses') : undefined;
    if (numUses !== undefined && numUses < 0) throw badRequest('num_uses cannot be negative');
    const entry = state.idsOf(role).issue(role, {
      secretId,
      ttl: has(data, 'ttl') ? getDuration(data, 'ttl') : undefined,
      numUses,
      metadata: parseSecretIdMetadata(data?.metadata),
      ...cidrs,
    });
    return {
      data: {
        secret_id: entry.secretId,
        secret_id_accessor: entry.accessor,
        secret_id_num_uses: entry.numUses,
        secret_id_ttl: entry.ttl,
      },
      wrappedAccessor: entry.accessor,
    };
  };
}

function destroy(state: AppRoleState, byAccessor: boolean) {
  return (request: Request, match: RegExpExecArray): Response | null => {
    const field = byAccessor ? 'secret_id_accessor' : 'secret_id';
    const value = getString(request.data, field);
    if (!value) throw badRequest(`missing ${field}`);
    const role = state.roleOr400(match[1]!);
    const store = state.idsOf(role);
    const entry = byAccessor ? store.byAccessor(value) : store.get(value);
    if (!entry && byAccessor)
      throw new VaultError(500, [
        multiError(`failed to find accessor entry for secret_id_accessor: ${JSON.stringify(value)}`),
      ]);
    if (entry) store.remove(entry);
    return null;
  };
}

function lookupByAccessor(state: AppRoleState) {
  return (request: Request, match: RegExpExecArray): Response => {
    const accessor = getString(request.data, 'secret_id_accessor');
    if (!accessor) throw badRequest('missing secret_id_accessor');
    const role = state.roleOr400(match[1]!);
    const entry = state.idsOf(role).byAccessor(accessor);
    if (!entry)
      return {
        status: 404,
        data: { error: `failed to find accessor entry for secret_id_accessor: ${JSON.stringify(accessor)}` },
      };
    return { data: secretIdLookupData(entry) };
  };
}

/** The secret-id paths of a role (path_role.go): generate, list, look up and destroy. */
export function secretIdRoutes(name: string, state: AppRoleState): Route[] {
  return [
    {
      pattern: new RegExp(`^role/${name}/secret-id/?$`),
      operations: {
        update: generate(state, false),
        list: (_request, match) => ({ data: { keys: state.idsOf(state.roleOr400(match[1]!)).accessors() } }),
      },
    },
    { pattern: new RegExp(`^role/${name}/custom-secret-id$`), operations: { update: generate(state, true) } },
    {
      pattern: new RegExp(`^role/${name}/secret-id/lookup/?$`),
      operations: {
        update: (request, match) => {
          const secretId = getString(request.data, 'secret_id');
          if (!secretId) throw badRequest('missing secret_id', null);
          const entry = state.idsOf(state.roleOr400(match[1]!)).get(secretId);
          return entry ? { data: secretIdLookupData(entry) } : null;
        },
      },
    },
    {
      pattern: new RegExp(`^role/${name}/secret-id/destroy/?$`),
      operations: { update: destroy(state, false), delete: destroy(state, false) },
    },
    {
      pattern: new RegExp(`^role/${name}/secret-id-accessor/lookup/?$`),
      operations: { update: lookupByAccessor(state) },
    },
    {
      pattern: new RegExp(`^role/${name}/secret-id-accessor/destroy/?$`),
      operations: { update: destroy(state, true), delete: destroy(state, true) },
    },
  ];
}
