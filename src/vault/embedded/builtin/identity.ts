import { badRequest } from '../core/errors.js';
import type { IdentityStore } from '../core/identity.js';
import type { Request, Response } from '../core/logical.js';
import { RoutedBackend } from '../core/routes.js';

/**
 * identity/: present in the mount table like on a real dev server, serving what disabling a
 * login's entity needs: `lookup/entity` by alias (204 when there is none) and
 * `entity/id/:id` (read; update of `disabled`, the other fields are not kept here; delete, which
 * like OpenBao's answers 204 whether or not the entity existed).
 */
export function identityBackend(identity: IdentityStore): RoutedBackend {
  return new RoutedBackend('identity', [
    {
      pattern: /^lookup\/entity$/,
      operations: { update: (request) => lookup(identity, request) },
    },
    {
      pattern: /^entity\/id\/([^/]+)$/,
      operations: {
        read: (_request, match): Response | null => {
          const entity = identity.byId(match[1]!);
          return entity ? { data: { ...entity } } : null;
        },
        update: (request, match): Response | null => {
          const disabled = request.data?.disabled;
          if (!identity.byId(match[1]!)) throw badRequest('entity not found from id');
          if (disabled !== undefined) identity.setDisabled(match[1]!, disabled === true || disabled === 'true');
          return null;
        },
        delete: (_request, match): null => {
          identity.delete(match[1]!);
          return null;
        },
      },
    },
  ]);
}

function lookup(identity: IdentityStore, request: Request): Response | null {
  const data = request.data ?? {};
  if (typeof data.id === 'string') {
    const entity = identity.byId(data.id);
    return entity ? { data: { ...entity } } : null;
  }
  const name = data.alias_name;
  const accessor = data.alias_mount_accessor;
  if (!name && !accessor) throw badRequest('query parameter not supplied');
  if (typeof name !== 'string' || !name || typeof accessor !== 'string' || !accessor)
    throw badRequest("both 'alias_name' and 'alias_mount_accessor' needs to be set");
  const entity = identity.byAlias(accessor, name);
  return entity ? { data: { ...entity } } : null;
}
