import type { ServerClock } from '../../core/clock.js';
import { VaultError } from '../../core/errors.js';
import type { IdentityStore } from '../../core/identity.js';
import type { Request, Response, Route } from '../../core/logical.js';
import { RoutedBackend } from '../../core/routes.js';
import type { TokenStore } from '../token/store.js';
import { configData, parseConfig, type JwtConfig } from './config.js';
import { jwtLogin } from './login.js';
import { applyRoleFields, newRole, roleData, type JwtRole } from './roles.js';

/** Vault's role name pattern (`\w(([\w-.]+)?\w)?`). */
const NAME = '(\\w(?:[\\w.-]*\\w)?)';

export interface JwtDeps {
  clock: ServerClock;
  tokens: TokenStore;
  identity: IdentityStore;
}

/**
 * The JWT auth method (OpenBao's builtin `jwt`, vault-plugin-auth-jwt), one instance per mount:
 * `config` with `jwt_validation_pubkeys`, roles with `role_type=jwt` bound by audience, subject
 * and claims, and `login` — what workload identity (a CI job's OIDC token) needs, offline.
 */
export function jwtBackend(deps: JwtDeps): RoutedBackend {
  let config: JwtConfig | undefined;
  const roles = new Map<string, JwtRole>();

  const writeRole = (request: Request, match: RegExpExecArray): Response | null => {
    const name = match[1]!.toLowerCase();
    const existing = roles.get(name);
    const role = existing ? { ...existing } : newRole(name);
    applyRoleFields(role, request);
    roles.set(name, role);
    return null;
  };

  const routes: Route[] = [
    {
      pattern: /^login$/,
      operations: {
        update: (request) =>
          jwtLogin({ ...deps, config: () => config, role: (name) => roles.get(name.toLowerCase()) }, request),
        // The plugin answers a read of login itself, with the bare text (not the router's multierror).
        // Its audit entry still differs (bao keeps policy_results there): not in the scenario.
        read: () => {
          throw new VaultError(405, ['unsupported operation']);
        },
      },
    },
    {
      pattern: /^config$/,
      operations: {
        read: () => (config ? { data: configData(config) } : null),
        update: (request) => {
          config = parseConfig(request, config);
          return null;
        },
      },
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
          roles.delete(match[1]!.toLowerCase());
          return null;
        },
      },
      exists: (_request, match) => roles.has(match[1]!.toLowerCase()),
    },
  ];

  return new RoutedBackend('jwt', routes, { unauthenticated: (path) => path === 'login' });
}
