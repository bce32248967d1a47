import type { ServerClock } from '../../core/clock.js';
import { badRequest, multiError, VaultError } from '../../core/errors.js';
import { getDuration, getInt, getString, getStringList, has } from '../../core/fields.js';
import type { IdentityStore } from '../../core/identity.js';
import type { Request, Response, Route } from '../../core/logical.js';
import { RoutedBackend } from '../../core/routes.js';
import type { TokenStore } from '../token/store.js';
import { Lockout, type LockoutSettings } from './lockout.js';
import { login } from './login.js';
import { applyRoleFields, newRole, roleData, type Role } from './roles.js';
import { parseSecretIdMetadata, SecretIds, secretIdLookupData } from './secret-ids.js';

/** Vault's role name pattern (`\w(([\w-.]+)?\w)?`). */
const NAME = '(\\w(?:[\\w.-]*\\w)?)';

export interface AppRoleDeps {
  clock: ServerClock;
  tokens: TokenStore;
  identity: IdentityStore;
  lockout?: LockoutSettings;
}

/** The AppRole auth method (builtin/credential/approle), one instance per mount. */
export function appRoleBackend(deps: AppRoleDeps): RoutedBackend {
  const roles = new Map<string, Role>();
  const byRoleId = new Map<string, string>();
  const secretIds = new Map<string, SecretIds>();
  const lockout = new Lockout(deps.clock, deps.lockout);
  const idsOf = (role: Role) => {
    let store = secretIds.get(role.name);
    if (!store) {
      store = new SecretIds(deps.clock);
      secretIds.set(role.name, store);
    }
    return store;
  };
  const roleOr404 = (name: string): Role => {
    const role = roles.get(name.toLowerCase());
    if (!role)
      throw new VaultError(404, [`role ${JSON.stringify(name)} does not exist`], {
        error: multiError('unsupported path'),
        data: true,
      });
    return role;
  };
  const roleOr400 = (name: string): Role => {
    const role = roles.get(name.toLowerCase());
    if (!role) throw badRequest(`role ${JSON.stringify(name)} does not exist`);
    return role;
  };

  const writeRole = (request: Request, match: RegExpExecArray): Response | null => {
    const name = match[1]!.toLowerCase();
    const existing = roles.get(name);
    const role = existing ? { ...existing } : newRole(name);
    applyRoleFields(role, request, !existing);
    const owner = byRoleId.get(role.roleId);
    if (owner && owner !== name) throw badRequest('role_id already in use');
    if (existing && existing.roleId !== role.roleId) byRoleId.delete(existing.roleId);
    roles.set(name, role);
    byRoleId.set(role.roleId, name);
    return null;
  };

  const generate =
    (custom: boolean) =>
    (request: Request, match: RegExpExecArray): Response => {
      const role = roleOr404(match[1]!);
      if (!role.bindSecretId) throw badRequest('bind_secret_id is not set on the role');
      const data = request.data;
      const secretId = custom ? getString(data, 'secret_id') : undefined;
      if (custom && !secretId) throw badRequest('missing secret_id');
      const numUses = has(data, 'num_uses') ? getInt(data, 'num_uses') : undefined;
      if (numUses !== undefined && numUses < 0) throw badRequest('num_uses cannot be negative');
      const entry = idsOf(role).issue(role, {
        secretId,
        ttl: has(data, 'ttl') ? getDuration(data, 'ttl') : undefined,
        numUses,
        metadata: parseSecretIdMetadata(data?.metadata),
        cidrList: getStringList(data, 'cidr_list') ?? [],
        tokenBoundCidrs: getStringList(data, 'token_bound_cidrs') ?? [],
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

  const doLogin = (request: Request): Response => {
    const found = (id: string) => {
      const name = byRoleId.get(id);
      return name ? roles.get(name) : undefined;
    };
    if (request.operation !== 'update' && request.operation !== 'create') {
      if (!getString(request.data, 'role_id')) throw new VaultError(500, ['missing role_id'], { beforeRouting: true });
      throw new VaultError(405, [multiError('unsupported operation')]);
    }
    return login(
      { tokens: deps.tokens, identity: deps.identity, lockout, roleByRoleId: found, secretIds: idsOf },
      request,
    );
  };

  const routes: Route[] = [
    // Any operation on login runs Vault's alias lookahead first (GET without role_id: 500 "missing role_id").
    {
      pattern: /^login$/,
      operations: { update: doLogin, read: doLogin, delete: doLogin, list: doLogin, patch: doLogin },
    },
    { pattern: /^role\/?$/, operations: { list: () => ({ data: { keys: [...roles.keys()].sort() } }) } },
    {
      pattern: new RegExp(`^role/${NAME}$`),
      operations: {
        read: (_request, match) => {
          const role = roles.get(match[1]!.toLowerCase());
          return role ? { data: roleData(role) } : null;
        },
        create: writeRole,
        update: writeRole,
        delete: (_request, match) => {
          const name = match[1]!.toLowerCase();
          const role = roles.get(name);
          if (role) {
            roles.delete(name);
            byRoleId.delete(role.roleId);
            secretIds.get(name)?.clear();
            secretIds.delete(name);
          }
          return null;
        },
      },
      // The framework converts the fields before the existence check; if that fails the
      // operation stays `update`.
      exists: (request, match) => {
        try {
          applyRoleFields(newRole('probe'), request, true);
        } catch (error) {
          if (error instanceof VaultError && error.errors[0]?.startsWith('error converting input')) throw error;
        }
        return roles.has(match[1]!.toLowerCase());
      },
    },
    {
      pattern: new RegExp(`^role/${NAME}/role-id$`),
      operations: {
        read: (_request, match) => {
          const role = roles.get(match[1]!.toLowerCase());
          return role ? { data: { role_id: role.roleId } } : null;
        },
        update: (request, match) => {
          const role = roles.get(match[1]!.toLowerCase());
          if (!role) throw new VaultError(404, [multiError('unsupported path')]);
          const roleId = getString(request.data, 'role_id');
          if (!roleId) throw badRequest('missing role_id');
          const owner = byRoleId.get(roleId);
          if (owner && owner !== role.name) throw badRequest('role_id already in use');
          byRoleId.delete(role.roleId);
          role.roleId = roleId;
          byRoleId.set(roleId, role.name);
          return null;
        },
      },
    },
    {
      pattern: new RegExp(`^role/${NAME}/secret-id/?$`),
      operations: {
        update: generate(false),
        list: (_request, match) => {
          const role = roleOr400(match[1]!);
          return { data: { keys: idsOf(role).accessors() } };
        },
      },
    },
    { pattern: new RegExp(`^role/${NAME}/custom-secret-id$`), operations: { update: generate(true) } },
    {
      pattern: new RegExp(`^role/${NAME}/secret-id/lookup$`),
      operations: {
        update: (request, match) => {
          const secretId = getString(request.data, 'secret_id');
          if (!secretId) throw badRequest('missing secret_id', null);
          const role = roleOr400(match[1]!);
          const entry = idsOf(role).get(secretId);
          return entry ? { data: secretIdLookupData(entry) } : null;
        },
      },
    },
    {
      pattern: new RegExp(`^role/${NAME}/secret-id/destroy$`),
      operations: {
        update: (request, match) => destroy(request, match, false),
        delete: (request, match) => destroy(request, match, false),
      },
    },
    {
      pattern: new RegExp(`^role/${NAME}/secret-id-accessor/lookup$`),
      operations: {
        update: (request, match) => {
          const accessor = getString(request.data, 'secret_id_accessor');
          if (!accessor) throw badRequest('missing secret_id_accessor');
          const role = roleOr400(match[1]!);
          const entry = idsOf(role).byAccessor(accessor);
          if (!entry)
            return {
              status: 404,
              data: { error: `failed to find accessor entry for secret_id_accessor: ${JSON.stringify(accessor)}` },
            };
          return { data: secretIdLookupData(entry) };
        },
      },
    },
    {
      pattern: new RegExp(`^role/${NAME}/secret-id-accessor/destroy$`),
      operations: {
        update: (request, match) => destroy(request, match, true),
        delete: (request, match) => destroy(request, match, true),
      },
    },
    {
      pattern: /^tidy\/secret-id$/,
      operations: {
        update: () => ({
          status: 202,
          warnings: [
            "Tidy operation successfully started. Any information from the operation will be printed to OpenBao's server logs.",
          ],
        }),
      },
    },
  ];

  function destroy(request: Request, match: RegExpExecArray, byAccessor: boolean): Response | null {
    const field = byAccessor ? 'secret_id_accessor' : 'secret_id';
    const value = getString(request.data, field);
    if (!value) throw badRequest(`missing ${field}`);
    const role = roleOr400(match[1]!);
    const store = idsOf(role);
    const entry = byAccessor ? store.byAccessor(value) : store.get(value);
    if (!entry && byAccessor)
      throw new VaultError(500, [
        multiError(`failed to find accessor entry for secret_id_accessor: ${JSON.stringify(value)}`),
      ]);
    if (entry) store.remove(entry);
    return null;
  }

  return new RoutedBackend('approle', routes, { unauthenticated: (path) => path === 'login' });
}
