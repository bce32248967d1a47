import type { ServerClock } from '../../core/clock.js';
import { badRequest, multiError, VaultError } from '../../core/errors.js';
import type { IdentityStore } from '../../core/identity.js';
import type { TokenStore } from '../token/store.js';
import { Lockout, type LockoutSettings } from './lockout.js';
import type { Role } from './roles.js';
import { SecretIds } from './secret-ids.js';

export interface AppRoleDeps {
  clock: ServerClock;
  tokens: TokenStore;
  identity: IdentityStore;
  lockout?: LockoutSettings;
}

/** What one AppRole mount holds: its roles (by lower-case name and by role_id) and their secret IDs. */
export class AppRoleState {
  readonly roles = new Map<string, Role>();
  readonly byRoleId = new Map<string, string>();
  readonly lockout: Lockout;
  readonly #secretIds = new Map<string, SecretIds>();

  constructor(readonly deps: AppRoleDeps) {
    this.lockout = new Lockout(deps.clock, deps.lockout);
  }

  idsOf(role: Role): SecretIds {
    let store = this.#secretIds.get(role.name);
    if (!store) {
      store = new SecretIds(this.deps.clock);
      this.#secretIds.set(role.name, store);
    }
    return store;
  }

  role(name: string): Role | undefined {
    return this.roles.get(name.toLowerCase());
  }

  roleByRoleId(roleId: string): Role | undefined {
    const name = this.byRoleId.get(roleId);
    return name ? this.roles.get(name) : undefined;
  }

  /** A missing role as the secret-id generation paths report it (404 with the message logged). */
  roleOr404(name: string): Role {
    const role = this.role(name);
    if (!role)
      throw new VaultError(404, [`role ${JSON.stringify(name)} does not exist`], {
        error: multiError('unsupported path'),
        data: true,
      });
    return role;
  }

  roleOr400(name: string): Role {
    const role = this.role(name);
    if (!role) throw badRequest(`role ${JSON.stringify(name)} does not exist`);
    return role;
  }

  save(role: Role, previousRoleId?: string): void {
    const owner = this.byRoleId.get(role.roleId);
    if (owner && owner !== role.name) throw badRequest('role_id already in use');
    if (previousRoleId !== undefined && previousRoleId !== role.roleId) this.byRoleId.delete(previousRoleId);
    this.roles.set(role.name, role);
    this.byRoleId.set(role.roleId, role.name);
  }

  deleteRole(name: string): void {
    const role = this.role(name);
    if (!role) return;
    this.roles.delete(role.name);
    this.byRoleId.delete(role.roleId);
    this.#secretIds.get(role.name)?.clear();
    this.#secretIds.delete(role.name);
  }
}
