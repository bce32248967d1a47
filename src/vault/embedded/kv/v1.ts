import { DurationError, parseDurationSeconds } from '../core/duration.js';
import { badRequest } from '../core/errors.js';
import { markImmutable } from '../core/immutable.js';
import type { Backend, Request, Response, Route } from '../core/logical.js';
import { RoutedBackend } from '../core/routes.js';
import { SYSTEM_MAX_TTL } from '../auth/token/store.js';

/**
 * The lease duration a read reports: the secret's own `ttl` (else `lease`) field when it parses as
 * a duration (`"1h"`, `90`, even negative, null meaning 0, never capped), else the mount's default.
 */
function leaseSeconds(data: Record<string, unknown>, fallback: number): number {
  const raw = Object.hasOwn(data, 'ttl') ? data.ttl : Object.hasOwn(data, 'lease') ? data.lease : undefined;
  if (raw === undefined) return fallback;
  try {
    return parseDurationSeconds(raw);
  } catch (error) {
    if (error instanceof DurationError) return fallback;
    throw error;
  }
}

/**
 * KV version 1 (`vault secrets enable kv`): one unversioned value per path. Reads carry the
 * mount's default lease duration (32 days on a dev server), as Vault's KV v1 does.
 */
export function kvV1Backend(): RoutedBackend {
  const values = new Map<string, Record<string, unknown>>();
  const backend = new RoutedBackend('kv', routes(values));
  STORED.set(backend, values);
  return backend;
}

/** The values a KV v1 backend holds (what a KV v2 backend replacing it upgrades), by backend. */
const STORED = new WeakMap<Backend, ReadonlyMap<string, Record<string, unknown>>>();

export function kvV1Values(backend: Backend | undefined): ReadonlyMap<string, Record<string, unknown>> | undefined {
  return backend ? STORED.get(backend) : undefined;
}

function routes(values: Map<string, Record<string, unknown>>): Route[] {
  const write = (request: Request, match: RegExpExecArray): Response | null => {
    if (!match[1]) throw badRequest('missing path');
    if (!request.data || Object.keys(request.data).length === 0) throw badRequest('missing data fields', null);
    values.set(match[1], markImmutable({ ...request.data }));
    return null;
  };
  return [
    {
      pattern: /^(.*)$/,
      operations: {
        read: (request, match) => {
          const data = values.get(match[1]!);
          return data
            ? { data, leaseDuration: leaseSeconds(data, request.mount?.config.defaultLeaseTtl || SYSTEM_MAX_TTL) }
            : null;
        },
        list: (_request, match) => {
          const prefix = match[1]!;
          const keys = new Set<string>();
          for (const path of values.keys()) {
            if (!path.startsWith(prefix) || path === prefix) continue;
            const rest = path.slice(prefix.length);
            const slash = rest.indexOf('/');
            keys.add(slash < 0 ? rest : rest.slice(0, slash + 1));
          }
          return keys.size ? { data: { keys: [...keys].sort() } } : null;
        },
        create: write,
        update: write,
        delete: (_request, match) => {
          values.delete(match[1]!);
          return null;
        },
      },
      exists: (_request, match) => values.has(match[1]!),
    },
  ];
}
