import { badRequest } from '../core/errors.js';
import { getCommaIntSlice, getInt } from '../core/fields.js';
import type { Request, Response, Route } from '../core/logical.js';
import { requestedVersion } from './data.js';
import { subkeys, versionMetadata } from './responses.js';
import type { KvKey, KvStore } from './store.js';

const VERSIONS = { versions: getCommaIntSlice };

/** `delete/<p>`, `undelete/<p>`, `destroy/<p>` (a list of versions each) and `subkeys/<p>`. */
export function versionRoutes(store: KvStore): Route[] {
  const versionsOp =
    (lowercase: boolean, apply: (key: KvKey, version: number) => void) =>
    (request: Request, match: RegExpExecArray): Response | null => {
      const versions = getCommaIntSlice(request.data, 'versions') ?? [];
      if (versions.length === 0)
        throw badRequest(lowercase ? 'no version number provided' : 'No version number provided');
      const key = store.get(match[1]!);
      if (key) for (const version of versions) apply(key, version);
      return null;
    };

  const softDelete = versionsOp(false, (key, version) => {
    const entry = key.versions.get(version);
    if (entry && !entry.destroyed && !store.isDeleted(entry)) entry.deletionTime = store.clock.now();
  });
  // Undeleting restarts the `delete_version_after` clock from now.
  const undelete = versionsOp(false, (key, version) => {
    const entry = key.versions.get(version);
    if (entry && !entry.destroyed) entry.deletionTime = store.deletionTimeFor(key, store.clock.now());
  });
  const destroy = versionsOp(true, (key, version) => {
    const entry = key.versions.get(version);
    if (entry) {
      entry.destroyed = true;
      entry.data = null;
    }
  });

  return [
    { pattern: /^delete\/(.*)$/, fields: VERSIONS, operations: { update: softDelete } },
    { pattern: /^undelete\/(.*)$/, fields: VERSIONS, operations: { update: undelete } },
    { pattern: /^destroy\/(.*)$/, fields: VERSIONS, operations: { update: destroy } },
    {
      pattern: /^subkeys\/(.*)$/,
      fields: { version: getInt, depth: getInt },
      operations: {
        read: (request, match) => {
          const key = store.get(match[1]!);
          if (!key) return null;
          const version = requestedVersion(request, key);
          const entry = key.versions.get(version);
          if (!entry) return null;
          const metadata = versionMetadata(key, version, entry);
          if (entry.destroyed || store.isDeleted(entry)) return { status: 404, data: { metadata, subkeys: null } };
          return { data: { metadata, subkeys: subkeys(entry.data ?? {}, getInt(request.data, 'depth')) } };
        },
      },
    },
  ];
}
