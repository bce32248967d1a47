import { badRequest } from '../core/errors.js';
import { getInt, getMap } from '../core/fields.js';
import type { Request, Response, Route } from '../core/logical.js';
import { mergePatch, versionMetadata } from './responses.js';
import { CasMismatch, type KvKey, type KvStore } from './store.js';

const CAS_MISMATCH = 'check-and-set parameter did not match the current version';
const CAS_REQUIRED = 'check-and-set parameter required for this call';

/** `data/<p>`: read (a version, or the current one), write, patch (JSON merge patch), delete the latest. */
export function dataRoute(store: KvStore): Route {
  const write = (request: Request, match: RegExpExecArray): Response => {
    const path = match[1]!;
    const body = request.data;
    const data = getMap(body, 'data');
    if (data === undefined) throw badRequest('no data provided');
    const cas = casOption(body);
    const existing = store.get(path);
    if (cas === undefined && (store.config.casRequired || existing?.casRequired)) throw badRequest(CAS_REQUIRED);
    return putVersion(store, path, data, cas);
  };

  const read = (request: Request, match: RegExpExecArray): Response | null => {
    const key = store.get(match[1]!);
    if (!key) return null;
    const version = requestedVersion(request, key);
    const entry = key.versions.get(version);
    if (!entry) return null;
    const metadata = versionMetadata(key, version, entry);
    if (entry.destroyed || store.isDeleted(entry)) return { status: 404, data: { data: null, metadata } };
    return { data: { data: entry.data, metadata } };
  };

  const patch = (request: Request, match: RegExpExecArray): Response | null => {
    const path = match[1]!;
    const key = store.get(path);
    const body = request.data;
    const data = getMap(body, 'data');
    if (data === undefined) throw badRequest('no data provided');
    if (!key) return { raw: { status: 404, body: '' } };
    const cas = casOption(body);
    if (cas === undefined && (store.config.casRequired || key.casRequired)) throw badRequest(CAS_REQUIRED);
    if (cas !== undefined && cas !== key.currentVersion) throw badRequest(CAS_MISMATCH);
    const current = key.versions.get(key.currentVersion);
    if (!current) return { raw: { status: 404, body: '' } };
    if (current.destroyed || store.isDeleted(current))
      return { status: 404, data: versionMetadata(key, key.currentVersion, current) };
    return putVersion(store, path, mergePatch(current.data, data) as Record<string, unknown>, cas);
  };

  const deleteLatest = (_request: Request, match: RegExpExecArray): Response | null => {
    const key = store.get(match[1]!);
    const entry = key?.versions.get(key.currentVersion);
    if (entry && !entry.destroyed && !store.isDeleted(entry)) entry.deletionTime = store.clock.now();
    return null;
  };

  return {
    pattern: /^data\/(.*)$/,
    fields: { version: getInt, options: getMap, data: getMap },
    operations: { read, create: write, update: write, patch, delete: deleteLatest },
    exists: (_request, match) => store.get(match[1]!) !== undefined,
  };
}

/** `?version=N`: N when positive, else the current version (0, -1 and the like read the latest). */
export function requestedVersion(request: Request, key: KvKey): number {
  const version = getInt(request.data, 'version');
  return version > 0 ? version : key.currentVersion;
}

/** Stores a new version and answers with its metadata; a check-and-set mismatch is Vault's 400. */
function putVersion(store: KvStore, path: string, data: Record<string, unknown>, cas: number | undefined): Response {
  try {
    const { key, version } = store.put(path, data, cas);
    return { data: versionMetadata(key, version, key.versions.get(version)!) };
  } catch (error) {
    if (error instanceof CasMismatch) throw badRequest(CAS_MISMATCH);
    throw error;
  }
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
