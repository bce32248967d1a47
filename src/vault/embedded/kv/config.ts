import { formatGoDuration } from '../core/duration.js';
import { getBool, getInt, getSignedDuration } from '../core/fields.js';
import type { Route } from '../core/logical.js';
import type { KvStore } from './store.js';

/** `config`: the mount's defaults; a negative `delete_version_after` turns the setting off (`-1s`). */
export function configRoute(store: KvStore): Route {
  return {
    pattern: /^config$/,
    fields: {
      max_versions: getInt,
      cas_required: getBool,
      metadata_cas_required: getBool,
      delete_version_after: getSignedDuration,
    },
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
        if (data?.delete_version_after !== undefined && data.delete_version_after !== null) {
          const after = getSignedDuration(data, 'delete_version_after');
          store.config.deleteVersionAfter = after < 0 ? -1 : after;
        }
        return null;
      },
    },
  };
}
