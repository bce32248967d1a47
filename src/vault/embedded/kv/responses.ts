import { rfc3339Nano } from '../core/clock.js';
import { formatGoDuration } from '../core/duration.js';
import { GoTime } from '../core/go-time.js';
import { markImmutable } from '../core/immutable.js';
import type { KvKey, KvVersion } from './store.js';

/** Version metadata as the data endpoints return it. */
export function versionMetadata(key: KvKey, version: number, entry: KvVersion): Record<string, unknown> {
  const shown = entry.shown;
  if (
    shown &&
    shown.deletionTime === entry.deletionTime &&
    shown.destroyed === entry.destroyed &&
    shown.custom === key.customMetadata
  )
    return shown.value;
  const value = markImmutable({
    created_time: new GoTime(rfc3339Nano(entry.createdTime)),
    custom_metadata: key.customMetadata,
    // A time when set (left unhashed in the audit log, as OpenBao logs it), an empty string when not.
    deletion_time: entry.deletionTime ? new GoTime(rfc3339Nano(entry.deletionTime)) : '',
    destroyed: entry.destroyed,
    version,
  });
  entry.shown = { deletionTime: entry.deletionTime, destroyed: entry.destroyed, custom: key.customMetadata, value };
  return value;
}

/** `metadata/<p>` read. */
export function keyMetadata(key: KvKey): Record<string, unknown> {
  const versions: Record<string, unknown> = {};
  for (const [number, entry] of key.versions) {
    versions[String(number)] = {
      created_time: new GoTime(rfc3339Nano(entry.createdTime)),
      // A time when set (left unhashed in the audit log), an empty string when not.
      deletion_time: entry.deletionTime ? new GoTime(rfc3339Nano(entry.deletionTime)) : '',
      destroyed: entry.destroyed,
    };
  }
  return {
    cas_required: key.casRequired,
    created_time: new GoTime(rfc3339Nano(key.createdTime)),
    current_metadata_version: key.metadataVersion,
    current_version: key.currentVersion,
    custom_metadata: key.customMetadata,
    delete_version_after: formatGoDuration(key.deleteVersionAfter),
    max_versions: key.maxVersions,
    metadata_cas_required: false,
    oldest_version: key.oldestVersion,
    updated_time: new GoTime(rfc3339Nano(key.updatedTime)),
    versions,
  };
}

/** The structure of a secret with every leaf replaced by null (`subkeys/<p>`), up to `depth` (0 = all). */
export function subkeys(value: Record<string, unknown>, depth: number, level = 1): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] =
      item && typeof item === 'object' && !Array.isArray(item) && (depth === 0 || level < depth)
        ? subkeys(item as Record<string, unknown>, depth, level + 1)
        : null;
  }
  return out;
}

/** RFC 7396 JSON merge patch. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!patch || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const base: Record<string, unknown> =
    target && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete base[key];
    else base[key] = mergePatch(base[key], value);
  }
  return base;
}
