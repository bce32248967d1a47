import { uuid } from './ids.js';

/**
 * The identity store, only as far as logins need it: one entity per (auth mount, alias name),
 * created on the first login (AppRole's alias name is the role_id).
 */
export class IdentityStore {
  readonly #entities = new Map<string, string>();

  entityFor(mountAccessor: string, aliasName: string): { id: string; created: boolean } {
    const key = `${mountAccessor}\n${aliasName}`;
    const existing = this.#entities.get(key);
    if (existing) return { id: existing, created: false };
    const id = uuid();
    this.#entities.set(key, id);
    return { id, created: true };
  }
}
