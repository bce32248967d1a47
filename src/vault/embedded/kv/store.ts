import { rfc3339Nano, type ServerClock } from '../core/clock.js';
import { markImmutable } from '../core/immutable.js';

/** One version of a KV v2 secret. */
export interface KvVersion {
  /** null once destroyed. */
  data: Record<string, unknown> | null;
  createdTime: number;
  /** ms; 0 = not deleted. */
  deletionTime: number;
  destroyed: boolean;
  /** The metadata object last built for this version, reused while nothing it shows changed. */
  shown?: {
    deletionTime: number;
    destroyed: boolean;
    custom: Record<string, string> | null;
    value: Record<string, unknown>;
  };
}

export interface KvKey {
  versions: Map<number, KvVersion>;
  currentVersion: number;
  oldestVersion: number;
  maxVersions: number;
  casRequired: boolean;
  deleteVersionAfter: number;
  customMetadata: Record<string, string> | null;
  createdTime: number;
  updatedTime: number;
  /** Bumped by every metadata write (`current_metadata_version`). */
  metadataVersion: number;
}

export interface KvConfig {
  maxVersions: number;
  casRequired: boolean;
  deleteVersionAfter: number;
}

export const DEFAULT_MAX_VERSIONS = 10;

export class CasMismatch extends Error {}

/**
 * The versioned store of one KV v2 mount (vault-plugin-secrets-kv semantics): each write adds a
 * version; delete sets `deletion_time`, destroy drops the data; versions beyond `max_versions`
 * (key, else mount, else 10) are removed oldest first.
 */
export class KvStore {
  readonly keys = new Map<string, KvKey>();
  readonly config: KvConfig = { maxVersions: 0, casRequired: false, deleteVersionAfter: 0 };

  constructor(readonly clock: ServerClock) {}

  get(path: string): KvKey | undefined {
    return this.keys.get(path);
  }

  /** Write a new version; `cas` must equal the current version (0: key must not exist). */
  put(path: string, data: Record<string, unknown>, cas: number | undefined): { key: KvKey; version: number } {
    const now = this.clock.now();
    let key = this.keys.get(path);
    const current = key?.currentVersion ?? 0;
    if (cas !== undefined && cas !== current) throw new CasMismatch();
    if (!key) {
      key = {
        versions: new Map(),
        currentVersion: 0,
        oldestVersion: 0,
        maxVersions: 0,
        casRequired: false,
        deleteVersionAfter: 0,
        customMetadata: null,
        createdTime: now,
        updatedTime: now,
        metadataVersion: 0,
      };
      this.keys.set(path, key);
    }
    const version = key.currentVersion + 1;
    const deletionTime = this.deletionTimeFor(key, now);
    key.versions.set(version, { data: markImmutable(data), createdTime: now, deletionTime, destroyed: false });
    key.currentVersion = version;
    key.updatedTime = now;
    this.#trim(key);
    return { key, version };
  }

  /**
   * A KV v1 value taken over when the mount is upgraded to v2: version 1, created now, with the
   * plugin's upgrade bookkeeping (`oldest_version` 1, metadata version 0).
   */
  importUnversioned(path: string, data: Record<string, unknown>): void {
    const key = this.ensure(path);
    const now = this.clock.now();
    key.versions.set(1, { data: markImmutable({ ...data }), createdTime: now, deletionTime: 0, destroyed: false });
    key.currentVersion = 1;
    key.oldestVersion = 1;
  }

  /** Metadata only (no version), e.g. `metadata/<p>` writes on a new key. */
  ensure(path: string): KvKey {
    let key = this.keys.get(path);
    if (!key) {
      const now = this.clock.now();
      key = {
        versions: new Map(),
        currentVersion: 0,
        oldestVersion: 0,
        maxVersions: 0,
        casRequired: false,
        deleteVersionAfter: 0,
        customMetadata: null,
        createdTime: now,
        updatedTime: now,
        metadataVersion: 0,
      };
      this.keys.set(path, key);
    }
    return key;
  }

  /** Deleted: a deletion time that has passed (a future one, from `delete_version_after`, is pending). */
  isDeleted(entry: KvVersion): boolean {
    return entry.deletionTime !== 0 && entry.deletionTime <= this.clock.now();
  }

  /**
   * The deletion time `delete_version_after` gives a version created (or undeleted) at `from`:
   * the smaller non-zero of the mount's and the key's setting; 0 when neither is set or the
   * mount disabled it (a negative setting).
   */
  deletionTimeFor(key: KvKey, from: number): number {
    const mount = this.config.deleteVersionAfter;
    if (mount < 0) return 0;
    const own = key.deleteVersionAfter;
    const after = own !== 0 && (mount === 0 || own < mount) ? own : mount;
    return after === 0 ? 0 : from + after * 1000;
  }

  maxVersionsFor(key: KvKey): number {
    return key.maxVersions || this.config.maxVersions || DEFAULT_MAX_VERSIONS;
  }

  /** Drop versions beyond the limit, oldest first. */
  #trim(key: KvKey): void {
    // The plugin's cleanup: once the current version reaches the limit, oldest_version becomes
    // current - limit + 1 and everything below it goes (oldest_version stays 0 before that).
    const limit = this.maxVersionsFor(key);
    if (key.currentVersion < limit) return;
    const oldest = key.currentVersion - limit + 1;
    for (let version = key.oldestVersion || 1; version < oldest; version++) key.versions.delete(version);
    key.oldestVersion = oldest;
  }

  retrim(key: KvKey): void {
    this.#trim(key);
  }

  /** The keys and folders (ending in `/`) directly below `prefix`, sorted. */
  list(prefix: string): string[] {
    const found = new Set<string>();
    for (const path of this.keys.keys()) {
      if (!path.startsWith(prefix)) continue;
      const rest = path.slice(prefix.length);
      if (rest === '') continue;
      const slash = rest.indexOf('/');
      found.add(slash < 0 ? rest : rest.slice(0, slash + 1));
    }
    return [...found].sort();
  }

  time(ms: number): string {
    return rfc3339Nano(ms);
  }
}
