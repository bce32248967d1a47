import { DurationError, parseDurationSeconds } from '../core/duration.js';
import { badRequest } from '../core/errors.js';
import { getKvPairs, getMap, getWeakString } from '../core/fields.js';
import type { Request, Response, Route } from '../core/logical.js';
import type { MountEntry } from '../core/mounts.js';
import type { SysContext } from './context.js';

/** The system-wide lease TTLs of a dev server (32 days), shown for a mount that sets none. */
export const SYSTEM_MAX_LEASE_TTL = 2_764_800;
/** Mounts whose settings cannot be tuned at all. */
const FIXED = new Set(['sys/', 'cubbyhole/']);
const TUNABLE = ['default_lease_ttl', 'max_lease_ttl', 'description', 'listing_visibility', 'options'];

/**
 * The tune paths' field schema, converted before the mount is looked up (so a bad field is
 * reported first); the comma-separated header and audit-key lists are taken as they come.
 */
const TUNE_FIELDS: NonNullable<Route['fields']> = {
  default_lease_ttl: getWeakString,
  max_lease_ttl: getWeakString,
  description: getWeakString,
  options: getKvPairs,
  listing_visibility: getWeakString,
  token_type: getWeakString,
  plugin_version: getWeakString,
  user_lockout_config: getMap,
};

/** sys/mounts/<path>/tune and sys/auth/<path>/tune (logical_system.go handleMountTuneRead/Write). */
export function tuneRoutes(ctx: SysContext): Route[] {
  const route = (cls: 'secret' | 'auth', pattern: RegExp): Route => ({
    pattern,
    fields: TUNE_FIELDS,
    operations: {
      read: (_request, match) => readTune(ctx, cls, match[1]!),
      update: (request, match) => writeTune(ctx, cls, request, match[1]!),
    },
  });
  return [route('secret', /^mounts\/(.+)\/tune$/), route('auth', /^auth\/(.+)\/tune$/)];
}

const mountPath = (path: string) => (path.endsWith('/') ? path : `${path}/`);

function readTune(ctx: SysContext, cls: 'secret' | 'auth', rawPath: string): Response {
  const path = mountPath(rawPath);
  const mount = ctx.mounts.get(path, cls);
  if (!mount)
    throw badRequest(`cannot fetch sysview for path ${JSON.stringify(cls === 'auth' ? `auth/${path}` : path)}`);
  const data: Record<string, unknown> = {
    default_lease_ttl: mount.config.defaultLeaseTtl || SYSTEM_MAX_LEASE_TTL,
    description: mount.description,
    force_no_cache: false,
    max_lease_ttl: mount.config.maxLeaseTtl || SYSTEM_MAX_LEASE_TTL,
  };
  if (mount.config.listingVisibility) data.listing_visibility = mount.config.listingVisibility;
  if (mount.options && Object.keys(mount.options).length > 0) data.options = mount.options;
  if (mount.config.passthroughRequestHeaders) data.passthrough_request_headers = mount.config.passthroughRequestHeaders;
  if (cls === 'auth') data.token_type = 'default-service';
  return { data };
}

function writeTune(ctx: SysContext, cls: 'secret' | 'auth', request: Request, rawPath: string): Response | null {
  const path = mountPath(rawPath);
  const shown = cls === 'auth' ? `auth/${path}` : path;
  const mount = ctx.mounts.get(path, cls);
  if (!mount) throw badRequest(`tune of path ${JSON.stringify(shown)} failed: no mount entry found`);
  const data = request.data ?? {};
  if (cls === 'secret' && FIXED.has(path)) {
    const fixed = Object.keys(data).find((key) => TUNABLE.includes(key) && data[key] !== undefined);
    if (fixed) throw badRequest(`cannot tune parameter ${fixed} of ${path}`);
  }
  // Everything is checked before anything changes.
  const defaultTtl = ttl(data.default_lease_ttl) ?? mount.config.defaultLeaseTtl;
  const maxTtl = ttl(data.max_lease_ttl) ?? mount.config.maxLeaseTtl;
  const effectiveMax = maxTtl || SYSTEM_MAX_LEASE_TTL;
  // An unset default (0) follows the max down: only a default that was set can exceed it.
  if (defaultTtl > effectiveMax)
    throw badRequest(
      `backend max lease TTL of ${effectiveMax} would be less than backend default lease TTL of ${defaultTtl}`,
    );
  const visibility = data.listing_visibility;
  if (visibility !== undefined && visibility !== null && !['', 'unauth', 'hidden'].includes(String(visibility)))
    throw badRequest(`invalid listing_visibility ${String(visibility)}`, null);
  const options = getKvPairs(data, 'options');
  const upgrade = kvVersionChange(mount, options);
  // A new config object: built-in mounts were created sharing one.
  mount.config = { ...mount.config, defaultLeaseTtl: defaultTtl, maxLeaseTtl: maxTtl };
  const description = getWeakString(data, 'description');
  if (description !== undefined) mount.description = description;
  if (visibility !== undefined && visibility !== null) mount.config.listingVisibility = String(visibility);
  if (options) {
    mount.options = { ...mount.options };
    for (const [key, value] of Object.entries(options)) mount.options[key] = value;
  }
  if (!upgrade) return null;
  // KV v1 → v2 (`bao kv enable-versioning`): the versioned backend takes over the mount and its data.
  mount.backend = ctx.createBackend('secret', 'kv', { version: '2' }, mount.backend) ?? mount.backend;
  return {
    warnings: [
      `Upgrading mount from version ${upgrade} to version 0. This mount will be unavailable for a brief period and will resume service shortly.`,
    ],
  };
}

/** A TTL to tune: undefined when not given (unchanged), seconds otherwise (0 = system default). */
function ttl(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  try {
    return parseDurationSeconds(value);
  } catch (error) {
    if (error instanceof DurationError) throw badRequest(error.message);
    throw error;
  }
}

/** For a KV mount, the version being upgraded from (as OpenBao reports it), or undefined for no change. */
function kvVersionChange(mount: MountEntry, options: unknown): string | undefined {
  if (mount.type !== 'kv' || !options || typeof options !== 'object' || !('version' in options)) return undefined;
  const requested = String((options as { version: unknown }).version);
  const current = mount.options?.version ?? '';
  if (requested !== '1' && requested !== '2') throw badRequest(`invalid version provided: ${Number(requested) || 0}`);
  if (requested === current || (requested === '1' && current === '')) return undefined;
  if (requested === '1') throw badRequest('cannot downgrade mount from version 2');
  return current === '' ? '0' : current;
}
