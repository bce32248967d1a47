import { badRequest } from '../core/errors.js';
import { getBool, getDuration, getInt, getMap, getString } from '../core/fields.js';
import type { Request, Response, Route } from '../core/logical.js';
import { keyMetadata, mergePatch } from './responses.js';
import type { KvKey, KvStore } from './store.js';

/** The settings a metadata write or patch changes (`metadata_cas_required` is not kept here). */
const SETTINGS = ['max_versions', 'cas_required', 'metadata_cas_required', 'delete_version_after', 'custom_metadata'];
const CAS_MANDATED = '"cas_required" set to false, but is mandated by backend config. This value will be ignored.';

/** metadata/<p>: list, read, write and patch (settings and custom metadata), delete (all versions). */
export function metadataRoute(store: KvStore): Route {
  const write = (request: Request, match: RegExpExecArray): Response | null => {
    const data = request.data;
    if (!SETTINGS.some((field) => given(data, field))) return null;
    const custom = customMetadata(data);
    const key = store.ensure(match[1]!);
    if (given(data, 'max_versions')) key.maxVersions = getInt(data, 'max_versions');
    if (given(data, 'cas_required')) key.casRequired = getBool(data, 'cas_required');
    if (given(data, 'delete_version_after')) key.deleteVersionAfter = getDuration(data, 'delete_version_after');
    if (given(data, 'custom_metadata')) key.customMetadata = custom && Object.keys(custom).length ? custom : null;
    touch(store, key);
    return casWarning(store, data);
  };

  // OpenBao's JSON merge patch of the key's metadata: fields given replace the stored ones (null
  // resets them), and `custom_metadata` is merged entry by entry (a null entry removes it).
  const patch = (request: Request, match: RegExpExecArray): Response | null => {
    const data = request.data;
    if (!SETTINGS.some((field) => given(data, field))) return null;
    customMetadata(data);
    const key = store.get(match[1]!);
    if (!key) return { raw: { status: 404, body: '' } };
    if (given(data, 'max_versions')) key.maxVersions = getInt(data, 'max_versions');
    if (given(data, 'cas_required')) key.casRequired = getBool(data, 'cas_required');
    if (given(data, 'delete_version_after')) key.deleteVersionAfter = getDuration(data, 'delete_version_after');
    if (given(data, 'custom_metadata')) {
      const merged = mergePatch(key.customMetadata ?? {}, data!.custom_metadata) as Record<string, unknown> | null;
      key.customMetadata = merged && Object.keys(merged).length ? stringValues(merged) : null;
    }
    touch(store, key);
    return casWarning(store, data);
  };

  return {
    pattern: /^metadata\/(.*)$/,
    fields: {
      max_versions: getInt,
      cas_required: getBool,
      metadata_cas_required: getBool,
      delete_version_after: getDuration,
      custom_metadata: getMap,
      metadata_cas: getInt,
      after: getString,
      limit: getInt,
    },
    operations: {
      list: (_request, match) => {
        const keys = store.list(match[1]!);
        return keys.length ? { data: { keys } } : null;
      },
      read: (_request, match) => {
        const key = store.get(match[1]!);
        return key ? { data: keyMetadata(key) } : null;
      },
      create: write,
      update: write,
      patch,
      delete: (_request, match) => {
        store.keys.delete(match[1]!);
        return null;
      },
    },
    exists: (_request, match) => store.get(match[1]!) !== undefined,
  };
}

/** framework's GetOk: present, and for a duration also not null. */
function given(data: Record<string, unknown> | null, field: string): boolean {
  if (!data || !Object.hasOwn(data, field)) return false;
  return data[field] !== null || field !== 'delete_version_after';
}

function touch(store: KvStore, key: KvKey): void {
  key.updatedTime = store.clock.now();
  key.metadataVersion += 1;
}

function casWarning(store: KvStore, data: Record<string, unknown> | null): Response | null {
  if (given(data, 'cas_required') && store.config.casRequired && !getBool(data, 'cas_required'))
    return { warnings: [CAS_MANDATED] };
  return null;
}

/** `custom_metadata` as strings, checked as the plugin checks it (null entries are left out). */
function customMetadata(data: Record<string, unknown> | null): Record<string, string> | undefined {
  const raw = getMap(data, 'custom_metadata');
  if (!raw) return undefined;
  const custom = stringValues(raw);
  const problems: string[] = [];
  const keys = Object.keys(custom);
  if (keys.length > 64) problems.push(`payload must contain at most 64 keys, provided ${keys.length}`);
  else
    for (const name of keys) {
      const length = Buffer.byteLength(name);
      const valueLength = Buffer.byteLength(custom[name]!);
      if (length === 0 || length > 128)
        problems.push(`length of key ${JSON.stringify(name)} is ${length} but must be 0 < len(key) <= 128`);
      if (valueLength === 0 || valueLength > 512)
        problems.push(
          `length of value for key ${JSON.stringify(name)} is ${valueLength} but must be 0 < len(value) <= 512`,
        );
    }
  if (problems.length === 0) return custom;
  const lines = problems.map((problem) => `\t* custom_metadata validation failed: ${problem}`).join('\n');
  const count = problems.length === 1 ? '1 error occurred' : `${problems.length} errors occurred`;
  throw badRequest(`${count}:\n${lines}\n\n`, null);
}

/** Entries as strings (mapstructure's weak decoding); null entries left out. */
function stringValues(raw: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw))
    if (value !== null) out[name] = typeof value === 'string' ? value : JSON.stringify(value);
  return out;
}
