import type { Backend, Operation, Response } from '../core/logical.js';
import { RoutedBackend } from '../core/routes.js';
import type { ServerClock } from '../core/clock.js';
import { configRoute } from './config.js';
import { dataRoute } from './data.js';
import { metadataRoute } from './metadata.js';
import { KvStore } from './store.js';
import { versionRoutes } from './versions.js';

const VERB: Record<Operation, string> = {
  read: 'get',
  list: 'list',
  create: 'put',
  update: 'put',
  delete: 'delete',
  patch: 'patch',
  header: 'get',
};

/**
 * KV version 2 (vault-plugin-secrets-kv), in memory. Any path outside its API (a KV v1-style
 * `secret/foo`, or a bare `data` root) falls to the plugin's last route: a 404 with a warning
 * rather than an error, as OpenBao answers.
 */
export function kvV2Backend(clock: ServerClock, unversioned?: ReadonlyMap<string, Record<string, unknown>>): Backend {
  const store = new KvStore(clock);
  // Replacing a KV v1 backend (tuned to version 2): its values become version 1 of each key.
  for (const [path, data] of unversioned ?? []) store.importUnversioned(path, data);
  return new RoutedBackend('kv', [
    configRoute(store),
    dataRoute(store),
    metadataRoute(store),
    ...versionRoutes(store),
    {
      pattern: /^(.*)$/,
      operations: Object.fromEntries(Object.keys(VERB).map((operation) => [operation, invalidPath])),
    },
  ]);
}

function invalidPath(request: { relativePath: string; operation: Operation }): Response {
  if (/^(metadata|data|delete|undelete|destroy)$/.test(request.relativePath))
    return { status: 404, warnings: ['Non-listing operations on the root of a K/V v2 mount are not supported.'] };
  return {
    status: 404,
    ignoredFields: true,
    warnings: [
      `Invalid path for a versioned K/V secrets engine. See the API docs for the appropriate API endpoints to use. If using the OpenBao CLI, use 'bao kv ${VERB[request.operation]}' for this operation.`,
    ],
  };
}
