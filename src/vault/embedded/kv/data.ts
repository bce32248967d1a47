import { badRequest, VaultError } from '../core/errors.js';
import { getInt } from '../core/fields.js';
import type { Request, Response, Route } from '../core/logical.js';
import { mergePatch, subkeys, versionMetadata } from './responses.js';
import { CasMismatch, type KvKey, type KvStore } from './store.js';

const CAS_MISMATCH = 'check-and-set parameter did not match the current version';
const CAS_REQUIRED = 'check-and-set parameter required for this call';

/** data/<p>, delete/<p>, undelete/<p>, destroy/<p>, subkeys/<p>. */
export function dataRoutes(store: KvStore): Route[] {
  const write = (request: Request, match: RegExpExecArray): Response => {
    const path = match[1]!;
    const body = request.data;
    const data = body?.data;
    if (data === undefined || data === null) throw badRequest('no data provided');
    if (typeof data !== 'object' || Array.isArray(data)) throw dataFieldError(data);
    const cas = casOption(body);
    const existing = store.get(path);
    if (cas === undefined && (store.config.casRequired || existing?.casRequired)) throw badRequest(CAS_REQUIRED);
    return putVersion(path, data as Record<string, unknown>, cas);
  };

  /** Stores a new version and answers with its metadata; a check-and-set mismatch is Vault's 400. */
  const putVersion = (path: string, data: Record<string, unknown>, cas: number | undefined): Response => {
    try {
      const { key, version } = store.put(path, data, cas);
      return { data: versionMetadata(key, version, key.versions.get(version)!) };
    } catch (error) {
      if (error instanceof CasMismatch) throw badRequest(CAS_MISMATCH);
      throw error;
    }
  };

  const read = (request: Request, match: RegExpExecArray): Response | null => {
    const key = store.get(match[1]!);
    if (!key) return null;
    let version = getInt(request.data, 'version');
    if (version === 0) version = key.currentVersion;
    const entry = key.versions.get(version);
    if (!entry) return null;
    const metadata = versionMetadata(key, version, entry);
    if (entry.destroyed || (entry.deletionTime && entry.deletionTime <= store.clock.now())) {
      return { status: 404, data: { data: null, metadata } };
    }
    return { data: { data: entry.data, metadata } };
  };

  const patch = (request: Request, match: RegExpExecArray): Response | null => {
    const path = match[1]!;
    const key = store.get(path);
    const body = request.data;
    if (body?.data === undefined || body.data === null) throw badRequest('no data provided');
    const current = key?.versions.get(key.currentVersion);
    const cas = casOption(body);
    if (cas === undefined && (store.config.casRequired || key?.casRequired)) throw badRequest(CAS_REQUIRED);
    if (!key || !current) return { raw: { status: 404, body: '' } };
    if (current.destroyed || current.deletionTime)
      return { status: 404, data: versionMetadata(key, key.currentVersion, current) };
    return putVersion(path, mergePatch(current.data, body.data) as Record<string, unknown>, cas);
  };

  const deleteLatest = (_request: Request, match: RegExpExecArray): Response | null => {
    const key = store.get(match[1]!);
    const entry = key?.versions.get(key.currentVersion);
    if (entry && !entry.destroyed && !entry.deletionTime) entry.deletionTime = store.clock.now();
    return null;
  };

  return [
    {
      pattern: /^data\/(.+)$/,
      operations: { read, create: write, update: write, patch, delete: deleteLatest },
      // The framework validates fields before the existence check; a body it cannot decode
      // leaves the operation as update.
      exists: (request, match) => {
        const data = request.data?.data;
        if (data !== undefined && data !== null && (typeof data !== 'object' || Array.isArray(data)))
          throw dataFieldError(data);
        return store.get(match[1]!) !== undefined;
      },
    },
    ...versionRoutes(store),
  ];
}

/** delete/<p>, undelete/<p>, destroy/<p> (a list of versions each) and subkeys/<p>. */
function versionRoutes(store: KvStore): Route[] {
  const versionsOp =
    (lowercase: boolean, apply: (key: KvKey, version: number) => void) =>
    (request: Request, match: RegExpExecArray): Response | null => {
      const versions = versionList(request.data);
      if (versions.length === 0)
        throw badRequest(lowercase ? 'no version number provided' : 'No version number provided');
      const key = store.get(match[1]!);
      if (key) for (const version of versions) apply(key, version);
      return null;
    };

  return [
    {
      pattern: /^delete\/(.+)$/,
      operations: {
        update: versionsOp(false, (key, version) => {
          const entry = key.versions.get(version);
          if (entry && !entry.destroyed && !entry.deletionTime) entry.deletionTime = store.clock.now();
        }),
      },
    },
    {
      pattern: /^undelete\/(.+)$/,
      operations: {
        update: versionsOp(false, (key, version) => {
          const entry = key.versions.get(version);
          if (entry && !entry.destroyed) entry.deletionTime = 0;
        }),
      },
    },
    {
      pattern: /^destroy\/(.+)$/,
      operations: {
        update: versionsOp(true, (key, version) => {
          const entry = key.versions.get(version);
          if (entry) {
            entry.destroyed = true;
            entry.data = null;
          }
        }),
      },
    },
    {
      pattern: /^subkeys\/(.+)$/,
      operations: {
        read: (request, match) => {
          const key = store.get(match[1]!);
          if (!key) return null;
          let version = getInt(request.data, 'version');
          if (version === 0) version = key.currentVersion;
          const entry = key.versions.get(version);
          if (!entry) return null;
          const metadata = versionMetadata(key, version, entry);
          if (entry.destroyed || entry.deletionTime) return { status: 404, data: { subkeys: null, metadata } };
          return { data: { subkeys: subkeys(entry.data ?? {}, getInt(request.data, 'depth')), metadata } };
        },
      },
    },
  ];
}

function casOption(body: Record<string, unknown> | null): number | undefined {
  const options = body?.options;
  if (!options || typeof options !== 'object' || Array.isArray(options)) return undefined;
  const cas = (options as Record<string, unknown>).cas;
  if (cas === undefined || cas === null) return undefined;
  if (typeof cas === 'number' && Number.isInteger(cas)) return cas;
  if (typeof cas === 'string' && /^\d+$/.test(cas)) return Number(cas);
  throw badRequest('error parsing check-and-set parameter');
}

function versionList(data: Record<string, unknown> | null): number[] {
  const raw = data?.versions;
  if (raw === undefined || raw === null) return [];
  const items = Array.isArray(raw) ? raw : String(raw).split(',');
  return items.map((item) => {
    const number = typeof item === 'number' ? item : Number(String(item).trim());
    if (!Number.isInteger(number))
      throw new VaultError(400, [`error converting input for field "versions": cannot parse value as 'int'`]);
    return number;
  });
}

function dataFieldError(data: unknown) {
  const type = Array.isArray(data) ? '[]interface {}' : typeof data === 'number' ? 'json.Number' : typeof data;
  return badRequest(
    `error converting input for field "data": '' expected type 'map[string]interface {}', got unconvertible type '${type}'`,
  );
}
