import { getBool, getDuration, getInt } from '../core/fields.js';
import type { Backend, Operation, Request, Response } from '../core/logical.js';
import { RoutedBackend } from '../core/routes.js';
import type { ServerClock } from '../core/clock.js';
import { dataRoutes } from './data.js';
import { metadataRoutes } from './metadata.js';
import { formatGoDuration } from '../core/duration.js';
import { KvStore } from './store.js';

const VERB: Record<Operation, string> = {
  read: 'get',
  list: 'list',
  create: 'put',
  update: 'put',
  delete: 'delete',
  patch: 'patch',
  header: 'get',
};
const ROOTS = /^(data|metadata|delete|undelete|destroy|subkeys)\/?$/;

/**
 * KV version 2 (vault-plugin-secrets-kv), in memory. Any path outside its API (a KV v1-style
 * `secret/foo`) gets the plugin's 404 with a warning rather than an error, as Vault does.
 */
export function kvV2Backend(clock: ServerClock): Backend {
  const store = new KvStore(clock);
  const routed = new RoutedBackend('kv', [
    {
      pattern: /^config$/,
      operations: {
        read: () => ({
          data: {
            cas_required: store.config.casRequired,
            delete_version_after: formatGoDuration(store.config.deleteVersionAfter),
            max_versions: store.config.maxVersions,
            metadata_cas_required: false,
          },
        }),
        update: (request) => {
          const data = request.data;
          if (data?.max_versions !== undefined) store.config.maxVersions = getInt(data, 'max_versions');
          if (data?.cas_required !== undefined) store.config.casRequired = getBool(data, 'cas_required');
          if (data?.delete_version_after !== undefined)
            store.config.deleteVersionAfter = getDuration(data, 'delete_version_after');
          return null;
        },
      },
    },
    ...dataRoutes(store),
    ...metadataRoutes(store),
  ]);
  return {
    type: 'kv',
    handle(request: Request): Response | null {
      const path = request.relativePath;
      if (ROOTS.test(path) && !(request.operation === 'list' && /^metadata\/?$/.test(path))) {
        return { status: 404, warnings: ['Non-listing operations on the root of a K/V v2 mount are not supported.'] };
      }
      if (!/^(config$|(data|metadata|delete|undelete|destroy|subkeys)\/)/.test(path)) {
        return {
          status: 404,
          ignoredFields: true,
          warnings: [
            `Invalid path for a versioned K/V secrets engine. See the API docs for the appropriate API endpoints to use. If using the OpenBao CLI, use 'bao kv ${VERB[request.operation]}' for this operation.`,
          ],
        };
      }
      return routed.handle(request);
    },
    exists: (request) => routed.exists(request),
    routeTable: routed.routeTable,
    isUnauthenticated: () => false,
    isRootProtected: () => false,
  };
}
