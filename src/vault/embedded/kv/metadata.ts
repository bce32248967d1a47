import { badRequest } from '../core/errors.js';
import { getBool, getDuration, getInt } from '../core/fields.js';
import type { Request, Response, Route } from '../core/logical.js';
import { keyMetadata } from './responses.js';
import type { KvStore } from './store.js';

/** metadata/<p>: list, read, write (settings and custom metadata), delete (all versions). */
export function metadataRoutes(store: KvStore): Route[] {
  const write = (request: Request, match: RegExpExecArray): Response | null => {
    const data = request.data;
    const key = store.ensure(match[1]!);
    if (data?.max_versions !== undefined) key.maxVersions = getInt(data, 'max_versions');
    if (data?.cas_required !== undefined) key.casRequired = getBool(data, 'cas_required');
    if (data?.delete_version_after !== undefined) key.deleteVersionAfter = getDuration(data, 'delete_version_after');
    if (data?.custom_metadata !== undefined && data.custom_metadata !== null) {
      const custom = data.custom_metadata;
      if (typeof custom !== 'object' || Array.isArray(custom))
        throw badRequest(
          `error converting input for field "custom_metadata": '' expected a map, got '${typeof custom}'`,
        );
      key.customMetadata = Object.fromEntries(Object.entries(custom).map(([name, value]) => [name, String(value)]));
    }
    key.updatedTime = store.clock.now();
    key.metadataVersion += 1;
    return null;
  };
  return [
    {
      pattern: /^metadata\/(.*)$/,
      operations: {
        list: (_request, match) => {
          const keys = store.list(match[1]!);
          return keys.length ? { data: { keys } } : null;
        },
        read: (_request, match) => {
          const key = store.get(match[1]!);
          return key ? { data: keyMetadata(store, key) } : null;
        },
        create: write,
        update: write,
        delete: (_request, match) => {
          store.keys.delete(match[1]!);
          return null;
        },
      },
      // Vault's framework converts the fields before the existence check: a bad one fails the
      // request there, before anything is stored.
      exists: (request, match) => {
        const data = request.data;
        if (data?.max_versions !== undefined) getInt(data, 'max_versions');
        if (data?.cas_required !== undefined) getBool(data, 'cas_required');
        if (data?.delete_version_after !== undefined) getDuration(data, 'delete_version_after');
        return store.get(match[1]!) !== undefined;
      },
    },
  ];
}
