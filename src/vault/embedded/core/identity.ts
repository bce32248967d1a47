import { uuid } from './ids.js';

/**
 * The identity store, only as far as logins, templated policies and disabling need it: one
 * entity per (auth mount, alias name), created on the first login (AppRole's alias name is the
 * role_id), and each alias's metadata as the last login set it (AppRole's `role_name`). A
 * disabled entity's tokens are refused (not revoked) and it cannot log in, as in Vault.
 */
interface Alias {
  id: string;
  name: string;
  metadata: Record<string, string>;
}

interface Entity {
  id: string;
  disabled: boolean;
  aliases: Map<string, Alias>;
}

/** An entity as `identity/entity/id/:id` and `identity/lookup/entity` answer (the subset kept here). */
export interface EntityView {
  id: string;
  name: string;
  disabled: boolean;
  aliases: {
    id: string;
    canonical_id: string;
    mount_accessor: string;
    name: string;
    metadata: Record<string, string>;
  }[];
}

export class IdentityStore {
  readonly #byAlias = new Map<string, Entity>();
  readonly #byId = new Map<string, Entity>();

  entityFor(
    mountAccessor: string,
    aliasName: string,
    metadata: Record<string, string> = {},
  ): { id: string; created: boolean; disabled: boolean } {
    const key = `${mountAccessor}\n${aliasName}`;
    let entity = this.#byAlias.get(key);
    const created = !entity;
    if (!entity) {
      entity = { id: uuid(), disabled: false, aliases: new Map() };
      this.#byAlias.set(key, entity);
      this.#byId.set(entity.id, entity);
    }
    const aliasId = entity.aliases.get(mountAccessor)?.id ?? uuid();
    entity.aliases.set(mountAccessor, { id: aliasId, name: aliasName, metadata: { ...metadata } });
    return { id: entity.id, created, disabled: entity.disabled };
  }

  /** The entity a (mount, alias name) logs in as, if it ever did. */
  byAlias(mountAccessor: string, aliasName: string): EntityView | undefined {
    const entity = this.#byAlias.get(`${mountAccessor}\n${aliasName}`);
    return entity && view(entity);
  }

  byId(id: string): EntityView | undefined {
    const entity = this.#byId.get(id);
    return entity && view(entity);
  }

  /** Returns false when there is no such entity. */
  setDisabled(id: string, disabled: boolean): boolean {
    const entity = this.#byId.get(id);
    if (!entity) return false;
    entity.disabled = disabled;
    return true;
  }

  /** Forgets the entity and its aliases (a later login makes a new one); nothing when there is none. */
  delete(id: string): void {
    const entity = this.#byId.get(id);
    if (!entity) return;
    this.#byId.delete(id);
    for (const [key, holder] of this.#byAlias) if (holder === entity) this.#byAlias.delete(key);
  }

  isDisabled(entityId: string): boolean {
    return this.#byId.get(entityId)?.disabled ?? false;
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
    if (parameter === 'identity.entity.name') return entityName(entity);
    const match = /^identity\.entity\.aliases\.([^.]+)\.(name|metadata\.(.+))$/.exec(parameter);
    const alias = match ? entity.aliases.get(match[1]!) : undefined;
    if (!alias) return undefined;
    return match![2] === 'name' ? alias.name : alias.metadata[match![3]!];
  }
}

const entityName = (entity: Entity) => `entity_${entity.id.slice(0, 8)}`;

function view(entity: Entity): EntityView {
  return {
    id: entity.id,
    name: entityName(entity),
    disabled: entity.disabled,
    aliases: [...entity.aliases].map(([accessor, alias]) => ({
      id: alias.id,
      canonical_id: entity.id,
      mount_accessor: accessor,
      name: alias.name,
      metadata: { ...alias.metadata },
    })),
  };
}
