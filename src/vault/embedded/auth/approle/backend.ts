import { badRequest, multiError, VaultError } from '../../core/errors.js';
import { getString } from '../../core/fields.js';
import type { Request, Response, Route } from '../../core/logical.js';
import { RoutedBackend } from '../../core/routes.js';
import { login } from './login.js';
import { roleFieldRoutes } from './role-fields.js';
import { applyRoleFields, newRole, roleData } from './roles.js';
import { secretIdRoutes } from './secret-id-routes.js';
import { AppRoleState, type AppRoleDeps } from './state.js';

export type { AppRoleDeps } from './state.js';

/** Vault's role name pattern (`\w(([\w-.]+)?\w)?`). */
const NAME = '(\\w(?:[\\w.-]*\\w)?)';

/** The AppRole auth method (builtin/credential/approle), one instance per mount. */
export function appRoleBackend(deps: AppRoleDeps): RoutedBackend {
  const state = new AppRoleState(deps);
  const routes: Route[] = [
    loginRoute(state),
    { pattern: /^role\/?$/, operations: { list: () => ({ data: { keys: [...state.roles.keys()].sort() } }) } },
    roleRoute(state),
    roleIdRoute(state),
    ...roleFieldRoutes(NAME, state.roles),
    ...secretIdRoutes(NAME, state),
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
  return new RoutedBackend('approle', routes, { unauthenticated: (path) => path === 'login' });
}

function loginRoute(state: AppRoleState): Route {
  const doLogin = (request: Request): Response => {
    if (request.operation !== 'update' && request.operation !== 'create') {
      if (!getString(request.data, 'role_id')) throw new VaultError(500, ['missing role_id'], { beforeRouting: true });
      throw new VaultError(405, [multiError('unsupported operation')]);
    }
    return login(
      {
        tokens: state.deps.tokens,
        identity: state.deps.identity,
        lockout: state.lockout,
        roleByRoleId: (id) => state.roleByRoleId(id),
        secretIds: (role) => state.idsOf(role),
      },
      request,
    );
  };
  // Any operation on login runs Vault's alias lookahead first (GET without role_id: 500 "missing role_id").
  return {
    pattern: /^login$/,
    operations: { update: doLogin, read: doLogin, delete: doLogin, list: doLogin, patch: doLogin },
  };
}

function roleRoute(state: AppRoleState): Route {
  const writeRole = (request: Request, match: RegExpExecArray): Response | null => {
    const existing = state.role(match[1]!);
    const role = existing ? { ...existing } : newRole(match[1]!.toLowerCase());
    const warnings = applyRoleFields(role, request, !existing);
    state.save(role, existing?.roleId);
    return warnings.length ? { warnings } : null;
  };
  return {
    pattern: new RegExp(`^role/${NAME}$`),
    operations: {
      read: (_request, match) => {
        const role = state.role(match[1]!);
        return role ? { data: roleData(role) } : null;
      },
      create: writeRole,
      update: writeRole,
      delete: (_request, match) => {
        state.deleteRole(match[1]!);
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
      return state.role(match[1]!) !== undefined;
    },
  };
}

function roleIdRoute(state: AppRoleState): Route {
  return {
    pattern: new RegExp(`^role/${NAME}/role-id$`),
    operations: {
      read: (_request, match) => {
        const role = state.role(match[1]!);
        return role ? { data: { role_id: role.roleId } } : null;
      },
      update: (request, match) => {
        const role = state.role(match[1]!);
        if (!role) throw new VaultError(404, [multiError('unsupported path')]);
        const roleId = getString(request.data, 'role_id');
        if (!roleId) throw badRequest('missing role_id', null);
        state.save({ ...role, roleId }, role.roleId);
        return null;
      },
    },
  };
}
