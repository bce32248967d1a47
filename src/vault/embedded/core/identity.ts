import { uuid } from './ids.js';

/**
 * The identity store, only as far as logins and templated policies need it: one entity per
 * (auth mount, alias name), created on the first login (AppRole's alias name is the role_id),
 * and each alias's metadata as the last login set it (AppRole's `role_name`).
 */
interface Entity {
  id: string;
  aliases: Map<string, { name: string; metadata: Record<string, string> }>;
}

export class IdentityStore {
  readonly #byAlias = new Map<string, Entity>();
  readonly #byId = new Map<string, Entity>();

  entityFor(
    mountAccessor: string,
    aliasName: string,
    metadata: Record<string, string> = {},
  ): { id: string; created: boolean } {
    const key = `${mountAccessor}\n${aliasName}`;
    let entity = this.#byAlias.get(key);
    const created = !entity;
    if (!entity) {
      entity = { id: uuid(), aliases: new Map() };
      this.#byAlias.set(key, entity);
      this.#byId.set(entity.id, entity);
    }
    entity.aliases.set(mountAccessor, { name: aliasName, metadata: { ...metadata } });
    return { id: entity.id, created };
  }

  /**
   * The value of a policy template parameter (`identity.entity.id`, `identity.entity.name`,
   * `identity.entity.aliases.<mount accessor>.name` or `….metadata.<key>`) for an entity, or
   * undefined when it has none (Vault then leaves the templated path out of the policy).
   */
  templateValue(entityId: string, parameter: string): string | undefined {
    const entity = this.#byId.get(entityId);
    if (!entity) return undefined;
    if (parameter === 'identity.entity.id') return entity.id;
    if (parameter === 'identity.entity.name') return `entity_${entity.id.slice(0, 8)}`;
    const match = /^identity\.entity\.aliases\.([^.]+)\.(name|metadata\.(.+))$/.exec(parameter);
    const alias = match ? entity.aliases.get(match[1]!) : undefined;
    if (!alias) return undefined;
    return match![2] === 'name' ? alias.name : alias.metadata[match![3]!];
  }
}
